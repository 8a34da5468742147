-- PostgreSQL version of migrations/0020_session_devices.sql: the same resulting schema (compared by
-- schema.engines.test.ts); the why of each table and column is told there.

ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_used_at BIGINT;
