import type { Database } from '@server/db';
import { canReadClient } from '@server/access';
import { assignmentsOf, endSubstitute, namedWorkerOf, setNamedWorker, type AssignmentRow } from '@server/assignments';
import { field, fileField } from '@server/forms';
import { processPhoto, storePhoto } from '@server/photos';
import { requestInfo } from '@server/security/events';
import { cancelInvitationOf, invitationState, resendInvitation, type InvitationState, type TokenPerson } from '@server/auth/account-tokens';
import { portalBaseUrl } from '@server/mail/links';
import { endAllSessionsOf, hasPasswordAccount, sessionCount } from '@server/auth/account-settings';
import { resetTwoStep, twoStepStatus } from '@server/auth/two-step';
import { isStaffRole } from '@domain/sign-in/two-step';
import { isIsoDate } from '@domain/attendance';
import { errorsUnder, hasFieldErrors, type FieldErrors } from '@domain/forms/field-errors';
import { parseDayInput } from '@domain/time/day-input';
import { todayInHelsinki } from '@domain/time/helsinki';
import { newFormKey, postedFormKey } from './form-keys';
import {
  addSubstituteOnce,
  asiakasnumeroTaken,
  emailTaken,
  managedPerson,
  namedClientCount,
  openSignInLock,
  setActive,
  setPersonPhoto,
  unitLinksOfFamily,
  updatePerson,
  workersOfUnit,
  type ManagedPerson,
} from './manage';
import { redirectTo, refused, show, type Admin, type PageAnswer, type Posted } from './page-answer';
import { PERSON_ERRORS } from './people-page';
import { readPersonForm, type ManagedRole } from './person-form';

/**
 * /admin/people/<id>: one person, for the admin of their unit. The page has several forms (details,
 * photo, named worker, a substitute and ending one, sign-in lock, deactivate); each posts its
 * `action` here. A saved form answers 303 back to the page with `saved=<what>` and the anchor of
 * its part, where its notice shows; a form with errors comes back with what was typed kept
 * (the other forms show what is stored). Anyone outside the unit: 403.
 */

/** The parts of the page, by the id of their heading: a notice or a form-wide error shows there. */
export type PersonPart = 'top' | 'details' | 'photo-heading' | 'assignments' | 'substitutes' | 'account' | 'sessions' | 'two-step' | 'sign-in-lock' | 'access';

export const SAVED_PART = {
  created: 'top',
  details: 'details',
  photo: 'photo-heading',
  named: 'assignments',
  substitute: 'substitutes',
  substituteEnded: 'substitutes',
  unlock: 'sign-in-lock',
  unlockNone: 'sign-in-lock',
  deactivate: 'access',
  reactivate: 'access',
  invitationSent: 'account',
  invitationJustSent: 'account',
  invitationCancelled: 'account',
  sessionsEnded: 'sessions',
  twoStepReset: 'two-step',
  twoStepNone: 'two-step',
} as const satisfies Record<string, PersonPart>;
export type PersonSaved = keyof typeof SAVED_PART;

const isSaved = (value: string | null): value is PersonSaved => value !== null && Object.hasOwn(SAVED_PART, value);

export interface DetailsValues {
  full_name: string;
  preferred_name: string;
  language: string;
  reading_needs: string;
  meal_fee: boolean;
  email: string;
  phone: string;
  asiakasnumero: string;
}

export interface SubstituteValues {
  sub_worker: string;
  starts_on: string;
  ends_on: string;
}

