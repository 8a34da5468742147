import type { Database } from '@server/db';
import { logListView } from '@server/access';
import { portalBaseUrl } from '@server/mail/links';
import type { RequestInfo } from '@server/security/events';
import { fileField } from '@server/forms';
import { processPhoto, type ProcessedPhoto } from '@server/photos';
import { errorsUnder, type FieldErrors } from '@domain/forms/field-errors';
import { todayInHelsinki } from '@domain/time/helsinki';
import { newFormKey, postedFormKey, recordOfKey } from './form-keys';
import { addPersonOnce, emailTaken, peopleOfUnit, workersOfUnit, type NewPerson, type PersonListRow } from './manage';
import { redirectTo, refused, show, type Admin, type PageAnswer, type Posted } from './page-answer';
import { emptyPerson, readPersonForm, type PersonValues } from './person-form';

/**
 * /admin/people: everyone the admin's unit manages, and the form that adds a person (a client
 * with their named worker, or a worker, admin or family account). A new person opens on their
 * own page with "added"; an account gets an invitation mail and makes its own password. An error
 * keeps what was typed (a chosen photo cannot be kept: the form asks for it again). The photo gets the same checks as on the person's
 * page (size, a real image) and is stored with the person, in one transaction.
 */
export interface PeopleView {
  people: PersonListRow[];
  workers: { id: number; full_name: string }[];
  values: PersonValues;
  errors: FieldErrors;
  formKey: string;
  /** A photo was chosen but the form came back with an error: it must be chosen again. */
  photoLost: boolean;
}

export const PERSON_ERRORS = 'staff:people.errors';

export async function peoplePage(db: Database, me: Admin, posted: Posted, url: URL, request: RequestInfo): Promise<PageAnswer<PeopleView>> {
  const unitId = me.unit_id;
  if (unitId === null) return refused();
  const workers = await workersOfUnit(db, unitId);
  let values = emptyPerson();
  let errors: FieldErrors = {};
  let photoLost = false;
  if (posted) {
    const form = await posted();
    // The form's idempotency key: a double click, a resent form or ten posts at once add one person.
    const formKey = { kind: 'person' as const, key: postedFormKey(form), actorId: me.id };
    const read = readPersonForm(form, 'create');
    values = read.values;
    const codes = read.errors;
    if (values.role !== 'client' && !codes.email && (await emailTaken(db, values.email))) codes.email = 'emailTaken';
    const namedWorker = values.named_worker ? workers.find((w) => String(w.id) === values.named_worker) : undefined;
    if (values.role === 'client' && values.named_worker && !namedWorker) codes.named_worker = 'workerNotInUnit';
    const file = fileField(form, 'photo');
    let photo: ProcessedPhoto | null = null;
    if (file) {
      const processed = await processPhoto(file, 'portrait');
      if (processed.ok) photo = processed.photo;
      // The create form's own words: the file input comes back empty, so they ask for it again.
      else codes.photo = `${processed.error}Again`;
    }
    if (Object.keys(codes).length === 0) {
      const result = await addPersonOnce(db, formKey, newPerson(values, unitId, namedWorker?.id ?? null), photo, Date.now(), { baseUrl: portalBaseUrl(url), request });
      if ('id' in result) return redirectTo(`/admin/people/${result.id}?saved=created`);
      if (result.error === 'emailTaken') codes.email = 'emailTaken';
      // Not tied to one field: shown under the form's heading (id "new").
      else codes.new = result.error;
    }
    // A replay of a form whose first post already added the person (its email is now "taken" by
    // that very person): answered as the first post was.
    const created = await recordOfKey(db, formKey);
    if (created !== undefined) return redirectTo(`/admin/people/${created}?saved=created`);
    photoLost = file !== null && !codes.photo;
    errors = errorsUnder(PERSON_ERRORS, codes);
  }
  const people = await peopleOfUnit(db, unitId, todayInHelsinki());
  // Names and named workers are the clients' data: each client listed is logged.
  await logListView(db, me, people.filter((p) => p.role === 'client').map((p) => p.id), 'client list', url.pathname);
  return show({ people, workers, values, errors, formKey: newFormKey(), photoLost }, posted ? 400 : 200);
}

function newPerson(v: PersonValues, unitId: number, namedWorkerId: number | null): NewPerson {
  const preferredName = v.preferred_name || v.full_name.split(/\s+/)[0];
  const language = v.language as 'fi' | 'sv' | 'en';
  if (v.role === 'client') {
    return { role: 'client', unitId, fullName: v.full_name, preferredName, language, readingNeeds: v.reading_needs, mealFee: v.meal_fee, namedWorkerId };
  }
  const role = v.role as 'worker' | 'admin' | 'family';
  return {
    // A family account belongs to no unit; until its first link, the unit that made it manages it.
    unitId: role === 'family' ? null : unitId,
    role,
    fullName: v.full_name,
    preferredName,
    email: v.email.toLowerCase(),
    phone: v.phone,
    language,
    // No password: the person gets an invitation and makes their own (issue 16).
    passwordHash: null,
    auditUnitId: unitId,
  };
}
