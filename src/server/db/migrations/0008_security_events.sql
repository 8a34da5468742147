-- The security event log (issue 12): sign-ins and their failures, locks and unlocks, sign-outs,
-- ended sessions, card and PIN changes, refused requests. Append-only like access_log and
-- admin_audit. It never holds a password, a PIN, a token, a card secret or code, nor the text of
-- an email that matched nobody (it might be a mistyped password): only what is needed to see
-- who, what, why, from where and when.
CREATE TABLE security_events (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  person_id   INTEGER REFERENCES people(id),   -- whom the event is about; NULL when unknown
  role        TEXT,                            -- that person's role at the time
  unit_id     INTEGER REFERENCES units(id),    -- whose admins see it
  by_id       INTEGER REFERENCES people(id),   -- who did it, when someone else did (an admin)
  ip          TEXT NOT NULL DEFAULT '',
  user_agent  TEXT NOT NULL DEFAULT '',        -- short form: browser and system only
  path        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX security_events_unit ON security_events (unit_id, at);
CREATE INDEX security_events_person ON security_events (person_id, at);
CREATE TRIGGER security_events_no_update BEFORE UPDATE ON security_events
BEGIN SELECT RAISE(ABORT, 'security_events is append-only'); END;
CREATE TRIGGER security_events_no_delete BEFORE DELETE ON security_events
BEGIN SELECT RAISE(ABORT, 'security_events is append-only'); END;
