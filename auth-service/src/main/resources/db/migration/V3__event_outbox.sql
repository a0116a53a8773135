-- The events auth-service owes the rest of Skylog, written in the same transaction as the change they announce
-- and relayed to Kafka by OutboxRelay, which deletes each once the broker has acknowledged it: a change is never
-- committed without its event, and no event goes out for a change that was rolled back. Nothing here is secret
-- (no event type can carry a token), and a row lives only until it is relayed.
CREATE TABLE event_outbox (
    id         BIGSERIAL PRIMARY KEY,
    topic      TEXT        NOT NULL,
    event_key  TEXT        NOT NULL,
    payload    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
