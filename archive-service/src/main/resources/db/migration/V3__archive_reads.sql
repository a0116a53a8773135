-- What the read API needs: an account found by its handle, searchable text, the newest sync state.

-- The handle an account logged in with; profiles keep it current after a handle change.
ALTER TABLE account_settings
    ADD COLUMN handle         TEXT,
    ADD COLUMN handle_seen_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX account_settings_handle_idx ON account_settings (lower(handle));

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it without superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- The post's text NFKC-normalised and lower-cased in the service (so full-width Ａ and half-width ｶﾅ match
-- what people type); queries of three characters or more use the trigram index, shorter ones scan the
-- account's own posts, which pg_trgm cannot index (PostgreSQL here has no pg_bigm).
ALTER TABLE post ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE post SET search_text = lower(normalize(text, NFKC));
CREATE INDEX post_search_idx ON post USING gin (search_text gin_trgm_ops);
CREATE INDEX post_reply_partner_idx ON post (did, reply_parent_did) WHERE kind = 'REPLY';

CREATE TABLE account_sync (
    did               TEXT PRIMARY KEY,
    sync_id           UUID        NOT NULL,
    state             TEXT        NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED')),
    posts_so_far      INTEGER     NOT NULL DEFAULT 0,
    likes_so_far      INTEGER     NOT NULL DEFAULT 0,
    failure_reason    TEXT,
    last_completed_at TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL
);
