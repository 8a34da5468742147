-- Issue 16, points 8 and 9: staff sign in with their organisation's account (OpenID Connect).

-- A sign-in begun at /login/sso and not yet back from the organisation's sign-in service. The
-- browser holds a random value in a cookie; only its SHA-256 is the key here, so the table alone
-- finishes no sign-in. A row is taken (deleted) by the first answer that comes back with its
-- cookie, whatever that answer is, and is good for 10 minutes: state, nonce and the PKCE
-- verifier are used once.
CREATE TABLE sso_logins (
  id             TEXT PRIMARY KEY,
  state          TEXT NOT NULL,
  nonce          TEXT NOT NULL,
  code_verifier  TEXT NOT NULL,
  -- The address the service sends the browser back to, exactly as it was asked for.
  redirect_uri   TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX sso_logins_expires ON sso_logins (expires_at);

-- Which account of which sign-in service is which worker or admin. Made at the first sign-in
-- that matched the person by a verified email; from then on the subject alone (issuer + sub,
-- which never change, unlike an email) finds the person. Never made for family or clients.
CREATE TABLE sso_identities (
  issuer           TEXT NOT NULL,
  subject          TEXT NOT NULL,
  person_id        INTEGER NOT NULL REFERENCES people(id),
  linked_at        INTEGER NOT NULL,
  last_sign_in_at  INTEGER NOT NULL,
  PRIMARY KEY (issuer, subject),
  UNIQUE (person_id, issuer)
) STRICT;

-- A unit admin may turn password sign-in off for the unit's workers and admins once the
-- organisation's sign-in works (they then sign in only that way). Family members belong to no
-- unit and keep their passwords. It counts only while single sign-on is configured, so taking
-- the configuration away lets everyone sign in with a password again.
ALTER TABLE units ADD COLUMN password_sign_in INTEGER NOT NULL DEFAULT 1 CHECK (password_sign_in IN (0, 1));
