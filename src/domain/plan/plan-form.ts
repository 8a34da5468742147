import { SERVICE_TYPES, type ServiceType } from './plan';

/**
 * The worker's plan form: reads what was posted, and says per field what is wrong. Pure, so the
 * rules are tested without a browser; the page keeps every typed value when it shows errors.
 */
export const LEGAL_BASES = ['EHL 2 §', 'SHL 27 e §', 'SHL 27 d §', 'laki kuntouttavasta työtoiminnasta'] as const;
export const SUMMARY_MAX = 2000;
export const NAME_MAX = 120;

export type PlanField =
  | 'service_type' | 'place_name' | 'place_address' | 'place_picture' | 'named_worker_id'
  | 'starts_on' | 'review_on' | 'legal_basis' | 'summary' | 'summary_translation' | 'schedule' | 'place_photo';

export type PlanError =
  | 'required' | 'tooLong' | 'unknownPicture' | 'unknownWorker' | 'badDate' | 'reviewBeforeStart'
  | 'reviewTooFar' | 'badTime' | 'endBeforeStart' | 'noDays' | 'unknownService' | 'photoTooBig' | 'photoNotImage';

export interface PlanFormValues {
  service_type: string;
  place_name: string;
  place_address: string;
  place_picture: string;
  named_worker_id: string;
  starts_on: string;
  review_on: string;
  legal_basis: string;
  summary: string;
  /** The summary in the client's language, for a client who reads Swedish or English ('' none). */
  summary_translation: string;
  days: Record<number, { on: boolean; starts_at: string; ends_at: string }>;
}

export interface ParsedPlan {
  service_type: ServiceType;
  place_name: string;
  place_address: string;
  place_picture: string;
  /** null: the form did not choose one (only a unit admin changes the named worker). */
  named_worker_id: number | null;
  starts_on: string;
  review_on: string;
  legal_basis: string;
  summary: string;
  summary_translation?: string;
  schedule: { weekday: number; starts_at: string; ends_at: string }[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function addYears(isoDate: string, years: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export function readPlanForm(get: (name: string) => string): PlanFormValues {
  const days: PlanFormValues['days'] = {};
  for (let weekday = 1; weekday <= 7; weekday++) {
    days[weekday] = { on: get(`day${weekday}`) === 'on', starts_at: get(`day${weekday}_start`), ends_at: get(`day${weekday}_end`) };
  }
  return {
    service_type: get('service_type'),
    place_name: get('place_name').trim(),
    place_address: get('place_address').trim(),
    place_picture: get('place_picture'),
    named_worker_id: get('named_worker_id'),
    starts_on: get('starts_on'),
    review_on: get('review_on'),
    legal_basis: get('legal_basis').trim(),
    summary: get('summary').trim(),
    summary_translation: get('summary_translation').trim(),
    days,
  };
}

export interface PlanCheckContext {
  /**
   * The ids that may be the named worker (the unit's active workers), or null when the person
   * saving may not change the named worker: the field is then not read at all, so a forged
   * value changes nothing.
   */
  workers: ReadonlySet<number> | null;
  /** Bounds the review date: at most 2 years ahead (the service need is reviewed at least every 2 years). */
  today: string;
  /** Whether a picture name is one the picker offers (the server's catalogue). */
  isKnownPicture: (name: string) => boolean;
}

/** Checks the values, field by field. */
export function validatePlan(
  v: PlanFormValues,
  { workers, today, isKnownPicture }: PlanCheckContext,
): { ok: true; plan: ParsedPlan } | { ok: false; errors: Partial<Record<PlanField, PlanError>> } {
  const errors: Partial<Record<PlanField, PlanError>> = {};
  if (!(SERVICE_TYPES as readonly string[]).includes(v.service_type)) errors.service_type = 'unknownService';
  if (!v.place_name) errors.place_name = 'required';
  else if (v.place_name.length > NAME_MAX) errors.place_name = 'tooLong';
  if (v.place_address.length > 200) errors.place_address = 'tooLong';
  if (!isKnownPicture(v.place_picture)) errors.place_picture = 'unknownPicture';
  if (workers && !workers.has(Number(v.named_worker_id))) errors.named_worker_id = 'unknownWorker';
  if (!isRealDate(v.starts_on)) errors.starts_on = v.starts_on ? 'badDate' : 'required';
  if (!isRealDate(v.review_on)) errors.review_on = v.review_on ? 'badDate' : 'required';
  else if (isRealDate(v.starts_on) && v.review_on < v.starts_on) errors.review_on = 'reviewBeforeStart';
  else if (v.review_on > addYears(today, 2)) errors.review_on = 'reviewTooFar';
  if (v.legal_basis.length > 120) errors.legal_basis = 'tooLong';
  if (!v.summary) errors.summary = 'required';
  else if (v.summary.length > SUMMARY_MAX) errors.summary = 'tooLong';
  if ((v.summary_translation ?? '').length > SUMMARY_MAX) errors.summary_translation = 'tooLong';
  const schedule: ParsedPlan['schedule'] = [];
  for (const [weekday, day] of Object.entries(v.days)) {
    if (!day.on) continue;
    if (!TIME.test(day.starts_at) || !TIME.test(day.ends_at)) errors.schedule = 'badTime';
    else if (day.ends_at <= day.starts_at) errors.schedule = 'endBeforeStart';
    else schedule.push({ weekday: Number(weekday), starts_at: day.starts_at, ends_at: day.ends_at });
  }
  if (!errors.schedule && schedule.length === 0) errors.schedule = 'noDays';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      service_type: v.service_type as ServiceType,
      place_name: v.place_name,
      place_address: v.place_address,
      place_picture: v.place_picture,
      named_worker_id: workers ? Number(v.named_worker_id) : null,
      starts_on: v.starts_on,
      review_on: v.review_on,
      legal_basis: v.legal_basis,
      summary: v.summary,
      summary_translation: v.summary_translation ?? '',
      schedule,
    },
  };
}
