-- Plans and goals (issue 3). A plan is never edited in place: saving makes a new version, and the
-- client sees the newest. weekly_schedule stays the client's *current* days and hours (the home
-- page reads it on every view); saving a plan version rewrites it in the same transaction.

CREATE TABLE plan_versions (
  id               INTEGER PRIMARY KEY,
  client_id        INTEGER NOT NULL REFERENCES people(id),
  version          INTEGER NOT NULL CHECK (version >= 1),
  service_type     TEXT NOT NULL CHECK (service_type IN ('tyotoiminta', 'avotyotoiminta', 'tyohonvalmennus', 'kuntouttava_tyotoiminta')),
  place_name       TEXT NOT NULL,
  place_address    TEXT NOT NULL DEFAULT '',
  place_picture    TEXT NOT NULL DEFAULT 'place',
  named_worker_id  INTEGER REFERENCES people(id),
  starts_on        TEXT NOT NULL,
  review_on        TEXT NOT NULL,
  legal_basis      TEXT NOT NULL DEFAULT '',
  summary          TEXT NOT NULL DEFAULT '',
  created_by       INTEGER REFERENCES people(id),
  created_at       INTEGER NOT NULL,
  UNIQUE (client_id, version)
) STRICT;

CREATE TABLE plan_schedule (
  plan_version_id  INTEGER NOT NULL REFERENCES plan_versions(id),
  weekday          INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  starts_at        TEXT NOT NULL CHECK (starts_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  ends_at          TEXT NOT NULL CHECK (ends_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  PRIMARY KEY (plan_version_id, weekday)
) STRICT, WITHOUT ROWID;

CREATE TABLE goals (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES people(id),
  picture     TEXT NOT NULL,
  title       TEXT NOT NULL,
  position    INTEGER NOT NULL,
  status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'archived')),
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX goals_client ON goals (client_id, status, position);

CREATE TABLE goal_steps (
  id        INTEGER PRIMARY KEY,
  goal_id   INTEGER NOT NULL REFERENCES goals(id),
  title     TEXT NOT NULL,
  position  INTEGER NOT NULL,
  done_on   TEXT,
  archived  INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
) STRICT;
CREATE INDEX goal_steps_goal ON goal_steps (goal_id, position);

-- "Miten menee?" answers. The idempotency key comes from the form, so a double tap or a
-- resubmitted form records one answer.
CREATE TABLE goal_answers (
  id               INTEGER PRIMARY KEY,
  goal_id          INTEGER NOT NULL REFERENCES goals(id),
  answered_by      INTEGER NOT NULL REFERENCES people(id),
  feeling          TEXT NOT NULL CHECK (feeling IN ('good', 'some', 'hard')),
  words            TEXT NOT NULL DEFAULT '' CHECK (length(words) <= 500),
  idempotency_key  TEXT NOT NULL UNIQUE,
  created_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX goal_answers_goal ON goal_answers (goal_id, created_at);

CREATE TABLE goal_comments (
  id          INTEGER PRIMARY KEY,
  goal_id     INTEGER NOT NULL REFERENCES goals(id),
  worker_id   INTEGER NOT NULL REFERENCES people(id),
  text        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX goal_comments_goal ON goal_comments (goal_id, created_at);
