-- Issue 18, point 5: what several app servers behind one load balancer must share lives in the
-- database, not in one process's memory.
--
-- Sign-in attempts per client address (src/server/auth/address-limit.ts): a sliding window of
-- 10 minutes. In memory, each app server would allow the limit again, and a restart forgot it.
CREATE TABLE address_attempts (
  id           INTEGER PRIMARY KEY,
  address_key  TEXT NOT NULL CHECK (length(address_key) BETWEEN 1 AND 100),
  at           INTEGER NOT NULL
) STRICT;
CREATE INDEX address_attempts_by_key ON address_attempts (address_key, at);
CREATE INDEX address_attempts_by_time ON address_attempts (at);

-- Keys the app servers sign things with (the import preview's ticket): made by whichever server
-- needs one first, then read by all. Not secrets of the people: losing one only means a preview
-- is uploaded again.
CREATE TABLE server_keys (
  name        TEXT PRIMARY KEY CHECK (name IN ('import-ticket')),
  secret      TEXT NOT NULL CHECK (length(secret) = 64),
  created_at  INTEGER NOT NULL
) STRICT;
