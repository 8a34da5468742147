/**
 * The pages of two-step sign-in (the work is in two-step.ts): /login/code and /login/enrol
 * between the right password and the session, and /settings/two-step for a signed-in worker or
 * admin. Each handler says what the page shows or where it goes, and which cookies change: the
 * page only reads the request, sets the cookies and renders.
 *
 * Recovery codes exist in clear only in the one response that shows them (after enrolling, or
 * "Tee uudet varakoodit"): that answer is the page itself (200), not a redirect to it.
 */
import type { Database } from '@server/db';
import { HOME_OF } from '@server/access';
import { field } from '@server/forms';
import { qrSvg } from '@server/qr';
import type { RequestInfo } from '@server/security/events';
import type { FieldErrors } from '@domain/forms/field-errors';
import { formatRecoveryCode, groupKey } from '@domain/sign-in/two-step';
import type { SessionActor } from './session';
import { pendingSecondStep, type PendingSecondStep } from './second-step';
import { beginEnrolment, confirmEnrolment, newRecoveryCodes, signInWithCode, turnOffTwoStep, twoStepStatus, type TwoStepStatus } from './two-step';

/** Cookie changes of a sign-in step's answer: a new session, and the pending step's cookie gone. */
export interface StepCookies {
  signedIn?: { token: string; expiresAt: number };
  endPending?: boolean;
}
export type StepAnswer<V> = ({ kind: 'redirect'; to: string } & StepCookies) | ({ kind: 'show'; status: number } & StepCookies & V);

/** Where a sign-in goes when its second step is gone (too old, or reset meanwhile). */
export const SIGN_IN_AGAIN = '/login?step=expired';

/** What an enrolment form shows: the QR code (inline SVG) and the key as text, in groups of four. */
export interface EnrolmentShown {
  qr: string;
  secret: string;
}

async function shownEnrolment(db: Database, person: { id: number; email: string }, qrLabel: string): Promise<EnrolmentShown | null> {
  const enrolment = await beginEnrolment(db, person);
  return enrolment ? { qr: await qrSvg(enrolment.uri, qrLabel), secret: groupKey(enrolment.secret) } : null;
}

const CODE_ERRORS = {
  missing: 'auth:twoStep.code.missing',
  wrong: 'auth:twoStep.code.wrong',
} as const;

// ---------------------------------------------------------------------------------------------
// /login/code
// ---------------------------------------------------------------------------------------------

export interface CodeView {
  errors: FieldErrors;
  /** Too many tries from this address: minutes to wait. */
  tooManyMinutes: number | null;
}

export async function codeSignInPage(db: Database, token: string | undefined, form: FormData | null, ip: string, request: RequestInfo): Promise<StepAnswer<CodeView>> {
  if (!form) {
    const pending = await pendingSecondStep(db, token);
    if (!pending) return { kind: 'redirect', to: '/login', endPending: !!token };
    if (pending.purpose === 'enrol') return { kind: 'redirect', to: '/login/enrol' };
    return { kind: 'show', status: 200, errors: {}, tooManyMinutes: null };
  }
  const result = await signInWithCode(db, token, field(form, 'code', 100), ip, request);
  if (result.ok) {
    const signedIn = { token: result.token, expiresAt: result.session.absolute_expires_at };
    // After a recovery code, the settings page says how many are left and what to do next.
    const to = result.usedRecoveryCode ? '/settings/two-step?recovery=used#notice' : HOME_OF[result.role as keyof typeof HOME_OF];
    return { kind: 'redirect', to, signedIn, endPending: true };
  }
  switch (result.reason) {
    case 'pending_expired':
      return { kind: 'redirect', to: token ? SIGN_IN_AGAIN : '/login', endPending: !!token };
    case 'too_many_from_here':
      return { kind: 'show', status: 429, errors: {}, tooManyMinutes: result.minutes };
    case 'locked':
      return { kind: 'show', status: 400, errors: { code: { key: 'auth:twoStep.code.locked', values: { count: result.lock.minutesLeft } } }, tooManyMinutes: null };
    default:
      return { kind: 'show', status: 400, errors: { code: CODE_ERRORS[result.reason] }, tooManyMinutes: null };
  }
}

// ---------------------------------------------------------------------------------------------
// /login/enrol
// ---------------------------------------------------------------------------------------------

export interface EnrolView {
  enrolment: EnrolmentShown | null;
  errors: FieldErrors;
  /** Just enrolled: the recovery codes, shown this once, and the way on. */
  recoveryCodes: string[] | null;
  home: string;
}

