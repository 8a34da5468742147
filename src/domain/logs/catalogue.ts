/**
 * The one list of everything the access log and the audit log write: every action, every target
 * type, every changed field and the kind of its value. The log writers take these types
 * (`audit()` an `AuditAction`, `canReadClient()` an `AccessAction`), so a new action cannot be
 * written before it is here; tests/unit/log-words.test.ts then fails until it has its words in
 * staff.json in fi, sv and en (`staff:logs.…`). Readers see the words; the codes stay in the
 * database, in data attributes and in the CSV export's code columns.
 */
import { SERVICE_TYPES } from '@domain/plan/plan';
import { ATTENDANCE_STATUSES, ABSENCE_REASONS } from '@domain/attendance/status';
import { RECIPIENT_TYPES, INFO_TYPES } from '@domain/consent';
import { LANGUAGES } from '@domain/language';

/** Audit actions, each with the key of its words under `staff:logs.actions`. */
export const AUDIT_ACTIONS = {
  'create unit': 'createUnit',
  'edit unit': 'editUnit',
  'edit unit settings': 'editUnitSettings',
  'add rate': 'addRate',
  'create client': 'createClient',
  'create worker': 'createWorker',
  'create admin': 'createAdmin',
  'create family': 'createFamily',
  'edit person': 'editPerson',
  'change meal fee': 'changeMealFee',
  'deactivate person': 'deactivatePerson',
  'reactivate person': 'reactivatePerson',
  'set photo': 'setPhoto',
  'unlock sign-in': 'unlockSignIn',
  'issue login card': 'issueLoginCard',
  'end sessions: card lost': 'endSessionsCardLost',
  'reset picture pin': 'resetPicturePin',
  'import clients': 'importClients',
  'change named worker': 'changeNamedWorker',
  'move client': 'moveClient',
  'add substitute': 'addSubstitute',
  'end substitute': 'endSubstitute',
  'save plan': 'savePlan',
  'create goal': 'createGoal',
  'edit goal': 'editGoal',
  'goal status': 'goalStatus',
  'move goal': 'moveGoal',
  'add goal step': 'addGoalStep',
  'tick goal step': 'tickGoalStep',
  'remove goal step': 'removeGoalStep',
  'translate goal step': 'translateGoalStep',
  'comment on goal': 'commentOnGoal',
  'correct attendance': 'correctAttendance',
  'confirm absence': 'confirmAbsence',
  'approve month': 'approveMonth',
  'record paper consent': 'recordPaperConsent',
  'record paper withdrawal': 'recordPaperWithdrawal',
  'link family member': 'linkFamilyMember',
  'end family link': 'endFamilyLink',
  'mark all present': 'markAllPresent',
  'add to register day': 'addToRegisterDay',
  'day details': 'dayDetails',
  'message needs no reply': 'messageNeedsNoReply',
  'daily note written': 'dailyNoteWritten',
  'daily note corrected': 'dailyNoteCorrected',
  'add transport rate': 'addTransportRate',
  'add cover': 'addCover',
  'end cover': 'endCover',
  'issue login cards': 'issueLoginCards',
  'change password sign-in': 'changePasswordSignIn',
  'reset two-step': 'resetTwoStep',
  'set two-step requirement': 'setTwoStepRequirement',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** What a row of the access log is about, in the client's own words (client:tiles.…). */
export type LoggedTopic = 'plan' | 'goals' | 'attendance' | 'money' | 'messages' | 'consents' | 'other';
export const LOGGED_TOPICS: readonly LoggedTopic[] = ['plan', 'goals', 'attendance', 'money', 'messages', 'consents', 'other'];

/** Access-log actions (what was looked at), each with its words key (`staff:logs.access`) and topic. */
export const ACCESS_ACTIONS = {
  'client overview': { word: 'clientOverview', topic: 'other' },
  'client list': { word: 'clientList', topic: 'other' },
  'client import result': { word: 'clientImportResult', topic: 'other' },
  plan: { word: 'plan', topic: 'plan' },
  'plan editor': { word: 'planEditor', topic: 'plan' },
  'plan version': { word: 'planVersion', topic: 'plan' },
  'plan photo': { word: 'planPhoto', topic: 'plan' },
  goals: { word: 'goals', topic: 'goals' },
  'goal editor': { word: 'goalEditor', topic: 'goals' },
  attendance: { word: 'attendance', topic: 'attendance' },
  'daily register': { word: 'dailyRegister', topic: 'attendance' },
  money: { word: 'money', topic: 'money' },
  'unit month statement': { word: 'unitMonthStatement', topic: 'money' },
  'payroll export': { word: 'payrollExport', topic: 'money' },
  messages: { word: 'messages', topic: 'messages' },
  'voice message': { word: 'voiceMessage', topic: 'messages' },
  'push outbox': { word: 'pushOutbox', topic: 'messages' },
  inbox: { word: 'inbox', topic: 'messages' },
  consents: { word: 'consents', topic: 'consents' },
  'consent history': { word: 'consentHistory', topic: 'consents' },
  'family links': { word: 'familyLinks', topic: 'other' },
  'login card': { word: 'loginCard', topic: 'other' },
  'access log': { word: 'accessLog', topic: 'other' },
  'access log export': { word: 'accessLogExport', topic: 'other' },
  'access log report': { word: 'accessLogReport', topic: 'other' },
  'audit log export': { word: 'auditLogExport', topic: 'other' },
  'daily notes': { word: 'dailyNotes', topic: 'attendance' },
  'month statement': { word: 'monthStatement', topic: 'money' },
} as const satisfies Record<string, { word: string; topic: LoggedTopic }>;
export type AccessAction = keyof typeof ACCESS_ACTIONS;

/** The action as stored, in the list's terms: older rows named a plan version with its number ("plan version 3"). */
export function accessActionOf(stored: string): AccessAction | null {
  if (stored in ACCESS_ACTIONS) return stored as AccessAction;
  const base = stored.replace(/ \d+$/, '');
  return base in ACCESS_ACTIONS ? (base as AccessAction) : null;
}

export function topicOf(stored: string): LoggedTopic {
  const action = accessActionOf(stored);
  return action ? ACCESS_ACTIONS[action].topic : 'other';
}

/** The stored actions of one topic (and their numbered older forms are matched by prefix in SQL). */
export function accessActionsOf(topic: LoggedTopic): AccessAction[] {
  return (Object.keys(ACCESS_ACTIONS) as AccessAction[]).filter((a) => ACCESS_ACTIONS[a].topic === topic);
}

export const AUDIT_TARGETS = ['unit', 'person', 'login_card', 'assignment', 'family_link', 'import', 'cover', 'card_batch'] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];

