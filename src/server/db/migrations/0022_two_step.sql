-- Issue 16, point 7: two-step sign-in for staff (workers and admins). After the right password a
-- worker who has turned it on types a 6-digit code from an authenticator app (TOTP, RFC 6238),
-- or one of 10 single-use recovery codes. A unit admin can require it of all staff of the unit.

-- One row per person who has begun or finished enrolling. The TOTP key is kept encrypted
-- (AES-256-GCM) with a key the server keeps outside the database (two-step.key beside it, or
-- OMAPOLKU_TWO_STEP_KEY), so a copy of the database alone gives no codes. enrolled_at is NULL
-- while the person has seen the QR code but not yet typed its first code. last_step is the
-- 30-second time step of the last code accepted: a code of that step or an earlier one is
-- refused, so a code seen over someone's shoulder cannot be used again.
CREATE TABLE two_step (
  person_id    INTEGER PRIMARY KEY REFERENCES people(id),
  secret       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  enrolled_at  INTEGER,
  last_step    INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Recovery codes for a lost phone: only a SHA-256 of each is kept (the codes are random, 50
-- bits each), and each works once (used_at). Making new ones deletes the old ones.
CREATE TABLE recovery_codes (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES people(id),
  code_hash   TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  used_at     INTEGER,
  UNIQUE (person_id, code_hash)
) STRICT;

-- A sign-in whose password was right and whose second step is still to do: the code, or, when
-- the unit requires two-step sign-in and the person has not enrolled, the enrolment. The cookie
-- holds a random token; only its SHA-256 is here. No session exists until the step is done.
CREATE TABLE pending_second_steps (
  id          TEXT PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES people(id),
  purpose     TEXT NOT NULL CHECK (purpose IN ('code', 'enrol')),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX pending_second_steps_person ON pending_second_steps (person_id);

-- "Vaadi kaksivaiheinen tunnistus henkilökunnalta": set by the unit's admin (audited).
ALTER TABLE units ADD COLUMN staff_two_step INTEGER NOT NULL DEFAULT 0 CHECK (staff_two_step IN (0, 1));
