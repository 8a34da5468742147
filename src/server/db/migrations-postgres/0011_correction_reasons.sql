-- PostgreSQL version of migrations/0011_correction_reasons.sql: the same resulting schema (compared by
-- schema.engines.test.ts); the why of each table and column is told there.

ALTER TABLE attendance_changes ADD COLUMN reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 200);
ALTER TABLE adjustments ADD COLUMN reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 200);
