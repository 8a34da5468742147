-- Issue 17: notifications by mail, on the outbox of 0018, so none is lost or sent twice.

-- What each worker or family member has chosen (src/domain/notifications/settings.ts). No row:
-- the defaults of their role. A family member's choices are only 'now' or 'off'.
CREATE TABLE notification_settings (
  person_id     INTEGER PRIMARY KEY REFERENCES people(id),
  messages      TEXT NOT NULL CHECK (messages IN ('now', 'hour', 'digest', 'off')),
  absences      TEXT NOT NULL CHECK (absences IN ('now', 'digest', 'off')),
  consents      INTEGER NOT NULL CHECK (consents IN (0, 1)),
  reviews       INTEGER NOT NULL CHECK (reviews IN (0, 1)),
  -- The summary times, "HH:00" in order, comma-separated ('' for none).
  digest_times  TEXT NOT NULL CHECK (digest_times GLOB '' OR digest_times GLOB '[0-2][0-9]:00*'),
  updated_at    INTEGER NOT NULL
) STRICT;

-- Every notification told: one row per cause and recipient, never two (the UNIQUE key), written
-- in the same transaction as the mail that tells it (mail_key is the outbox row's key). A cause
-- is what happened: 'message:<first waiting message id>' (one wait of a conversation),
-- 'absence:<report id>', 'consent:<consent id>', 'review:<plan version id>:<review day>',
-- 'reply:<message id>'. The scheduler and the request that caused it both insert here first,
-- so a restart, a second server or a retry never tells the same cause twice.
CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES people(id),
  cause       TEXT NOT NULL CHECK (length(cause) BETWEEN 3 AND 100),
  kind        TEXT NOT NULL CHECK (kind IN ('message', 'absence', 'consent', 'review', 'family_message', 'family_absence')),
  client_id   INTEGER NOT NULL REFERENCES people(id),
  -- The message, report, consent or plan version it is about.
  ref_id      INTEGER NOT NULL,
  mail_key    TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (person_id, cause)
) STRICT;
CREATE INDEX notifications_family ON notifications (person_id, client_id, kind);
CREATE TRIGGER notifications_no_delete BEFORE DELETE ON notifications
BEGIN SELECT RAISE(ABORT, 'notifications are kept: a cause told once stays told'); END;

-- A summary time of a worker's working day that has been looked at (with its mail, or with
-- nothing to tell). It is looked at once: late after a restart, never twice.
CREATE TABLE notification_rounds (
  person_id  INTEGER NOT NULL REFERENCES people(id),
  day        TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  time       TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:00'),
  done_at    INTEGER NOT NULL,
  mail_key   TEXT,
  PRIMARY KEY (person_id, day, time)
) STRICT, WITHOUT ROWID;

-- The outbox learns a fourth state, 'dropped': a notification is checked again just before it is
-- sent (is the family link still there, the consent in force, the message still waiting?), and
-- one that no longer holds is not sent, with the reason. `recheck` says what to check (JSON,
-- src/server/notifications/recheck.ts); NULL for a mail that needs no check (an invitation).
-- SQLite cannot change a CHECK, so the table is made again with its rows, indexes and trigger
-- (DROP TABLE fires no delete trigger).
CREATE TABLE outbox_new (
  id               INTEGER PRIMARY KEY,
  mail_key         TEXT NOT NULL UNIQUE CHECK (length(mail_key) BETWEEN 8 AND 200),
  unit_id          INTEGER REFERENCES units(id),
  recipient_id     INTEGER REFERENCES people(id),
  to_address       TEXT NOT NULL,
  language         TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  kind             TEXT NOT NULL,
  subject          TEXT NOT NULL,
  text_body        TEXT NOT NULL,
  html_body        TEXT,
  status           TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'sent', 'failed', 'dropped')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  delivered_via    TEXT CHECK (delivered_via IS NULL OR delivered_via IN ('smtp', 'file')),
  body_erased      INTEGER NOT NULL DEFAULT 0 CHECK (body_erased IN (0, 1)),
  sent_at          INTEGER,
  created_at       INTEGER NOT NULL,
  recheck          TEXT CHECK (recheck IS NULL OR json_valid(recheck)),
  dropped_reason   TEXT CHECK (dropped_reason IS NULL OR dropped_reason IN ('inactive', 'not_tied', 'link_ended', 'level', 'no_consent', 'answered', 'cancelled', 'turned_off')),
  CHECK ((status = 'dropped') = (dropped_reason IS NOT NULL))
) STRICT;
INSERT INTO outbox_new (id, mail_key, unit_id, recipient_id, to_address, language, kind, subject, text_body, html_body, status, attempts,
                        next_attempt_at, last_error, delivered_via, body_erased, sent_at, created_at)
  SELECT id, mail_key, unit_id, recipient_id, to_address, language, kind, subject, text_body, html_body, status, attempts,
         next_attempt_at, last_error, delivered_via, body_erased, sent_at, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'waiting';
CREATE INDEX outbox_unit ON outbox (unit_id, created_at);
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN SELECT RAISE(ABORT, 'the outbox is kept: a mail is marked sent or failed, never deleted'); END;
