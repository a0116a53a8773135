-- Statistics live in their own schema, so a rebuild can fill a shadow schema from the event log and swap it in
-- with two renames in one transaction. Flyway's history stays in public, outside what is swapped.
CREATE SCHEMA stats;
ALTER TABLE post_fact SET SCHEMA stats;
ALTER TABLE like_fact SET SCHEMA stats;

-- Days are the day a post was sorted at (Bluesky's sortAt), as in the archive, so both count the same day.
ALTER TABLE stats.post_fact RENAME COLUMN created_at TO posted_at;
ALTER TABLE stats.post_fact
    ADD COLUMN mentions            TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN reply_parent_did    TEXT,
    ADD COLUMN reply_parent_handle TEXT,
    -- When the event that wrote the row happened: an older event never overwrites a newer one, so facts come
    -- out the same whatever order the topics are replayed in (last writer wins, by event time).
    ADD COLUMN event_at            TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE stats.like_fact ADD COLUMN event_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';

-- A deleted post or like: a replayed fetch from before the deletion must not bring it back.
CREATE TABLE stats.deleted_fact (
    uri        TEXT PRIMARY KEY,
    did        TEXT        NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX deleted_fact_did_idx ON stats.deleted_fact (did);

-- An account's settings; after AccountDeleted only did and deleted_at remain, which keep replayed facts from
-- before the deletion out.
CREATE TABLE stats.account (
    did         TEXT PRIMARY KEY,
    handle      TEXT,
    time_zone   TEXT        NOT NULL DEFAULT 'UTC',
    visibility  TEXT        NOT NULL DEFAULT 'PUBLIC',
    settings_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
    deleted_at  TIMESTAMPTZ
);
CREATE INDEX account_handle_idx ON stats.account (lower(handle));
