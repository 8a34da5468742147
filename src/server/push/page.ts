/**
 * The client's "Minä" page's part in Web Push: what the page shows (the question only on a
 * remembered own tablet), and POST /client/push, which keeps the browser's subscription (the
 * island's "Kyllä") or ends this tablet's ("En halua ilmoituksia", a plain form that works
 * without JavaScript). A shared tablet is refused: a notification there would tell the next
 * person that someone has a message.
 */
import type { Database } from '@server/db';
import type { SessionActor } from '@server/auth/session';
import { config } from '@server/config';
import { field } from '@server/forms';
import { parseSubscription } from '@domain/push/subscription';
import { endSessionSubscriptions, saveSubscription, sessionSubscribed, vapidKeys } from './store';

export interface PushView {
  /** Only on a remembered own tablet; null on a shared one (nothing about push is shown). */
  ownTablet: { subscribed: boolean; publicKey: string } | null;
  notice: 'on' | 'off' | null;
}

export async function pushView(db: Database, actor: SessionActor, url: URL): Promise<PushView> {
  const said = url.searchParams.get('push');
  const notice = said === 'on' || said === 'off' ? said : null;
  if (actor.kind !== 'remembered') return { ownTablet: null, notice: null };
  const [subscribed, keys] = await Promise.all([sessionSubscribed(db, actor.person.id, actor.sessionId), vapidKeys(db)]);
  return { ownTablet: { subscribed, publicKey: keys.publicKey }, notice };
}

export type PushAnswer = { status: 303; to: string } | { status: 400 | 403 };

export async function pushPost(db: Database, actor: SessionActor, form: FormData): Promise<PushAnswer> {
  if (actor.kind !== 'remembered' || actor.person.role !== 'client') return { status: 403 };
  const action = field(form, 'action', 10);
  if (action === 'off') {
    await endSessionSubscriptions(db, actor.person.id, actor.sessionId);
    return { status: 303, to: '/client/me?push=off#push' };
  }
  if (action !== 'on') return { status: 400 };
  const subscription = parseSubscription({ endpoint: field(form, 'endpoint', 1001), p256dh: field(form, 'p256dh', 200), auth: field(form, 'auth', 100) }, config.pushHosts);
  if (!subscription) return { status: 400 };
  await saveSubscription(db, { personId: actor.person.id, sessionId: actor.sessionId, ...subscription });
  return { status: 303, to: '/client/me?push=on#push' };
}
