-- The archive's own copy of each account's history, keyed by AT URI so a redelivered event is an upsert.
CREATE TABLE profile (
    did          TEXT PRIMARY KEY,
    handle       TEXT        NOT NULL,
    display_name TEXT,
    description  TEXT,
    avatar_url   TEXT,
    labels       TEXT[]      NOT NULL DEFAULT '{}',
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE post (
    uri         TEXT PRIMARY KEY,
    did         TEXT        NOT NULL,
    cid         TEXT,
    kind        TEXT        NOT NULL CHECK (kind IN ('POST', 'REPLY', 'QUOTE', 'REPOST')),
    created_at  TIMESTAMPTZ NOT NULL,
    sort_at     TIMESTAMPTZ NOT NULL,
    text        TEXT        NOT NULL DEFAULT '',
    content     JSONB       NOT NULL,
    archived_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX post_timeline_idx ON post (did, sort_at DESC, uri DESC);
