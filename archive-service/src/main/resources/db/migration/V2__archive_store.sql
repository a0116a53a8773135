-- The archive's store: one row per post, repost and like by AT URI, so a redelivered or replayed event is an
-- upsert; what a post contains (media, hashtags, mentions, links) in tables of their own for the filters.
ALTER TABLE profile
    ADD COLUMN banner_url      TEXT,
    ADD COLUMN followers_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN follows_count   BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN posts_count     BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN created_at      TIMESTAMPTZ;
CREATE INDEX profile_handle_idx ON profile (lower(handle));

CREATE TABLE account_settings (
    did            TEXT PRIMARY KEY,
    time_zone      TEXT    NOT NULL DEFAULT 'UTC',
    visibility     TEXT    NOT NULL DEFAULT 'PUBLIC',
    allow_crawlers BOOLEAN NOT NULL DEFAULT TRUE
);

ALTER TABLE post
    ADD COLUMN author_did       TEXT,
    ADD COLUMN author_handle    TEXT,
    ADD COLUMN langs            TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN reply_root_uri   TEXT,
    ADD COLUMN reply_parent_uri TEXT,
    ADD COLUMN reply_parent_did TEXT,
    ADD COLUMN quoted_uri       TEXT,
    ADD COLUMN reply_count      BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN repost_count     BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN like_count       BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN quote_count      BIGINT  NOT NULL DEFAULT 0,
    -- The owner hid it from the archive; a later fetch of the same post must not bring it back.
    ADD COLUMN hidden           BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE post_media (
    post_uri     TEXT    NOT NULL REFERENCES post (uri) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    alt          TEXT    NOT NULL DEFAULT '',
    thumb_url    TEXT,
    fullsize_url TEXT,
    width        INTEGER NOT NULL DEFAULT 0,
    height       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (post_uri, position)
);
CREATE TABLE post_hashtag (
    post_uri TEXT NOT NULL REFERENCES post (uri) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (post_uri, tag)
);
CREATE INDEX post_hashtag_tag_idx ON post_hashtag (lower(tag));
CREATE TABLE post_mention (
    post_uri TEXT NOT NULL REFERENCES post (uri) ON DELETE CASCADE,
    did      TEXT NOT NULL,
    PRIMARY KEY (post_uri, did)
);
CREATE TABLE post_link (
    post_uri TEXT NOT NULL REFERENCES post (uri) ON DELETE CASCADE,
    url      TEXT NOT NULL,
    PRIMARY KEY (post_uri, url)
);

CREATE TABLE liked_post (
    uri         TEXT PRIMARY KEY,
    did         TEXT        NOT NULL,
    subject_uri TEXT        NOT NULL,
    liked_at    TIMESTAMPTZ NOT NULL,
    subject     JSONB,
    archived_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX liked_post_did_idx ON liked_post (did, liked_at DESC, uri DESC);
