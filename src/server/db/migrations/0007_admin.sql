-- Admin and onboarding (issue 7): the services a unit offers, a person's own photo, and the
-- admin audit log. Every change an admin makes is written to admin_audit in the same
-- transaction as the change (who, what, when, old → new); the log refuses UPDATE and DELETE.

ALTER TABLE units ADD COLUMN service_types TEXT NOT NULL DEFAULT '';
-- A person's photo (resized to a small square, metadata removed); the avatar picture until then.
ALTER TABLE people ADD COLUMN photo_id INTEGER REFERENCES photos(id);

CREATE TABLE admin_audit (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor_id     INTEGER REFERENCES people(id),   -- NULL: the first-run set-up on the command line
  unit_id      INTEGER REFERENCES units(id),
  action       TEXT NOT NULL,
  target_type  TEXT NOT NULL,
  target_id    INTEGER,
  old_value    TEXT,                             -- JSON of the changed fields before
  new_value    TEXT                              -- JSON of the changed fields after
) STRICT;
CREATE INDEX admin_audit_unit ON admin_audit (unit_id, at);
CREATE TRIGGER admin_audit_no_update BEFORE UPDATE ON admin_audit
BEGIN SELECT RAISE(ABORT, 'admin_audit is append-only'); END;
CREATE TRIGGER admin_audit_no_delete BEFORE DELETE ON admin_audit
BEGIN SELECT RAISE(ABORT, 'admin_audit is append-only'); END;
