CREATE TABLE note (
    id      BIGSERIAL PRIMARY KEY,
    body    TEXT        NOT NULL,
    created TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO note (body) VALUES ('migrated by Flyway'), ('日本語のメモ');
