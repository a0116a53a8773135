-- One row per Bluesky account that logged in to Skylog. Tokens are stored only as AES-256-GCM ciphertext;
-- token_key_id names the key that sealed them, so keys can rotate without a flag day.
CREATE TABLE account (
    did                    TEXT PRIMARY KEY,
    handle                 TEXT        NOT NULL,
    pds_url                TEXT        NOT NULL,
    status                 TEXT        NOT NULL DEFAULT 'active'
                           CHECK (status IN ('active', 'reauth_required', 'deleted')),
    access_jwt_sealed      BYTEA,
    refresh_jwt_sealed     BYTEA,
    token_key_id           TEXT,
    access_expires_at      TIMESTAMPTZ,
    time_zone              TEXT        NOT NULL DEFAULT 'UTC',
    visibility             TEXT        NOT NULL DEFAULT 'PUBLIC' CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    allow_crawlers         BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX account_handle_idx ON account (lower(handle));
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
