-- Issue 19: a client's message looks up the first message of its conversation's wait (the wait's
-- cause, src/server/notifications/store.ts episodeOf) inside the write that sends it. With only
-- (conversation_id, created_at) that was MIN(id) over every waiting message of the conversation;
-- in id order the first one is a single step of this index.
CREATE INDEX messages_first_waiting ON messages (conversation_id, id) WHERE from_client_side = 1 AND handled_at IS NULL AND kind <> 'system';
