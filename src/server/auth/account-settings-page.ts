/**
 * /settings/password and /settings/sessions: a signed-in family member, worker or admin changes
 * their password and sees and ends their sessions (src/server/auth/account-settings.ts does the
 * work). ROLE_AREAS lets no client here (they have no password). Each form is a plain POST; a
 * saved one answers 303 to the page with its notice.
 */
import type { Database } from '@server/db';
import { field } from '@server/forms';
import type { RequestInfo } from '@server/security/events';
import type { FieldErrors } from '@domain/forms/field-errors';
import type { SessionActor } from './session';
import { warmPasswordChecker } from './password-quality';
import { changePassword, endOtherSessions, endOwnSession, sessionsOf, type SessionListRow } from './account-settings';

export type SettingsAnswer<V> = { kind: 'redirect'; to: string } | ({ kind: 'show'; status: number } & V);

export interface PasswordView {
  email: string;
  errors: FieldErrors;
  saved: boolean;
}

export async function passwordSettingsPage(db: Database, actor: SessionActor, form: FormData | null, url: URL, request: RequestInfo): Promise<SettingsAnswer<PasswordView>> {
  const row = await db.get<{ email: string | null }>('SELECT email FROM people WHERE id = ?', [actor.person.id]);
  const email = row?.email ?? '';
  if (!form) {
    warmPasswordChecker();
    return { kind: 'show', status: 200, email, errors: {}, saved: url.searchParams.get('saved') === '1' };
  }
  const result = await changePassword(
    db,
    { personId: actor.person.id, sessionId: actor.sessionId },
    { current: field(form, 'current_password', 1000), next: field(form, 'new_password', 1000), again: field(form, 'new_password_again', 1000) },
    request,
  );
  if (result.ok) return { kind: 'redirect', to: '/settings/password?saved=1#notice' };
  return { kind: 'show', status: 400, email, errors: result.errors, saved: false };
}

export const SESSIONS_ENDED = ['one', 'others', 'none'] as const;
export type SessionsEnded = (typeof SESSIONS_ENDED)[number];

export interface SessionsView {
  sessions: SessionListRow[];
  ended: SessionsEnded | null;
}

export async function sessionsSettingsPage(db: Database, actor: SessionActor, form: FormData | null, url: URL, request: RequestInfo): Promise<SettingsAnswer<SessionsView>> {
  const me = { person: { id: actor.person.id, role: actor.person.role, unit_id: actor.person.unit_id }, sessionId: actor.sessionId };
  if (form) {
    // A session ended a moment ago elsewhere is no error: the list shows what is left.
    const action = field(form, 'action', 20);
    if (action !== 'end' && action !== 'endOthers') return { kind: 'redirect', to: '/settings/sessions' };
    let ended: SessionsEnded = 'none';
    if (action === 'end') ended = (await endOwnSession(db, me, field(form, 'session', 40), request)) ? 'one' : 'none';
    else if (action === 'endOthers') ended = (await endOtherSessions(db, me, request)) > 0 ? 'others' : 'none';
    return { kind: 'redirect', to: `/settings/sessions?ended=${ended}#notice` };
  }
  const asked = url.searchParams.get('ended');
  return {
    kind: 'show',
    status: 200,
    sessions: await sessionsOf(db, actor.person.id, actor.sessionId),
    ended: (SESSIONS_ENDED as readonly string[]).includes(asked ?? '') ? (asked as SessionsEnded) : null,
  };
}
