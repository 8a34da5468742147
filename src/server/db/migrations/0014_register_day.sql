-- Issue 15, point 7: the daily register's additions to a day and its "Kaikki paikalla" posts.
--
-- A client not on that weekday's schedule, added by a worker or admin to one day's register
-- (they came on another day this week, a make-up day). The row puts the client in the day's list
-- as if scheduled; who added them and when is kept with it, and the audit log has the row too.
CREATE TABLE register_additions (
  client_id  INTEGER NOT NULL REFERENCES people(id),
  day        TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  added_by   INTEGER NOT NULL REFERENCES people(id),
  added_at   INTEGER NOT NULL,
  PRIMARY KEY (client_id, day)
) STRICT, WITHOUT ROWID;

-- One row per "Kaikki paikalla" post: it marks present, in one transaction, every client of the
-- day's list (scheduled or added) that the person may see, who has no status yet and no reported
-- absence. The form's idempotency key is kept here (like messages and absence reports keep
-- theirs on their own row): a replay of the same post finds it and changes nothing, answering
-- with the number the first post marked. Append-only.
CREATE TABLE register_all_present (
  id               INTEGER PRIMARY KEY,
  unit_id          INTEGER NOT NULL REFERENCES units(id),
  day              TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  idempotency_key  TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 100),
  actor_id         INTEGER NOT NULL REFERENCES people(id),
  marked           INTEGER NOT NULL CHECK (marked >= 0),
  created_at       INTEGER NOT NULL
) STRICT;
CREATE TRIGGER register_all_present_no_update BEFORE UPDATE ON register_all_present
BEGIN SELECT RAISE(ABORT, 'register_all_present is append-only'); END;
CREATE TRIGGER register_all_present_no_delete BEFORE DELETE ON register_all_present
BEGIN SELECT RAISE(ABORT, 'register_all_present is append-only'); END;
