-- PostgreSQL version of migrations/0021_single_sign_on.sql: the same resulting schema (compared by
-- schema.engines.test.ts); the why of each table and column is told there.

CREATE TABLE sso_logins (
  id             TEXT PRIMARY KEY,
  state          TEXT NOT NULL,
  nonce          TEXT NOT NULL,
  code_verifier  TEXT NOT NULL,
  redirect_uri   TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  expires_at     BIGINT NOT NULL
);
CREATE INDEX sso_logins_expires ON sso_logins (expires_at);

CREATE TABLE sso_identities (
  issuer           TEXT NOT NULL,
  subject          TEXT NOT NULL,
  person_id        BIGINT NOT NULL REFERENCES people(id),
  linked_at        BIGINT NOT NULL,
  last_sign_in_at  BIGINT NOT NULL,
  PRIMARY KEY (issuer, subject),
  UNIQUE (person_id, issuer)
);

ALTER TABLE units ADD COLUMN password_sign_in BIGINT NOT NULL DEFAULT 1 CHECK (password_sign_in IN (0, 1));