/** Enumerations whose codes appear as values, with every code (words under `staff:logs.values.<enum>`). */
export const LOG_ENUMS = {
  service: SERVICE_TYPES,
  status: [...ATTENDANCE_STATUSES, 'active', 'done', 'archived'],
  reason: [...ABSENCE_REASONS, 'lost', 'worn'],
  language: LANGUAGES,
  role: ['client', 'worker', 'admin', 'family'],
  recipient: RECIPIENT_TYPES,
  info: INFO_TYPES,
  level: ['full', 'messages', 'read_only'],
  familyBasis: ['client_agreement', 'guardian'],
  transport: ['none', 'per_day', 'per_ticket'],
} as const satisfies Record<string, readonly string[]>;
export type LogEnum = keyof typeof LOG_ENUMS;

/**
 * How a field's value reads: a person's id becomes their name, cents become euros, days and
 * moments dates, an enum's code its word (a list: codes separated by spaces), a yes/no field
 * yes or no. `hidden` fields (a form's key) are kept in the code column only.
 */
export type FieldKind =
  | { kind: 'person' }
  | { kind: 'people' }
  | { kind: 'cents' }
  | { kind: 'day' }
  | { kind: 'moment' }
  | { kind: 'month' }
  | { kind: 'bool'; words: 'yesNo' | 'activeInactive' }
  | { kind: 'enum'; of: LogEnum; list?: boolean }
  | { kind: 'schedule' }
  | { kind: 'text' }
  | { kind: 'number' }
  | { kind: 'hidden' };

const text = { kind: 'text' } as const;
const num = { kind: 'number' } as const;
const day = { kind: 'day' } as const;
const person = { kind: 'person' } as const;

