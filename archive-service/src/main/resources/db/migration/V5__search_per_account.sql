-- Searches are always within one account. With the account in the same GIN index as the trigrams (btree_gin, a
-- trusted extension like pg_trgm), a common word costs the account's matches, not every account's: the index
-- intersects the account's entries with the word's before any row is read.
-- Built in the migration's transaction (CREATE INDEX CONCURRENTLY cannot run in one): ingest
-- waits while it builds, reads go on.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX post_search_account_idx ON post USING gin (did, search_text gin_trgm_ops);
DROP INDEX post_search_idx;
