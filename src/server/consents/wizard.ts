import { randomUUID } from 'node:crypto';
import { field } from '../forms';
import type { FieldErrors } from '@domain/forms/field-errors';
import {
  endDateOf,
  endDateProblem,
  isDuration,
  isInfoType,
  isRecipientType,
  parseDayInput,
  recipientNeedsName,
  type Duration,
  type InfoType,
  type RecipientType,
} from '@domain/consent';

/**
 * "Anna lupa" in four numbered steps: 1 Kenelle? 2 Mitä tietoja? 3 Kuinka kauan? 4 Tarkista ja
 * vahvista. Every step is a plain POST that carries all earlier answers as hidden fields, so it
 * works without JavaScript and "Takaisin" never loses a choice. The client's page and a legal
 * representative's page share this: the pages differ only in whose consent it is.
 */
export const NAME_MAX = 120;
/** The id of the steps' form: the page tools' language and text-size buttons carry its fields. */
export const WIZARD_FORM = 'consent-wizard';
export type WizardStep = 1 | 2 | 3 | 4;
export type WizardError =
  | 'pickRecipient'
  | 'nameMissing'
  | 'nameTooLong'
  | 'pickInfo'
  | 'unknownInfo'
  | 'pickDuration'
  | 'dateMissing'
  | 'dateInvalid'
  | 'datePast'
  | 'dateTooFar';

export interface WizardState {
  step: WizardStep;
  key: string;
  recipient: string;
  name: string;
  info: InfoType[];
  duration: string;
  /** The end date as typed (kept as typed when it is wrong). */
  date: string;
  error: WizardError | null;
}

export interface ReadyConsent {
  recipientType: RecipientType;
  recipientName: string;
  information: InfoType[];
  endsOn: string;
}

/** The field each error belongs to (its control's id: the first choice of a group). */
const FIELD_OF: Record<WizardError, string> = {
  pickRecipient: 'recipient',
  nameMissing: 'consent-name',
  nameTooLong: 'consent-name',
  pickInfo: 'info',
  unknownInfo: 'info',
  pickDuration: 'duration',
  dateMissing: 'consent-date',
  dateInvalid: 'consent-date',
  datePast: 'consent-date',
  dateTooFar: 'consent-date',
};

/** The state's error as FieldErrors, for the layout's summary and the field. */
export function wizardErrors(s: Pick<WizardState, 'error'>): FieldErrors {
  return s.error ? { [FIELD_OF[s.error]]: `client:consents.errors.${s.error}` } : {};
}

export function emptyWizard(): WizardState {
  return { step: 1, key: randomUUID(), recipient: '', name: '', info: [], duration: '', date: '', error: null };
}

/** The end day the answers give, or null when they do not give one yet. */
export function chosenEndDate(s: Pick<WizardState, 'duration' | 'date'>, today: string): string | null {
  if (s.duration === 'half_year' || s.duration === 'year') return endDateOf(s.duration, today);
  if (s.duration === 'date') return parseDayInput(s.date) || null;
  return null;
}

function recipientError(s: WizardState): WizardError | null {
  if (!isRecipientType(s.recipient)) return 'pickRecipient';
  if (s.name.length > NAME_MAX) return 'nameTooLong';
  if (recipientNeedsName(s.recipient) && !s.name) return 'nameMissing';
  return null;
}

function durationError(s: WizardState, today: string): WizardError | null {
  if (!isDuration(s.duration)) return 'pickDuration';
  if (s.duration !== 'date') return null;
  const problem = endDateProblem(parseDayInput(s.date) || (s.date.trim() ? 'x' : ''), today);
  return problem ? (({ missing: 'dateMissing', invalid: 'dateInvalid', past: 'datePast', tooFar: 'dateTooFar' } as const)[problem]) : null;
}

/**
 * Reads one posted step and says which step to show next, with an error when the answer is
 * missing or wrong (the same step is shown again with every answer kept). `ready` is set when
 * the person confirmed at step 4 and every answer holds: the page then records the consent.
 * `nav=stay` (a language or text size chosen in the middle, see preference-switch.ts) shows the
 * same step again with every answer, nothing checked aloud: an earlier answer that does not hold
 * (a changed form) quietly sends it back to that answer's step.
 */
export function readWizardPost(form: FormData, today: string): { state: WizardState; ready: ReadyConsent | null } {
  const rawInfo = form.getAll('info').filter((v): v is string => typeof v === 'string');
  const s: WizardState = {
    step: 1,
    key: field(form, 'key', 100) || randomUUID(),
    recipient: field(form, 'recipient', 30),
    name: field(form, 'name', NAME_MAX * 4).trim(),
    info: [...new Set(rawInfo.filter(isInfoType))],
    duration: field(form, 'duration', 20),
    date: field(form, 'date', 40).trim(),
    error: null,
  };
  const at = Number(field(form, 'step', 2)) as WizardStep;
  const nav = field(form, 'nav', 10);
  if (nav === 'back') {
    s.step = (Math.max(1, Math.min(4, at - 1)) || 1) as WizardStep;
    return { state: s, ready: null };
  }
  // Going forward, every answer up to this step must hold; the first one that does not is shown.
  const checks: [WizardStep, () => WizardError | null][] = [
    [1, () => recipientError(s)],
    [2, () => (rawInfo.some((v) => !isInfoType(v)) ? 'unknownInfo' : s.info.length === 0 ? 'pickInfo' : null)],
    [3, () => durationError(s, today)],
  ];
  const upTo = at >= 1 && at <= 4 ? at : 1;
  if (nav === 'stay') {
    s.step = upTo;
    for (const [step, check] of checks) {
      if (step < upTo && check()) {
        s.step = step;
        break;
      }
    }
    return { state: s, ready: null };
  }
  for (const [step, check] of checks) {
    if (step > upTo) break;
    const error = check();
    if (error) {
      s.step = step;
      s.error = error;
      return { state: s, ready: null };
    }
  }
  if (upTo < 4) {
    s.step = (upTo + 1) as WizardStep;
    return { state: s, ready: null };
  }
  s.step = 4;
  if (nav !== 'confirm') return { state: s, ready: null };
  return {
    state: s,
    ready: { recipientType: s.recipient as RecipientType, recipientName: s.name, information: s.info, endsOn: chosenEndDate(s, today)! },
  };
}

export type { Duration };
