-- An account's deletion, kept after everything else of it is gone: events fetched before it (by a sync that was
-- still running when the account was deleted) arrive later and must not bring the account back. Nothing but the
-- DID and the time; a new login after the deletion fetches events dated after it, which pass.
CREATE TABLE account_deletion (
    did        TEXT PRIMARY KEY,
    deleted_at TIMESTAMPTZ NOT NULL
);
