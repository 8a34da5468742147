-- Issue 17, point 3: Web Push to the client's own tablet ("Sinulle on uusi viesti.").

-- The portal's VAPID key pair (RFC 8292), made at the first start and kept here, so every app
-- server signs with the same key and a restart does not cut off the tablets already subscribed
-- (a push service refuses a push signed by another key than the subscription's). One row.
CREATE TABLE push_keys (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  public_key   TEXT NOT NULL,
  private_key  TEXT NOT NULL,
  created_at   INTEGER NOT NULL
) STRICT;

-- A browser's push subscription, given on the client's own tablet after they said yes. It belongs
-- to the remembered session it was given in (sessions.id, the hash of the cookie's token): when
-- that session ends (signed out, expired, ended on another device), nothing more is pushed to it.
-- No foreign key to sessions: a session row is deleted when it ends, the subscription stays as a
-- record with its end. The endpoint is the push service's address for this one browser.
CREATE TABLE push_subscriptions (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES people(id),
  session_id    TEXT NOT NULL,
  endpoint      TEXT NOT NULL UNIQUE CHECK (length(endpoint) BETWEEN 10 AND 1000),
  p256dh        TEXT NOT NULL CHECK (length(p256dh) BETWEEN 40 AND 200),
  auth          TEXT NOT NULL CHECK (length(auth) BETWEEN 10 AND 100),
  created_at    INTEGER NOT NULL,
  ended_at      INTEGER,
  ended_reason  TEXT CHECK (ended_reason IS NULL OR ended_reason IN ('turned_off', 'session_ended', 'gone')),
  CHECK ((ended_at IS NULL) = (ended_reason IS NULL))
) STRICT;
CREATE INDEX push_subscriptions_person ON push_subscriptions (person_id) WHERE ended_at IS NULL;

-- The push outbox: one row per cause and subscription, written in the same transaction as the
-- cause (a worker's message to the client), sent by the push sender (src/server/push/sender.ts)
-- with the mail outbox's rules: a lease per attempt, growing delays, a last check before sending
-- (dropped with the reason). Its own table, not the mail outbox: a push has no address, subject
-- or SMTP, and the mail sender must never take one. The payload holds no client data: the words
-- "you have a new message" in the client's language, the picture and the page's path.
CREATE TABLE push_outbox (
  id               INTEGER PRIMARY KEY,
  push_key         TEXT NOT NULL UNIQUE CHECK (length(push_key) BETWEEN 8 AND 200),
  subscription_id  INTEGER NOT NULL REFERENCES push_subscriptions(id),
  person_id        INTEGER NOT NULL REFERENCES people(id),
  message_id       INTEGER REFERENCES messages(id),
  payload          TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'sent', 'failed', 'dropped')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  dropped_reason   TEXT CHECK (dropped_reason IS NULL OR dropped_reason IN ('session_ended', 'turned_off', 'gone', 'read', 'inactive')),
  sent_at          INTEGER,
  created_at       INTEGER NOT NULL,
  CHECK ((status = 'dropped') = (dropped_reason IS NOT NULL))
) STRICT;
CREATE INDEX push_outbox_due ON push_outbox (next_attempt_at) WHERE status = 'waiting';
CREATE INDEX push_outbox_subscription ON push_outbox (subscription_id, message_id);
CREATE TRIGGER push_outbox_no_delete BEFORE DELETE ON push_outbox
BEGIN SELECT RAISE(ABORT, 'the push outbox is kept: a push is marked sent, failed or dropped, never deleted'); END;
