import type { Database } from '../db';
import { field } from '../forms';
import { conversationOf, draftOf, markRead, messagesPage, receiveTextMessage, receiveVoiceMessage, saveDraft, type MessageRow } from './store';
import { errorsUnder, type FieldErrors } from '@domain/forms/field-errors';

/**
 * One client's conversation for the named worker, a substitute or an admin of the unit
 * (worker/messages/client/:client): a reply in text or voice, a draft kept while typing, and the
 * page of messages, which opening marks read ("Ohjaaja on lukenut viestisi").
 */
export interface StaffConversationPage {
  status: 200 | 400;
  messages: MessageRow[];
  /** `before` for the link to older messages, or null when these are the oldest. */
  olderFrom: number | null;
  /** The reply field's text: what was typed when it came back with an error, else the draft. */
  text: string;
  errors: FieldErrors;
}

/** An answer with no page: a voice message's status (303 is a redirect), a saved draft (204). */
export type StaffConversationResult = { redirect: string } | { emptyStatus: number } | StaffConversationPage;

/** `form`: a post (read with VOICE_FORM_MAX_BYTES, as a voice message is the largest), or null for a read. */
export async function handleStaffConversation(db: Database, clientId: number, me: { id: number }, form: FormData | null, before: number | null): Promise<StaffConversationResult> {
  const conversationId = await conversationOf(db, clientId);
  const sent = `/worker/messages/client/${clientId}?sent=1#latest`;
  let typed: string | null = null;
  let errors: FieldErrors = {};
  if (form) {
    const sender = { id: me.id, conversationId, fromClientSide: false };
    const action = field(form, 'action', 10);
    if (action === 'voice') {
      const status = await receiveVoiceMessage(db, form, sender);
      return status === 303 ? { redirect: sent } : { emptyStatus: status };
    }
    if (action === 'draft') {
      await saveDraft(db, me.id, conversationId, field(form, 'body', 8000), field(form, 'key', 100));
      return { emptyStatus: 204 };
    }
    const result = await receiveTextMessage(db, form, sender);
    if (result.sent) return { redirect: sent };
    errors = errorsUnder('staff:messages.errors', { body: result.error });
    typed = result.typed;
  }
  const [page, draft] = await Promise.all([messagesPage(db, conversationId, before), draftOf(db, me.id, conversationId)]);
  await markRead(db, conversationId, { id: me.id, clientSide: false });
  return { status: typed === null ? 200 : 400, messages: page.messages, olderFrom: page.olderFrom, text: typed ?? draft, errors };
}
