-- Idempotency keys of the staff create forms (issue 12): add a person, a new unit, a rate, a
-- substitute. Each form carries a key made when it was rendered; the first post of a key
-- creates the record and writes its row here in the same transaction, and a replay of the key
-- (a double click, a resent form, ten at once) finds the row and is answered as the first post
-- was, with the record it created. The primary key is the unique constraint that makes a
-- second row for one key impossible.
--
-- Messages, consents, absence reports and goal answers keep their key on their own row, as
-- each of them creates one row in one table. These forms create rows in four tables (people,
-- units with their first admin, rates, client_workers), so one table of used keys keyed by
-- (kind, key) serves them all instead of a key column on each.
CREATE TABLE form_keys (
  kind        TEXT NOT NULL CHECK (kind IN ('person', 'unit', 'rate', 'substitute', 'plan', 'goal', 'goal_step', 'goal_comment')),
  key         TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
  actor_id    INTEGER NOT NULL REFERENCES people(id),
  -- What the first post created: the person, the unit, the rate or the assignment.
  record_id   INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER form_keys_no_update BEFORE UPDATE ON form_keys
BEGIN SELECT RAISE(ABORT, 'a form key answers as its first post did'); END;
