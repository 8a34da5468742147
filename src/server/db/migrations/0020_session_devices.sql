-- Issue 16, point 6: a person sees their own sessions ("Kirjautumiset") and ends them. Each
-- session keeps the device in short ("Chrome 131, Android", never the whole User-Agent header)
-- and when it was last used (written at most every few minutes, with the sliding expiry).
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_used_at INTEGER;
