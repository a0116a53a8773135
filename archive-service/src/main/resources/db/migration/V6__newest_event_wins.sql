-- Archive and stats apply events about a record by one rule (dev.skylog.events.EventOrder): the newest event
-- wins, whatever order events arrive in. A row remembers the time of the event that wrote it, and a deleted post
-- or like leaves a tombstone, so a fetch from before the deletion that arrives after it (an overlapping sync, a
-- replay) cannot bring it back. Rows already stored count as older than every event.
ALTER TABLE post ADD COLUMN event_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE liked_post ADD COLUMN event_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE profile ADD COLUMN event_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';

CREATE TABLE record_tombstone (
    uri        TEXT PRIMARY KEY,
    did        TEXT        NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX record_tombstone_did_idx ON record_tombstone (did);
