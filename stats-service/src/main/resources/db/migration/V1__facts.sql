-- Facts keyed by AT URI: statistics are derived from them, so a replayed event can never count twice.
CREATE TABLE post_fact (
    uri        TEXT PRIMARY KEY,
    did        TEXT        NOT NULL,
    kind       TEXT        NOT NULL CHECK (kind IN ('POST', 'REPLY', 'QUOTE', 'REPOST')),
    created_at TIMESTAMPTZ NOT NULL,
    chars      INTEGER     NOT NULL DEFAULT 0,
    has_media  BOOLEAN     NOT NULL DEFAULT FALSE,
    hashtags   TEXT[]      NOT NULL DEFAULT '{}'
);
CREATE INDEX post_fact_did_idx ON post_fact (did, created_at);
CREATE TABLE like_fact (
    uri      TEXT PRIMARY KEY,
    did      TEXT        NOT NULL,
    liked_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX like_fact_did_idx ON like_fact (did, liked_at);
