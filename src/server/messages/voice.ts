import type { Database } from '@server/db';
import type { SessionActor } from '@server/auth/session';
import { logViews, relationTo } from '@server/access';
import { conversationById, voiceClip } from './store';

/**
 * A voice message for one listener (/messages/voice/:id), only for those who may read its
 * conversation: the client, linked family, the named worker, a substitute today and the unit's
 * admins. Each listening by someone other than the client is logged as reading the messages.
 * The clip, or the status to answer with: 404 for no such clip, 403 for a listener without a right.
 */
export async function voiceClipForListener(db: Database, listener: SessionActor['person'], id: number, path: string): Promise<{ mime: string; bytes: Buffer } | 403 | 404> {
  const clip = Number.isSafeInteger(id) ? await voiceClip(db, id) : undefined;
  if (!clip) return 404;
  const conversation = await conversationById(db, clip.conversation_id);
  const basis = conversation ? await relationTo(db, listener, conversation.client_id) : null;
  if (!conversation || !basis) return 403;
  await logViews(db, listener, [{ clientId: conversation.client_id, basis }], 'voice message', path);
  return { mime: clip.mime, bytes: clip.bytes };
}
