-- Issue 15, point 10: daily notes (päivittäismerkinnät). A short note per client and day, written
-- by one of the client's workers in the daily register or on the client's notes page: what the
-- client did and how it went. The client's workers read them (each read logged in access_log);
-- a note marked shared_with_client is shown to the client, and to family with records access, on
-- that day of their attendance calendar.
--
-- Append-only: a note is never changed or removed. A correction is a new row whose `corrects`
-- names the note it replaces (same client, same day); the history shows both. A note can be
-- replaced once (UNIQUE corrects), so a chain of corrections never forks: a correction of a
-- correction replaces the latest. The current notes of a day are those no row corrects.
--
-- `form_key` is the writing form's idempotency key, kept on the row as messages and consents keep
-- theirs: a double tap or a resent form finds the first post's row and makes no second note.
CREATE TABLE daily_notes (
  id                  INTEGER PRIMARY KEY,
  client_id           INTEGER NOT NULL REFERENCES people(id),
  day                 TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  body                TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
  shared_with_client  INTEGER NOT NULL DEFAULT 0 CHECK (shared_with_client IN (0, 1)),
  written_by          INTEGER NOT NULL REFERENCES people(id),
  written_at          INTEGER NOT NULL,
  form_key            TEXT NOT NULL CHECK (length(form_key) BETWEEN 1 AND 100),
  corrects            INTEGER UNIQUE REFERENCES daily_notes(id),
  UNIQUE (written_by, form_key)
) STRICT;
CREATE INDEX daily_notes_client_day ON daily_notes (client_id, day);
CREATE TRIGGER daily_notes_no_update BEFORE UPDATE ON daily_notes
BEGIN SELECT RAISE(ABORT, 'daily notes are kept as written: add a correction instead'); END;
CREATE TRIGGER daily_notes_no_delete BEFORE DELETE ON daily_notes
BEGIN SELECT RAISE(ABORT, 'daily notes are kept as written: add a correction instead'); END;
