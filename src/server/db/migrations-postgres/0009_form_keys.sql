-- PostgreSQL version of migrations/0009_form_keys.sql: the same resulting schema (compared by
-- schema.engines.test.ts); the why of each table and column is told there.

CREATE TABLE form_keys (
  kind        TEXT NOT NULL CHECK (kind IN ('person', 'unit', 'rate', 'substitute', 'plan', 'goal', 'goal_step', 'goal_comment')),
  key         TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
  actor_id    BIGINT NOT NULL REFERENCES people(id),
  record_id   BIGINT NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE TRIGGER form_keys_no_update BEFORE UPDATE ON form_keys FOR EACH ROW
  EXECUTE FUNCTION omapolku_refuse('a form key answers as its first post did');