export async function enrolSignInPage(db: Database, token: string | undefined, form: FormData | null, request: RequestInfo, qrLabel: string): Promise<StepAnswer<EnrolView>> {
  const pending = await pendingSecondStep(db, token);
  if (!pending) return { kind: 'redirect', to: form && token ? SIGN_IN_AGAIN : '/login', endPending: !!token };
  if (pending.purpose === 'code') return { kind: 'redirect', to: '/login/code' };
  const home = HOME_OF[pending.person.role];
  let errors: FieldErrors = {};
  if (form) {
    const result = await confirmEnrolment(db, { person: eventPersonOf(pending), pendingId: pending.id }, field(form, 'code', 100), request);
    if (result.ok) {
      return {
        kind: 'show',
        status: 200,
        enrolment: null,
        errors: {},
        recoveryCodes: result.recoveryCodes.map(formatRecoveryCode),
        home,
        signedIn: result.signedIn ? { token: result.signedIn.token, expiresAt: result.signedIn.session.absolute_expires_at } : undefined,
        endPending: true,
      };
    }
    // Enrolled meanwhile on another device, or the step is over: sign in again (with the code).
    if (result.reason === 'expired' || result.reason === 'already') return { kind: 'redirect', to: SIGN_IN_AGAIN, endPending: true };
    errors = { code: CODE_ERRORS[result.reason] };
  }
  const enrolment = await shownEnrolment(db, pending.person, qrLabel);
  if (!enrolment) return { kind: 'redirect', to: SIGN_IN_AGAIN, endPending: true };
  return { kind: 'show', status: form ? 400 : 200, enrolment, errors, recoveryCodes: null, home };
}

function eventPersonOf(pending: PendingSecondStep) {
  return { id: pending.person.id, role: pending.person.role, unit_id: pending.person.unit_id };
}

// ---------------------------------------------------------------------------------------------
// /settings/two-step
// ---------------------------------------------------------------------------------------------

export const SETTINGS_NOTICES = ['enrolled', 'codes', 'off', 'recoveryUsed'] as const;
export type SettingsNotice = (typeof SETTINGS_NOTICES)[number];

export interface TwoStepSettingsView {
  state: TwoStepStatus;
  /** Not enrolled yet: the QR code and key to enrol with. */
  enrolment: EnrolmentShown | null;
  errors: FieldErrors;
  /** Just made: shown this once. */
  recoveryCodes: string[] | null;
  notice: SettingsNotice | null;
}

const SETTINGS_ERRORS = {
  required: 'staff:twoStep.errors.required',
  notOn: 'staff:twoStep.errors.notOn',
  missing: 'staff:twoStep.errors.missing',
  wrong: 'staff:twoStep.errors.wrong',
  locked: 'staff:twoStep.errors.locked',
} as const;

const SETTINGS = '/settings/two-step';

/**
 * A worker's or admin's own two-step sign-in (ROLE_AREAS: nobody else comes here): enrol with
 * the QR code and one code; when it is on, make new recovery codes or turn it off with a code
 * (not while the unit requires it). Each form posts its `action`.
 */
export async function twoStepSettingsPage(
  db: Database,
  actor: SessionActor,
  form: FormData | null,
  url: URL,
  request: RequestInfo,
  qrLabel: string,
): Promise<{ kind: 'redirect'; to: string } | ({ kind: 'show'; status: number } & TwoStepSettingsView)> {
  const me = { id: actor.person.id, role: actor.person.role, unit_id: actor.person.unit_id };
  const show = async (status: number, extra: Partial<TwoStepSettingsView> = {}) => {
    const state = await twoStepStatus(db, me.id);
    const account = state.enrolled ? undefined : await db.get<{ email: string }>('SELECT email FROM people WHERE id = ?', [me.id]);
    const enrolment = state.enrolled ? null : await shownEnrolment(db, { id: me.id, email: account?.email ?? '' }, qrLabel);
    return { kind: 'show' as const, status, state, enrolment, errors: {}, recoveryCodes: null, notice: null, ...extra };
  };
  if (!form) {
    const asked = url.searchParams.get('saved') ?? (url.searchParams.get('recovery') === 'used' ? 'recoveryUsed' : null);
    return show(200, { notice: (SETTINGS_NOTICES as readonly string[]).includes(asked ?? '') ? (asked as SettingsNotice) : null });
  }
  switch (field(form, 'action', 20)) {
    case 'enrol': {
      const result = await confirmEnrolment(db, { person: me, pendingId: null }, field(form, 'code', 100), request);
      if (result.ok) return show(200, { recoveryCodes: result.recoveryCodes.map(formatRecoveryCode), notice: 'enrolled' });
      // On already (a second tab, a double click): the page shows it is on.
      if (result.reason === 'already' || result.reason === 'expired') return { kind: 'redirect', to: SETTINGS };
      return show(400, { errors: { code: SETTINGS_ERRORS[result.reason] } });
    }
    case 'codes': {
      const codes = await newRecoveryCodes(db, me, request);
      if (!codes) return { kind: 'redirect', to: SETTINGS };
      return show(200, { recoveryCodes: codes.map(formatRecoveryCode), notice: 'codes' });
    }
    case 'off': {
      const result = await turnOffTwoStep(db, me, field(form, 'off_code', 100), request);
      if (result.ok) return { kind: 'redirect', to: `${SETTINGS}?saved=off#notice` };
      if (result.reason === 'notOn') return { kind: 'redirect', to: SETTINGS };
      return show(400, { errors: { off_code: SETTINGS_ERRORS[result.reason] } });
    }
    default:
      return { kind: 'redirect', to: SETTINGS };
  }
}
