-- PostgreSQL version of migrations/0016_payroll_ids.sql: the same resulting schema (compared by
-- schema.engines.test.ts); the why of each table and column is told there.

ALTER TABLE people ADD COLUMN asiakasnumero TEXT CHECK (asiakasnumero IS NULL OR (length(asiakasnumero) BETWEEN 1 AND 30));
CREATE UNIQUE INDEX people_unit_asiakasnumero ON people (unit_id, asiakasnumero) WHERE asiakasnumero IS NOT NULL;

ALTER TABLE units ADD COLUMN cost_centre TEXT NOT NULL DEFAULT '' CHECK (length(cost_centre) <= 30);
