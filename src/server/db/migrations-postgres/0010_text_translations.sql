-- PostgreSQL version of migrations/0010_text_translations.sql: the same resulting schema (compared by
-- schema.engines.test.ts); the why of each table and column is told there.

CREATE TABLE text_translations (
  kind       TEXT NOT NULL CHECK (kind IN ('plan_summary', 'goal_title', 'step_title', 'goal_comment')),
  record_id  BIGINT NOT NULL,
  lang       TEXT NOT NULL CHECK (lang IN ('sv', 'en')),
  text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  PRIMARY KEY (kind, record_id, lang)
);
