-- Messages (issue 5): one conversation per client with their named worker (and whoever stands
-- in). Every send carries an idempotency key from the form, so a double tap or a replayed post
-- makes one message. Messages are never edited or deleted.

CREATE TABLE conversations (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL UNIQUE REFERENCES people(id),
  created_at  INTEGER NOT NULL
) STRICT;

-- A recorded voice message, kept with the conversation and served only to its readers.
CREATE TABLE voice_clips (
  id               INTEGER PRIMARY KEY,
  conversation_id  INTEGER NOT NULL REFERENCES conversations(id),
  mime             TEXT NOT NULL CHECK (mime IN ('audio/webm', 'audio/ogg', 'audio/mp4')),
  bytes            BLOB NOT NULL CHECK (length(bytes) <= 5242880),
  duration_ms      INTEGER NOT NULL CHECK (duration_ms BETWEEN 0 AND 120500),
  created_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE messages (
  id                 INTEGER PRIMARY KEY,
  conversation_id    INTEGER NOT NULL REFERENCES conversations(id),
  -- Who wrote it. A family member writing "on behalf" is shown as such to everyone.
  sender_id          INTEGER REFERENCES people(id),
  kind               TEXT NOT NULL CHECK (kind IN ('text', 'quick', 'voice', 'system')),
  body               TEXT NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
  quick              TEXT CHECK (quick IS NULL OR quick IN ('sick', 'late', 'call', 'thanks', 'question')),
  voice_clip_id      INTEGER REFERENCES voice_clips(id),
  -- From the client's side (client or family): read when a worker opens it. From a worker: read
  -- when the client (or family) opens it. Shown as "Ohjaaja on lukenut viestisi".
  from_client_side   INTEGER NOT NULL CHECK (from_client_side IN (0, 1)),
  read_at            INTEGER,
  read_by            INTEGER REFERENCES people(id),
  idempotency_key    TEXT UNIQUE,
  created_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_unread ON messages (conversation_id, from_client_side) WHERE read_at IS NULL;
CREATE TRIGGER messages_no_delete BEFORE DELETE ON messages
BEGIN SELECT RAISE(ABORT, 'messages are kept'); END;

-- What someone has typed but not sent, kept on the server: it survives a reload, a lost
-- connection and a new sign-in (WCAG 2.2.5).
CREATE TABLE message_drafts (
  person_id        INTEGER NOT NULL REFERENCES people(id),
  conversation_id  INTEGER NOT NULL REFERENCES conversations(id),
  body             TEXT NOT NULL CHECK (length(body) <= 8000),
  updated_at       INTEGER NOT NULL,
  PRIMARY KEY (person_id, conversation_id)
) STRICT, WITHOUT ROWID;
