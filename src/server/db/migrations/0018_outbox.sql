-- Issue 16, point 1: the mail outbox. A mail is written here in the same transaction as the
-- change that causes it (an invitation, a password reset, later a notification), so it exists
-- exactly when the change does; the sender loop (src/server/mail/sender.ts) delivers it later
-- and retries with growing delays. `mail_key` is the cause's own key (one cause, one mail) and
-- the mail's Message-ID, so a receiving system can drop a copy sent again after a crash in the
-- moment between the SMTP server's "OK" and our "sent".
--
-- A mail holds no client data (only "you have …, open Omapolku"). An invitation or reset link is
-- a secret, so the body is erased once the mail went out over SMTP; in file mode (the demo, no
-- SMTP) the admin reads it on the outbox page, and the body stays.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  mail_key         TEXT NOT NULL UNIQUE CHECK (length(mail_key) BETWEEN 8 AND 200),
  unit_id          INTEGER REFERENCES units(id),      -- whose admins see it on the outbox page
  recipient_id     INTEGER REFERENCES people(id),
  to_address       TEXT NOT NULL,
  language         TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  kind             TEXT NOT NULL,
  subject          TEXT NOT NULL,
  text_body        TEXT NOT NULL,
  html_body        TEXT,
  status           TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  delivered_via    TEXT CHECK (delivered_via IS NULL OR delivered_via IN ('smtp', 'file')),
  body_erased      INTEGER NOT NULL DEFAULT 0 CHECK (body_erased IN (0, 1)),
  sent_at          INTEGER,
  created_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'waiting';
CREATE INDEX outbox_unit ON outbox (unit_id, created_at);
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN SELECT RAISE(ABORT, 'the outbox is kept: a mail is marked sent or failed, never deleted'); END;
