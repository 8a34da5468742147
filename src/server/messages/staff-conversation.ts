import type { Database } from '../db';
import { field } from '../forms';
import { isCataloguePicture } from '../picture-catalogue';
import {
  conversationOf,
  draftOf,
  markHandledWithoutReply,
  markRead,
  messagesPage,
  receiveTextMessage,
  receiveVoiceMessage,
  replyDaysOf,
  saveDraft,
  waitingIn,
  type MessageRow,
} from './store';
import { errorsUnder, type FieldErrors } from '@domain/forms/field-errors';

/**
 * One client's conversation for the named worker, a substitute or an admin of the unit
 * (worker/messages/client/:client): a reply in text, with a picture or in voice, a draft kept
 * while typing, "Ei vaadi vastausta" for messages that need no answer, and the page of messages.
 * Opening it marks the client's messages read ("Ohjaaja on lukenut viestisi") but does not end
 * their wait for an answer: only an answer or "Ei vaadi vastausta" does.
 */
export interface StaffConversationPage {
  status: 200 | 400;
  messages: MessageRow[];
  /** `before` for the link to older messages, or null when these are the oldest. */
  olderFrom: number | null;
  /** The reply field's text: what was typed when it came back with an error, else the draft. */
  text: string;
  /** The picture chosen for the answer ('' for none) and the picture search's words. */
  picture: string;
  pictureQuery: string;
  /** What waits for an answer here: the count, since when, and the newest waiting message's id. */
  waiting: { count: number; since: number | null; lastId: number | null };
  /** The unit's promise of an answer, in working days. */
  replyDays: number;
  errors: FieldErrors;
}

/** An answer with no page: a voice message's status (303 is a redirect), a saved draft (204). */
export type StaffConversationResult = { redirect: string } | { emptyStatus: number } | StaffConversationPage;

/** `form`: a post (read with VOICE_FORM_MAX_BYTES, as a voice message is the largest), or null for a read. */
export async function handleStaffConversation(db: Database, clientId: number, me: { id: number }, form: FormData | null, before: number | null): Promise<StaffConversationResult> {
  const conversationId = await conversationOf(db, clientId);
  const here = `/worker/messages/client/${clientId}`;
  const sent = `${here}?sent=1#latest`;
  let typed: string | null = null;
  let picture = '';
  let pictureQuery = '';
  let searching = false;
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
    if (action === 'handled') {
      // Only what was waiting when the page was drawn: a message sent since then still waits.
      const upTo = Number(field(form, 'up_to', 20));
      await markHandledWithoutReply(db, conversationId, clientId, me.id, Number.isSafeInteger(upTo) && upTo > 0 ? upTo : null);
      return { redirect: `${here}?handled=1#waiting` };
    }
    picture = field(form, 'picture', 100);
    pictureQuery = field(form, 'picture_q', 100);
    searching = field(form, 'picture_search', 40) === 'picture';
    if (searching) {
      // The picture search without JavaScript: the same form again with the matches; nothing is sent.
      typed = field(form, 'body', 8000);
    } else if (picture && !isCataloguePicture(picture)) {
      typed = field(form, 'body', 8000);
      errors = errorsUnder('staff:messages.errors', { 'picture-q': 'unknownPicture' });
    } else {
      const result = await receiveTextMessage(db, form, sender, picture || null);
      if (result.sent) return { redirect: sent };
      errors = errorsUnder('staff:messages.errors', { body: result.error });
      typed = result.typed;
    }
  }
  const [page, draft, waiting, replyDays] = await Promise.all([
    messagesPage(db, conversationId, before),
    draftOf(db, me.id, conversationId),
    waitingIn(db, conversationId),
    replyDaysOf(db, clientId),
  ]);
  await markRead(db, conversationId, { id: me.id, clientSide: false });
  return {
    status: typed === null || searching ? 200 : 400,
    messages: page.messages,
    olderFrom: page.olderFrom,
    text: typed ?? draft,
    picture,
    pictureQuery,
    waiting,
    replyDays,
    errors,
  };
}
