-- Issue 15, points 12 and 13.
--
-- A worker's holiday cover: the worker names a colleague of the same unit as substitute for
-- their clients for some days. The cover is one row here; the access it gives is ordinary
-- 'substitute' rows in client_workers (one per client the worker is named for), tied to the
-- cover by cover_id, so access.ts and every list of "my clients" need no second rule. Ending a
-- cover closes its rows (ends_on) and stamps ended_at here; nothing is deleted. form_key makes a
-- double tap or a resent form one cover.
CREATE TABLE substitute_covers (
  id            INTEGER PRIMARY KEY,
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  -- The worker who is away, and the colleague who covers.
  worker_id     INTEGER NOT NULL REFERENCES people(id),
  substitute_id INTEGER NOT NULL REFERENCES people(id),
  starts_on     TEXT NOT NULL CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  ends_on       TEXT NOT NULL CHECK (ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  form_key      TEXT NOT NULL UNIQUE CHECK (length(form_key) BETWEEN 1 AND 100),
  created_by    INTEGER NOT NULL REFERENCES people(id),
  created_at    INTEGER NOT NULL,
  ended_at      INTEGER,
  ended_by      INTEGER REFERENCES people(id),
  CHECK (ends_on >= starts_on),
  CHECK (substitute_id <> worker_id)
) STRICT;
CREATE INDEX substitute_covers_unit ON substitute_covers (unit_id, ends_on);
CREATE INDEX substitute_covers_worker ON substitute_covers (worker_id);

ALTER TABLE client_workers ADD COLUMN cover_id INTEGER REFERENCES substitute_covers(id);
CREATE INDEX client_workers_cover ON client_workers (cover_id);

-- "Tulosta kortit": new login cards for many clients in one post. One row per batch, with the
-- form's key, so a double tap or a resent form makes one set of cards, never two. The cards'
-- secrets exist only in the answer to the first post (only hashes are stored).
CREATE TABLE card_batches (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  form_key    TEXT NOT NULL UNIQUE CHECK (length(form_key) BETWEEN 1 AND 100),
  created_by  INTEGER NOT NULL REFERENCES people(id),
  created_at  INTEGER NOT NULL,
  cards       INTEGER NOT NULL CHECK (cards >= 1)
) STRICT;

ALTER TABLE login_cards ADD COLUMN batch_id INTEGER REFERENCES card_batches(id);
