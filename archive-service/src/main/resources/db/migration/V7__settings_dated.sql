-- Settings follow the newest event that carried them, as stats does: a late or repeated AccountSettingsChanged (the
-- outbox can send one twice) must not make an archive the owner has since made private public again.
ALTER TABLE account_settings ADD COLUMN settings_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
