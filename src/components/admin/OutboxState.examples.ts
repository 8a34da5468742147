import type OutboxState from './OutboxState.astro';
import type { Examples } from '../examples';

const mail = { droppedWords: 'staff:outbox.dropped', retry: { action: 'retry', field: 'mail' } };
const push = { droppedWords: 'staff:outbox.push.dropped', retry: { action: 'retry-push', field: 'push' } };

export const examples = {
  sent: {
    description: 'A mail sent, with the time',
    look: 'staff',
    props: { ...mail, row: { id: 1, status: 'sent', attempts: 1, sent_at: Date.UTC(2026, 10, 30, 6, 5), last_error: null, dropped_reason: null } },
  },
  waiting: {
    description: 'A mail waiting after two tries, with the mail server’s answer',
    look: 'staff',
    props: { ...mail, row: { id: 2, status: 'waiting', attempts: 2, sent_at: null, last_error: 'connect ECONNREFUSED 10.0.0.5:587', dropped_reason: null } },
  },
  failed: {
    description: 'A failed push, with the reason and “Yritä uudelleen”',
    look: 'staff',
    props: { ...push, row: { id: 3, status: 'failed', attempts: 1, sent_at: null, last_error: 'fcm.googleapis.com answered 403', dropped_reason: null } },
  },
  dropped: {
    description: 'A family mail not sent because the link ended, the reason in words (Swedish)',
    look: 'staff',
    lang: 'sv',
    props: { ...mail, row: { id: 4, status: 'dropped', attempts: 0, sent_at: null, last_error: null, dropped_reason: 'link_ended' } },
  },
} satisfies Examples<typeof OutboxState>;
