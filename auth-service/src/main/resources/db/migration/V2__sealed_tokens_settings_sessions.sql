-- Tokens are sealed per role with the account's DID bound in (see TokenCipher); the column names say so.
ALTER TABLE account RENAME COLUMN access_jwt_ciphertext TO access_jwt_sealed;
ALTER TABLE account RENAME COLUMN refresh_jwt_ciphertext TO refresh_jwt_sealed;
ALTER TABLE account RENAME COLUMN key_id TO token_key_id;
-- Bluesky refresh tokens are rotated on every use; their expiry is not Skylog's to track.
ALTER TABLE account DROP COLUMN refresh_expires_at;
ALTER TABLE account
    ADD COLUMN time_zone      TEXT    NOT NULL DEFAULT 'UTC',
    ADD COLUMN visibility     TEXT    NOT NULL DEFAULT 'PUBLIC' CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    ADD COLUMN allow_crawlers BOOLEAN NOT NULL DEFAULT TRUE;
CREATE INDEX account_token_key_idx ON account (token_key_id);

-- Skylog's own browser sessions: the refresh cookie is random and only its SHA-256 is stored.
CREATE TABLE web_session (
    id           UUID PRIMARY KEY,
    did          TEXT        NOT NULL REFERENCES account (did) ON DELETE CASCADE,
    refresh_hash BYTEA       NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX web_session_did_idx ON web_session (did);

-- Invitation codes (registration mode "invitation"); only the SHA-256 of a code is stored.
CREATE TABLE invitation (
    code_hash  BYTEA PRIMARY KEY,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    used_by    TEXT,
    used_at    TIMESTAMPTZ
);
