-- Foundation schema. Times are unix milliseconds (INTEGER); calendar dates are 'YYYY-MM-DD'
-- (TEXT) in Europe/Helsinki. Every table is STRICT so a wrong type is an error, not a surprise.

CREATE TABLE units (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  municipality TEXT NOT NULL,
  address      TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL
) STRICT;

-- One row per person who can sign in. Clients have no password: they use a login card
-- and a picture PIN. Family, workers and admins use email and password.
CREATE TABLE people (
  id               INTEGER PRIMARY KEY,
  unit_id          INTEGER REFERENCES units(id),
  role             TEXT NOT NULL CHECK (role IN ('client', 'family', 'worker', 'admin')),
  full_name        TEXT NOT NULL,
  preferred_name   TEXT NOT NULL,
  email            TEXT UNIQUE COLLATE NOCASE,
  phone            TEXT NOT NULL DEFAULT '',
  password_hash    TEXT,
  pin_hash         TEXT,
  -- OpenMoji picture shown beside the name until a photo is uploaded.
  avatar           TEXT NOT NULL DEFAULT 'person',
  language         TEXT NOT NULL DEFAULT 'fi' CHECK (language IN ('fi', 'sv', 'en')),
  text_size        INTEGER NOT NULL DEFAULT 100 CHECK (text_size IN (100, 125, 150)),
  reading_needs    TEXT NOT NULL DEFAULT '',
  failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
  locked_until     INTEGER,
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at       INTEGER NOT NULL,
  CHECK (role = 'client' OR email IS NOT NULL)
) STRICT;
CREATE INDEX people_unit_role ON people (unit_id, role);

-- Who works with a client. 'named' is the client's own worker (one current row), 'substitute'
-- covers for a period. Rows are closed with ends_on, never deleted, so the history stays.
CREATE TABLE client_workers (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES people(id),
  worker_id  INTEGER NOT NULL REFERENCES people(id),
  kind       TEXT NOT NULL CHECK (kind IN ('named', 'substitute')),
  starts_on  TEXT NOT NULL,
  ends_on    TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX client_workers_client ON client_workers (client_id);
CREATE INDEX client_workers_worker ON client_workers (worker_id);

-- A family member acting for a client (puolesta-asiointi). The consent issue adds the rules.
CREATE TABLE family_links (
  id         INTEGER PRIMARY KEY,
  family_id  INTEGER NOT NULL REFERENCES people(id),
  client_id  INTEGER NOT NULL REFERENCES people(id),
  basis      TEXT NOT NULL CHECK (basis IN ('client_agreement', 'guardian')),
  level      TEXT NOT NULL CHECK (level IN ('full', 'messages', 'read_only')),
  note       TEXT NOT NULL DEFAULT '',
  ends_on    TEXT,
  ended_at   INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX family_links_family ON family_links (family_id);
CREATE INDEX family_links_client ON family_links (client_id);

-- The days and hours a client comes, for the home page's "today" line. The plan issue
-- attaches these to plan versions.
CREATE TABLE weekly_schedule (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES people(id),
  weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  starts_at  TEXT NOT NULL CHECK (starts_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  ends_at    TEXT NOT NULL CHECK (ends_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  place      TEXT NOT NULL,
  UNIQUE (client_id, weekday)
) STRICT;

-- Sessions after Lucia's design: the id is the SHA-256 of the token in the cookie, so a
-- leaked database does not give working cookies.
CREATE TABLE sessions (
  id                   TEXT PRIMARY KEY,
  person_id            INTEGER NOT NULL REFERENCES people(id),
  kind                 TEXT NOT NULL CHECK (kind IN ('staff', 'remembered', 'shared')),
  created_at           INTEGER NOT NULL,
  expires_at           INTEGER NOT NULL,
  absolute_expires_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_person ON sessions (person_id);

-- A printed login card. Only hashes of the long secret (QR) and the short code are kept.
CREATE TABLE login_cards (
  id               INTEGER PRIMARY KEY,
  client_id        INTEGER NOT NULL REFERENCES people(id),
  secret_hash      TEXT NOT NULL UNIQUE,
  short_code_hash  TEXT NOT NULL UNIQUE,
  issued_at        INTEGER NOT NULL,
  issued_by        INTEGER REFERENCES people(id),
  revoked_at       INTEGER
) STRICT;
CREATE INDEX login_cards_client ON login_cards (client_id);

-- A client between "card accepted" and "picture PIN right". The picks are kept here, not
-- in the page, so the back button or another person cannot read them.
CREATE TABLE pending_sign_ins (
  id          TEXT PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES people(id),
  card_id     INTEGER NOT NULL REFERENCES login_cards(id),
  picks       TEXT NOT NULL DEFAULT '',
  remember    INTEGER NOT NULL DEFAULT 0 CHECK (remember IN (0, 1)),
  expires_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Every view of a client's data by someone other than the client. Append-only: the
-- triggers refuse UPDATE and DELETE, whatever the code tries.
CREATE TABLE access_log (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  actor_id   INTEGER NOT NULL REFERENCES people(id),
  client_id  INTEGER NOT NULL REFERENCES people(id),
  action     TEXT NOT NULL,
  basis      TEXT NOT NULL CHECK (basis IN ('named_worker', 'substitute', 'family', 'admin')),
  path       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX access_log_client ON access_log (client_id, at);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