export interface PersonView {
  person: ManagedPerson;
  /** False for a family account with links in force to other units' clients: shown, not changed. */
  editable: boolean;
  unitLinks: { id: number; client_id: number; client_name: string; level: string }[];
  workers: { id: number; full_name: string }[];
  assignments: AssignmentRow[];
  namedNow: number | null;
  /** A worker's clients today (for the link to move them). */
  namedClients: number;
  details: DetailsValues;
  substitute: SubstituteValues;
  errors: FieldErrors;
  /** An error of the post as a whole (an unknown action): the i18next key. */
  pageError: string | null;
  /** What was just saved, shown in its part of the page. */
  saved: { what: PersonSaved; part: PersonPart } | null;
  formKey: string;
  today: string;
  /** The question shown before an action that cannot be undone (see ConfirmPanel). */
  confirming: Confirming | null;
  /** An account's invitation: "Käytössä", "Kutsu lähetetty" … (null for a client). */
  invitation: { state: InvitationState; sentAt: number | null; expiresAt: number | null } | null;
  /** A family member's, worker's or admin's sessions in force (null for a client: their card page ends theirs). */
  sessions: number | null;
  /** A worker's or admin's two-step sign-in (null for clients and family, who have none). */
  twoStep: { enrolled: boolean; unitRequires: boolean } | null;
}

/** The page's request, as Astro gives it (the address for the security log of an unlock). */
interface PageRequest {
  request: Request;
  url: URL;
  locals?: { clientAddress?: string };
}

interface Acting {
  db: Database;
  me: Admin;
  unitId: number;
  person: ManagedPerson;
  workers: { id: number; full_name: string }[];
  base: string;
}

/** What a post that was not saved gives back: its errors and what was typed. */
type NotSaved = { errors: FieldErrors; pageError?: string; details?: DetailsValues; substitute?: SubstituteValues; confirming?: Confirming };

/** An action that cannot be undone, asked first: its first post shows the question, nothing changed. */
export type Confirming = 'deactivate' | 'endSessions' | 'resetTwoStep';

export async function personPage(db: Database, me: Admin, id: string | undefined, posted: Posted, page: PageRequest): Promise<PageAnswer<PersonView>> {
  const unitId = me.unit_id;
  const person = await managedPerson(db, unitId, Number(id));
  if (!person || unitId === null) return refused();
  // A family account with links in force to other units' clients is not this admin's to change:
  // any change but ending their own unit's links (on the client's family page) is refused.
  const editable = person.editable === 1;
  if (!editable && posted) return refused();
  const workers = await workersOfUnit(db, unitId);
  const base = `/admin/people/${person.id}`;

  let outcome: NotSaved = { errors: {} };
  if (posted) {
    const form = await posted();
    const acted = await act({ db, me, unitId, person, workers, base }, field(form, 'action', 20), form, page);
    if ('to' in acted) return redirectTo(acted.to);
    outcome = acted;
  }

  const today = todayInHelsinki();
  const isClient = person.role === 'client';
  if (isClient) await canReadClient(db, me, person.id, 'client overview', page.url.pathname);
  const [invitation, sessions, unitLinks, assignments, namedNow, namedClients, twoStep] = await Promise.all([
    isClient ? null : invitationState(db, person.id),
    hasPasswordAccount(person.role) ? sessionCount(db, person.id) : null,
    person.role === 'family' ? unitLinksOfFamily(db, unitId, person.id) : [],
    isClient ? assignmentsOf(db, person.id) : [],
    isClient ? namedWorkerOf(db, person.id) : null,
    person.role === 'worker' ? namedClientCount(db, person.id, today) : 0,
    isStaffRole(person.role) ? twoStepStatus(db, person.id) : null,
  ]);
  const saved = posted ? null : page.url.searchParams.get('saved');
  return show(
    {
      person,
      editable,
      unitLinks,
      workers,
      assignments,
      namedNow,
      namedClients,
      details: outcome.details ?? storedDetails(person),
      substitute: outcome.substitute ?? { sub_worker: '', starts_on: '', ends_on: '' },
      errors: outcome.errors,
      pageError: outcome.pageError ?? null,
      saved: isSaved(saved) ? { what: saved, part: SAVED_PART[saved] } : null,
      formKey: newFormKey(),
      today,
      confirming: outcome.confirming ?? null,
      invitation,
      sessions,
      twoStep: twoStep && { enrolled: twoStep.enrolled, unitRequires: twoStep.unitRequires },
    },
    // The question before an action is an answer like any page, not an error.
    posted && !outcome.confirming ? 400 : 200,
  );
}

