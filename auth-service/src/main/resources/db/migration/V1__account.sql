-- One row per Bluesky account that logged in to Skylog. Tokens are stored only as AES-256-GCM ciphertext;
-- key_id names the key that sealed them, so keys can rotate without a flag day.
CREATE TABLE account (
    did                    TEXT PRIMARY KEY,
    handle                 TEXT        NOT NULL,
    pds_url                TEXT        NOT NULL,
    status                 TEXT        NOT NULL DEFAULT 'active'
                           CHECK (status IN ('active', 'reauth_required', 'deleted')),
    access_jwt_ciphertext  BYTEA,
    refresh_jwt_ciphertext BYTEA,
    key_id                 TEXT,
    access_expires_at      TIMESTAMPTZ,
    refresh_expires_at     TIMESTAMPTZ,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX account_handle_idx ON account (lower(handle));
