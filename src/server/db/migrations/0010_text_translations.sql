-- Staff-written texts in the client's own language (issue 14, point 16). The plan summary, goal
-- and step titles and comments are written in Finnish (the source language); for a client who
-- reads Swedish or English the worker may write the same text in that language too. One row per
-- text and language: the client's pages show it, and fall back to the Finnish text with a note
-- where there is none. Finnish itself stays in its own table's column, never here.
--
-- One table for the four kinds (rather than two columns on each of four tables): a reader asks
-- "the text of this record in my language", the same question for each kind. record_id is the id
-- of the plan version, goal, step or comment; those rows are never deleted (a plan version is
-- never edited, goals and steps are archived), so no translation is left without its text.
CREATE TABLE text_translations (
  kind       TEXT NOT NULL CHECK (kind IN ('plan_summary', 'goal_title', 'step_title', 'goal_comment')),
  record_id  INTEGER NOT NULL,
  lang       TEXT NOT NULL CHECK (lang IN ('sv', 'en')),
  text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  PRIMARY KEY (kind, record_id, lang)
) STRICT, WITHOUT ROWID;
