import type MessageList from './MessageList.astro';
import type { MessageRow } from '@server/messages/store';
import type { Examples } from '../examples';

const hour = 3600_000;
const now = Date.now();
const row = (m: Partial<MessageRow> & Pick<MessageRow, 'id' | 'kind' | 'created_at'>): MessageRow => ({
  body: '', quick: null, voice_clip_id: null, duration_ms: null, from_client_side: 0, read_at: null, picture: null,
  sender_id: 2, sender_name: 'Liisa Ohjaaja', sender_role: 'worker', ...m,
});
const matti = { sender_id: 9, sender_name: 'Matti Virtanen', sender_role: 'client' as const, from_client_side: 1 };

const conversation: MessageRow[] = [
  row({ id: 1, kind: 'system', body: 'new-worker', sender_name: 'Liisa Ohjaaja', created_at: now - 72 * hour }),
  row({ id: 2, kind: 'text', body: 'Hei Matti! Huomenna paja alkaa kello 9.', created_at: now - 30 * hour, read_at: now - 29 * hour }),
  row({ id: 3, kind: 'quick', quick: 'thanks', ...matti, created_at: now - 28 * hour, read_at: now - 27 * hour }),
  row({ id: 4, kind: 'text', body: 'Matti on kipeä tänään. <b>Ei</b> tule pajalle.', sender_id: 6, sender_name: 'Maija Virtanen', sender_role: 'family', from_client_side: 1, created_at: now - 3 * hour }),
  row({ id: 5, kind: 'voice', voice_clip_id: 1, duration_ms: 6400, ...matti, created_at: now - 2 * hour }),
  row({ id: 6, kind: 'quick', quick: 'call', ...matti, created_at: now - hour }),
  row({ id: 7, kind: 'text', picture: 'thumbs-up', body: 'Hyvä, Matti. Soitan kello 12.', created_at: now - hour / 2 }),
  row({ id: 8, kind: 'text', picture: 'bus', created_at: now - hour / 4 }),
];

export const examples = {
  client: {
    description: 'The client’s conversation: a new worker, text, quick and voice messages, one on Matti’s behalf, read receipts',
    look: 'easy-read',
    props: { messages: conversation, viewer: 'client', clientName: 'Matti', olderHref: '/client/messages?before=1' },
  },
  worker: {
    description: 'The same conversation on the worker’s page: whether the client has read the answers',
    look: 'staff',
    props: { messages: conversation, viewer: 'staff', clientName: 'Matti', olderHref: null },
  },
  english: {
    description: 'In English',
    look: 'easy-read',
    lang: 'en',
    props: { messages: conversation.slice(1, 4), viewer: 'client', clientName: 'Matti', olderHref: null },
  },
  family: {
    description: 'Maija reads Matti’s conversation: "Matti kirjoitti", her own "Sinä kirjoitit Matin puolesta"',
    look: 'easy-read',
    props: { messages: conversation, viewer: 'family', clientName: 'Matti', me: 6, olderHref: null },
  },
  familyUninflected: {
    description: 'A name whose Finnish genitive a rule cannot be sure of: "Sinä kirjoitit hänen puolestaan"',
    look: 'easy-read',
    props: { messages: conversation.slice(3), viewer: 'family', clientName: 'Tuomas', me: 6, olderHref: null },
  },
  none: {
    description: 'No messages yet',
    look: 'easy-read',
    props: { messages: [], viewer: 'client', clientName: 'Matti', olderHref: null },
  },
} satisfies Examples<typeof MessageList>;
