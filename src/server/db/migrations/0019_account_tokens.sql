-- Issue 16, points 3 and 4: invitation and password-reset links. A link carries a random token;
-- only its SHA-256 is kept, so the table alone opens no account. A link works once
-- (used_at), until expires_at, and not after it was cancelled (a new invitation, or an admin's
-- "Peruuta kutsu", cancels the earlier ones of that person and purpose).
CREATE TABLE account_tokens (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES people(id),
  purpose       TEXT NOT NULL CHECK (purpose IN ('invitation', 'reset')),
  token_hash    TEXT NOT NULL UNIQUE,
  created_by    INTEGER REFERENCES people(id),   -- NULL: asked by the person (a reset) or the command line
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  used_at       INTEGER,
  cancelled_at  INTEGER
) STRICT;
CREATE INDEX account_tokens_person ON account_tokens (person_id, purpose, created_at);
