-- Issue 15, points 4 and 5: "needs a reply" is not "read", and a worker may answer with a picture.
--
-- A message from the client's side (the client, or family on their behalf) waits for an answer
-- until a worker replies after it or marks it handled ("Ei vaadi vastausta"). Either way the
-- message records when and by whom, and how: 'reply' (a later message of a worker) or
-- 'no_reply' (marked, with its audit row). read_at stays as it was: it is only "Ohjaaja on
-- lukenut viestisi", and opening a conversation no longer ends the wait.
ALTER TABLE messages ADD COLUMN handled_at INTEGER;
ALTER TABLE messages ADD COLUMN handled_by INTEGER REFERENCES people(id);
ALTER TABLE messages ADD COLUMN handled_how TEXT CHECK (handled_how IS NULL OR handled_how IN ('reply', 'no_reply'));

-- Messages sent before this that a worker has already answered are handled by that answer.
UPDATE messages
   SET handled_at = (SELECT r.created_at FROM messages r
                      WHERE r.conversation_id = messages.conversation_id AND r.from_client_side = 0 AND r.kind <> 'system' AND r.id > messages.id
                      ORDER BY r.id LIMIT 1),
       handled_by = (SELECT r.sender_id FROM messages r
                      WHERE r.conversation_id = messages.conversation_id AND r.from_client_side = 0 AND r.kind <> 'system' AND r.id > messages.id
                      ORDER BY r.id LIMIT 1),
       handled_how = 'reply'
 WHERE from_client_side = 1 AND kind <> 'system'
   AND EXISTS (SELECT 1 FROM messages r
                WHERE r.conversation_id = messages.conversation_id AND r.from_client_side = 0 AND r.kind <> 'system' AND r.id > messages.id);

-- The waiting messages, for the staff header's count on every staff page and the inbox.
CREATE INDEX messages_waiting ON messages (conversation_id, created_at) WHERE from_client_side = 1 AND handled_at IS NULL AND kind <> 'system';

-- A worker's answer may carry a picture of the picture catalogue (its OpenMoji name), shown to
-- the client with its words; the words of the message may then be empty.
ALTER TABLE messages ADD COLUMN picture TEXT CHECK (picture IS NULL OR (kind = 'text' AND from_client_side = 0 AND length(picture) BETWEEN 1 AND 100));

-- The unit's promise of a reply, in working days (Monday to Friday, not on public holidays):
-- the inbox measures the wait against it, and the client's Viestit says it in easy words.
ALTER TABLE units ADD COLUMN reply_days INTEGER NOT NULL DEFAULT 2 CHECK (reply_days BETWEEN 1 AND 10);
