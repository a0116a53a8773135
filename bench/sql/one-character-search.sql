-- A one-character search that matches nothing, with the timeline index as it is and with the searched text
-- included in it (an index-only scan). bench/README.md, archive-service, quotes this run:
--   psql -h 127.0.0.1 -U postgres -f bench/sql/one-character-search.sql
-- It creates and drops its own database, exp_search.
DROP DATABASE IF EXISTS exp_search;
CREATE DATABASE exp_search;
\c exp_search
CREATE TABLE post (uri text PRIMARY KEY, did text NOT NULL, sort_at timestamptz NOT NULL, hidden boolean NOT NULL DEFAULT false,
  search_text text NOT NULL, content jsonb NOT NULL);
INSERT INTO post SELECT 'at://did:plc:a' || (i % 20) || '/app.bsky.feed.post/' || i, 'did:plc:a' || (i % 20),
  now() - (i || ' minutes')::interval, false,
  (array['今日は','東京','猫','雨','仕事','ラーメン','コーヒー','映画','温泉','本','夢','の','が','を','に'])[1 + (i*7) % 15] ||
  (array['今日は','東京','猫','雨','仕事','ラーメン','コーヒー','映画','温泉','本','夢','の','が','を','に'])[1 + (i*11) % 15] ||
  (array['今日は','東京','猫','雨','仕事','ラーメン','コーヒー','映画','温泉','本','夢','の','が','を','に'])[1 + (i*13) % 15] || ' 散歩した',
  jsonb_build_object('text', repeat('x', 600), 'facets', '[]'::jsonb)
FROM generate_series(1, 200000) i;
CREATE INDEX post_timeline_idx ON post (did, sort_at DESC, uri DESC);
VACUUM ANALYZE post;
\timing on
SELECT count(*) FROM (SELECT uri FROM post p WHERE p.did = 'did:plc:a3' AND NOT p.hidden AND strpos(p.search_text, '鯨') > 0 ORDER BY p.sort_at DESC, p.uri DESC LIMIT 51) x;
SELECT count(*) FROM (SELECT uri FROM post p WHERE p.did = 'did:plc:a3' AND NOT p.hidden AND strpos(p.search_text, '鯨') > 0 ORDER BY p.sort_at DESC, p.uri DESC LIMIT 51) x;
SELECT count(*) FROM (SELECT uri FROM post p WHERE p.did = 'did:plc:a3' AND NOT p.hidden AND strpos(p.search_text, '鯨') > 0 ORDER BY p.sort_at DESC, p.uri DESC LIMIT 51) x;
EXPLAIN (ANALYZE, BUFFERS) SELECT uri FROM post p WHERE p.did = 'did:plc:a3' AND NOT p.hidden AND strpos(p.search_text, '鯨') > 0 ORDER BY p.sort_at DESC, p.uri DESC LIMIT 51;
CREATE INDEX post_timeline_text_idx ON post (did, sort_at DESC, uri DESC) INCLUDE (hidden, search_text);
VACUUM ANALYZE post;
SELECT count(*) FROM (SELECT uri FROM post p WHERE p.did = 'did:plc:a3' AND NOT p.hidden AND strpos(p.search_text, '鯨') > 0 ORDER BY p.sort_at DESC, p.uri DESC LIMIT 51) x;
SELECT count(*) FROM (SELECT uri FROM post p WHERE p.did = 'did:plc:a3' AND NOT p.hidden AND strpos(p.search_text, '鯨') > 0 ORDER BY p.sort_at DESC, p.uri DESC LIMIT 51) x;
SELECT count(*) FROM (SELECT uri FROM post p WHERE p.did = 'did:plc:a3' AND NOT p.hidden AND strpos(p.search_text, '鯨') > 0 ORDER BY p.sort_at DESC, p.uri DESC LIMIT 51) x;
EXPLAIN (ANALYZE, BUFFERS) SELECT uri FROM post p WHERE p.did = 'did:plc:a3' AND NOT p.hidden AND strpos(p.search_text, '鯨') > 0 ORDER BY p.sort_at DESC, p.uri DESC LIMIT 51;
\c postgres
DROP DATABASE exp_search;
