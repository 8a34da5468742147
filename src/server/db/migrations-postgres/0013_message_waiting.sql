-- PostgreSQL version of migrations/0013_message_waiting.sql: the same resulting schema (compared by
-- schema.engines.test.ts); the why of each table and column is told there.

ALTER TABLE messages ADD COLUMN handled_at BIGINT;
ALTER TABLE messages ADD COLUMN handled_by BIGINT REFERENCES people(id);
ALTER TABLE messages ADD COLUMN handled_how TEXT CHECK (handled_how IS NULL OR handled_how IN ('reply', 'no_reply'));

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

CREATE INDEX messages_waiting ON messages (conversation_id, created_at) WHERE from_client_side = 1 AND handled_at IS NULL AND kind <> 'system';

ALTER TABLE messages ADD COLUMN picture TEXT CHECK (picture IS NULL OR (kind = 'text' AND from_client_side = 0 AND length(picture) BETWEEN 1 AND 100));

ALTER TABLE units ADD COLUMN reply_days BIGINT NOT NULL DEFAULT 2 CHECK (reply_days BETWEEN 1 AND 10);
