-- PostgreSQL version of migrations/0024_first_waiting_message.sql: the same resulting schema (compared by
-- schema.engines.test.ts); the why of each table and column is told there.

CREATE INDEX messages_first_waiting ON messages (conversation_id, id) WHERE from_client_side = 1 AND handled_at IS NULL AND kind <> 'system';
