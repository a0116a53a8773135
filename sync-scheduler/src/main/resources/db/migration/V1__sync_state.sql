-- Each account's sync state. A sync in flight holds a lease until lease_expires_at: a worker that dies
-- leaves an expired lease, never a flag that stays set.
CREATE TABLE sync_state (
    did                  TEXT PRIMARY KEY,
    due_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_id             UUID,
    lease_expires_at     TIMESTAMPTZ,
    checkpoint           JSONB       NOT NULL DEFAULT '{}'::jsonb,
    consecutive_failures INTEGER     NOT NULL DEFAULT 0,
    last_outcome         TEXT,
    last_completed_at    TIMESTAMPTZ,
    reauth_required      BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sync_state_due_idx ON sync_state (due_at) WHERE NOT reauth_required;