function storedDetails(p: ManagedPerson): DetailsValues {
  return { full_name: p.full_name, preferred_name: p.preferred_name, language: p.language, reading_needs: p.reading_needs, meal_fee: p.meal_fee === 1, email: p.email ?? '', phone: p.phone, asiakasnumero: p.asiakasnumero ?? '' };
}

const savedAt = (a: Acting, what: PersonSaved) => ({ to: `${a.base}?saved=${what}${SAVED_PART[what] === 'top' ? '' : `#${SAVED_PART[what]}`}` });
const errorOf = (codes: Record<string, string>): NotSaved => ({ errors: errorsUnder(PERSON_ERRORS, codes) });

async function act(a: Acting, action: string, form: FormData, page: PageRequest): Promise<{ to: string } | NotSaved> {
  const { db, me, unitId, person } = a;
  const adminActor = { id: me.id, unitId };
  const isClient = person.role === 'client';
  switch (action) {
    case 'details':
      return saveDetails(a, form);
    case 'photo': {
      const file = fileField(form, 'photo');
      const processed = file ? await processPhoto(file, 'portrait') : ({ ok: false, error: 'photoMissing' } as const);
      if (!processed.ok) return errorOf({ photo: processed.error });
      const photoId = await storePhoto(db, processed.photo, isClient ? person.id : null, me.id);
      await setPersonPhoto(db, person, photoId, adminActor);
      return savedAt(a, 'photo');
    }
    case 'deactivate':
    case 'reactivate':
      if (person.id === me.id) return errorOf({ access: 'notYourself' });
      // Deactivating ends every session at once: asked first, naming the person.
      if (action === 'deactivate' && field(form, 'confirm', 3) !== 'yes') return { errors: {}, confirming: 'deactivate' };
      await setActive(db, person, action === 'reactivate', adminActor);
      return savedAt(a, action);
    case 'endSessions': {
      // A worker's lost laptop, a family member's shared computer: every session ends now.
      // Asked first; the admin's own sessions are ended on their own Kirjautumiset page.
      if (!hasPasswordAccount(person.role) || person.id === me.id) break;
      if (field(form, 'confirm', 3) !== 'yes') return { errors: {}, confirming: 'endSessions' };
      await endAllSessionsOf(db, { id: person.id, role: person.role, unit_id: person.unit_id }, adminActor, requestInfo(page));
      return savedAt(a, 'sessionsEnded');
    }
    case 'resetTwoStep': {
      // A lost phone: the worker signs in with the password and enrols again. Asked first; the
      // person's sessions end too. One's own is reset by another admin (or turned off in one's settings).
      if (!isStaffRole(person.role) || person.id === me.id) break;
      if (field(form, 'confirm', 3) !== 'yes') return { errors: {}, confirming: 'resetTwoStep' };
      const { changed } = await resetTwoStep(db, { id: person.id, role: person.role, unit_id: person.unit_id }, adminActor, requestInfo(page));
      return savedAt(a, changed ? 'twoStepReset' : 'twoStepNone');
    }
    case 'unlock': {
      const { changed } = await openSignInLock(db, person, adminActor, requestInfo(page));
      return savedAt(a, changed ? 'unlock' : 'unlockNone');
    }
    case 'named': {
      if (!isClient) break;
      const worker = a.workers.find((w) => String(w.id) === field(form, 'worker', 20));
      if (!worker) return errorOf({ worker: 'workerNotInUnit' });
      await setNamedWorker(db, { clientId: person.id, workerId: worker.id, unitId, actorId: me.id });
      return savedAt(a, 'named');
    }
    case 'substitute':
      if (!isClient) break;
      return addSubstitute(a, form);
    case 'resendInvitation':
    case 'cancelInvitation': {
      if (isClient || !person.email || !person.active) break;
      const who: TokenPerson = { id: person.id, email: person.email, preferred_name: person.preferred_name, language: person.language as TokenPerson['language'], unit_id: person.unit_id, role: person.role };
      const request = requestInfo(page);
      if (action === 'cancelInvitation') {
        await cancelInvitationOf(db, who, { by: me.id, unitId, request });
        return savedAt(a, 'invitationCancelled');
      }
      const sent = await resendInvitation(db, who, { by: me.id, unitId, baseUrl: portalBaseUrl(page.url), request });
      if (sent === 'hasPassword') return errorOf({ account: 'hasPassword' });
      return savedAt(a, sent === 'sent' ? 'invitationSent' : 'invitationJustSent');
    }
    case 'endSubstitute': {
      if (!isClient) break;
      const assignmentId = Number(field(form, 'assignment', 20));
      if (Number.isSafeInteger(assignmentId) && (await endSubstitute(db, { assignmentId, clientId: person.id, unitId, actorId: me.id }))) return savedAt(a, 'substituteEnded');
      return errorOf({ substitutes: 'notFound' });
    }
  }
  return { errors: {}, pageError: `${PERSON_ERRORS}.unknownAction` };
}

async function saveDetails(a: Acting, form: FormData): Promise<{ to: string } | NotSaved> {
  const { db, person } = a;
  const read = readPersonForm(form, 'edit', person.role as ManagedRole);
  const v = read.values;
  const codes = read.errors;
  if (person.role !== 'client' && !codes.email && (await emailTaken(db, v.email, person.id))) codes.email = 'emailTaken';
  if (person.role === 'client' && v.asiakasnumero && !codes.asiakasnumero && (await asiakasnumeroTaken(db, a.unitId, v.asiakasnumero, person.id))) codes.asiakasnumero = 'asiakasnumeroTaken';
  const details: DetailsValues = { full_name: v.full_name, preferred_name: v.preferred_name, language: v.language, reading_needs: v.reading_needs, meal_fee: v.meal_fee, email: v.email, phone: v.phone, asiakasnumero: v.asiakasnumero };
  const errors = errorsUnder(PERSON_ERRORS, codes);
  if (hasFieldErrors(errors)) return { errors, details };
  await updatePerson(db, person, {
    full_name: v.full_name,
    preferred_name: v.preferred_name || v.full_name.split(/\s+/)[0],
    language: v.language as 'fi' | 'sv' | 'en',
    phone: v.phone,
    ...(person.role === 'client' ? { reading_needs: v.reading_needs, meal_fee: v.meal_fee ? 1 : 0, asiakasnumero: v.asiakasnumero || null } : { email: v.email.toLowerCase() }),
  }, { id: a.me.id, unitId: a.unitId });
  return savedAt(a, 'details');
}

async function addSubstitute(a: Acting, form: FormData): Promise<{ to: string } | NotSaved> {
  const substitute: SubstituteValues = { sub_worker: field(form, 'sub_worker', 20), starts_on: field(form, 'starts_on', 40), ends_on: field(form, 'ends_on', 40) };
  const worker = a.workers.find((w) => String(w.id) === substitute.sub_worker);
  const startsOn = parseDayInput(substitute.starts_on);
  const endsOn = parseDayInput(substitute.ends_on);
  const codes: Record<string, string> = {};
  if (!worker) codes.sub_worker = 'workerNotInUnit';
  if (!startsOn || !isIsoDate(startsOn)) codes.starts_on = 'badDay';
  if (!endsOn) codes.ends_on = 'badDay';
  else if (startsOn && endsOn < startsOn) codes.ends_on = 'endBeforeStart';
  if (Object.keys(codes).length === 0) {
    // The form's idempotency key: a double click or a resent form adds one period, and is
    // answered "added" like the first post.
    const key = { kind: 'substitute' as const, key: postedFormKey(form), actorId: a.me.id };
    const result = await addSubstituteOnce(a.db, key, { clientId: a.person.id, workerId: worker!.id, startsOn, endsOn, unitId: a.unitId });
    if ('id' in result) return savedAt(a, 'substitute');
    if (result.error === 'substituteExists') codes.sub_worker = 'substituteExists';
    // Not tied to one field: shown under the part's heading.
    else codes.substitutes = result.error;
  }
  return { ...errorOf(codes), substitute };
}
