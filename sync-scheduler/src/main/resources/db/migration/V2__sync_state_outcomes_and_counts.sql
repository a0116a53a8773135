-- What the API and the dashboards show about an account's syncs, and what makes the consumers idempotent.
ALTER TABLE sync_state
    -- occurredAt of the newest AccountLinked applied: a redelivered or older account event is recognised by it.
    ADD COLUMN linked_at           TIMESTAMPTZ,
    ADD COLUMN last_requested_at   TIMESTAMPTZ,
    ADD COLUMN last_trigger        TEXT,
    ADD COLUMN last_progress_at    TIMESTAMPTZ,
    ADD COLUMN last_failed_at      TIMESTAMPTZ,
    -- A SyncFailed reason (RATE_LIMITED, …) and its short detail; the detail stays out of the public API.
    ADD COLUMN last_failure_reason TEXT,
    ADD COLUMN last_failure_detail TEXT,
    -- The sync in flight (or the last one): posts and likes reported so far.
    ADD COLUMN sync_posts          INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN sync_likes          INTEGER NOT NULL DEFAULT 0,
    -- Everything fetched for this account since it was linked.
    ADD COLUMN posts_fetched       BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN likes_fetched       BIGINT  NOT NULL DEFAULT 0,
    ADD CONSTRAINT sync_state_lease_whole CHECK ((lease_id IS NULL) = (lease_expires_at IS NULL)),
    ADD CONSTRAINT sync_state_outcome CHECK (last_outcome IS NULL OR last_outcome IN ('completed', 'failed'));
