-- Handles change on Bluesky: the newest one an event showed (AccountLinked or ProfileFetched) finds the account.
ALTER TABLE stats.account ADD COLUMN handle_seen_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
UPDATE stats.account SET handle_seen_at = settings_at WHERE handle IS NOT NULL;