/** Every field the audit log writes, with the key of its words under `staff:logs.fields` (= the field name). */
export const AUDIT_FIELDS = {
  name: text,
  municipality: text,
  address: text,
  service_types: { kind: 'enum', of: 'service', list: true },
  paid_summer_holiday: { kind: 'bool', words: 'yesNo' },
  payment_day: num,
  service_type: { kind: 'enum', of: 'service' },
  valid_from: day,
  daily_cents: { kind: 'cents' },
  meal_cents: { kind: 'cents' },
  full_name: text,
  preferred_name: text,
  email: text,
  phone: text,
  language: { kind: 'enum', of: 'language' },
  reading_needs: text,
  meal_fee: { kind: 'bool', words: 'yesNo' },
  role: { kind: 'enum', of: 'role' },
  active: { kind: 'bool', words: 'activeInactive' },
  photo_id: num,
  failed_sign_ins: num,
  locked_until: { kind: 'moment' },
  card_id: num,
  client_id: person,
  reason: { kind: 'enum', of: 'reason' },
  sessions: num,
  pin_set: { kind: 'bool', words: 'yesNo' },
  count: num,
  key: { kind: 'hidden' },
  file_name: text,
  client_ids: { kind: 'people' },
  named_worker_id: person,
  worker_id: person,
  family_id: person,
  starts_on: day,
  ends_on: day,
  review_on: day,
  signed_on: day,
  version: num,
  place_name: text,
  place_address: text,
  place_picture: text,
  place_photo_id: num,
  legal_basis: text,
  summary: text,
  schedule: { kind: 'schedule' },
  goal_id: num,
  title: text,
  picture: text,
  status: { kind: 'enum', of: 'status' },
  position: num,
  step_id: num,
  done_on: day,
  archived: { kind: 'bool', words: 'yesNo' },
  comment_id: num,
  text,
  day,
  report_id: num,
  month: { kind: 'month' },
  clients: num,
  consent_id: num,
  replaced_consent_id: num,
  recipient_type: { kind: 'enum', of: 'recipient' },
  recipient_name: text,
  information: { kind: 'enum', of: 'info', list: true },
  witness: text,
  withdrawn: { kind: 'bool', words: 'yesNo' },
  link_id: num,
  ended_link_ids: text,
  level: { kind: 'enum', of: 'level', list: true },
  basis: { kind: 'enum', of: 'familyBasis' },
  ended_at: { kind: 'moment' },
  reply_days: num,
  part_minutes: num,
  from_time: text,
  until_time: text,
  late: { kind: 'bool', words: 'yesNo' },
  transport: { kind: 'bool', words: 'yesNo' },
  ticket_cents: { kind: 'cents' },
  messages: num,
  note: num,
  shared: { kind: 'bool', words: 'yesNo' },
  corrects: num,
  kind: { kind: 'enum', of: 'transport' },
  day_cents: { kind: 'cents' },
  asiakasnumero: text,
  cost_centre: text,
  substitute_id: person,
  replaced: { kind: 'people' },
  batch_id: num,
  password_sign_in: { kind: 'bool', words: 'yesNo' },
  two_step: { kind: 'bool', words: 'yesNo' },
  staff_two_step: { kind: 'bool', words: 'yesNo' },
} as const satisfies Record<string, FieldKind>;
export type AuditField = keyof typeof AUDIT_FIELDS;

/**
 * A field name and its language: a text in the client's language is written as `title_sv`,
 * `summary_en` (see plan/store.ts inField): the field's words and the language's.
 */
export function fieldOf(name: string): { field: AuditField | null; lang: (typeof LANGUAGES)[number] | null; name: string } {
  if (name in AUDIT_FIELDS) return { field: name as AuditField, lang: null, name };
  const m = /^(.+)_(fi|sv|en)$/.exec(name);
  if (m && m[1] in AUDIT_FIELDS) return { field: m[1] as AuditField, lang: m[2] as (typeof LANGUAGES)[number], name };
  return { field: null, lang: null, name };
}

/** A field not in the list (from a newer version, or a mistake) still reads as words: "place_name" → "Place name". */
export function readableFieldName(name: string): string {
  const words = name.replace(/_id$/, '').replace(/_/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}
