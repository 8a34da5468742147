import type { Database } from '../db';
import type { ClientInScope } from '../client-scope';
import type { Lang, T } from '../i18n';
import { currentPlan, savePlanVersion } from './store';
import { newFormKey, postedFormKey } from '../admin/form-keys';
import { workersOfUnit } from '../admin/manage';
import { namedWorkerOf } from '../assignments';
import { field, fileField, idParam } from '../forms';
import { fullNameOf } from '../people/store';
import { photoOfClient, processPhoto, storePhoto } from '../photos';
import { isCataloguePicture } from '../picture-catalogue';
import { readPlanForm, validatePlan, SUMMARY_MAX, type PlanError, type PlanField, type PlanFormValues } from '@domain/plan/plan-form';
import type { FieldErrors } from '@domain/forms/field-errors';
import type { PlanVersion } from '@domain/plan/plan';
import { todayInHelsinki } from '@domain/time/helsinki';
import { isTranslatedLang } from '@domain/plan/client-text';

/**
 * The plan editor (worker/clients/:client/plan), for the client's workers and the unit's admins.
 * Saving always makes a new version. A form sent back keeps every typed value; the picture
 * picker's "Hae" posts the form to search without saving. An uploaded place photo is stored at
 * once (as this client's) and carried in a hidden field, so a form sent back with errors does
 * not ask for the photo again.
 *
 * Only the admin of the client's unit names the named worker (audited, in assignments.ts); to a
 * worker or substitute the editor shows who it is, and a named worker field they post is not read.
 */
export interface PlanPage {
  /** 400 when a save came back with errors (a picture search is not one). */
  status: 200 | 400;
  values: PlanFormValues;
  /** By the id of the control the error summary links to (see `controlOf`). */
  errors: FieldErrors;
  /** The place photo to keep: the current plan's, a new upload, or none. */
  photoId: number | null;
  /** The picture picker's search words, after its "Hae". */
  pictureQuery: string;
  /** One version per shown form: a double click or a resent form saves once (plan/store.ts). */
  formKey: string;
  /** The reader is the admin of the client's unit: they choose the named worker from `workers`. */
  unitAdmin: boolean;
  workers: { id: number; full_name: string }[];
  /** The named worker of today, shown to everyone else. */
  namedWorkerName: string | null;
  /** The language the client reads: unless Finnish, the summary is written in it too (`summary_translation`). */
  clientReads: Lang;
}

export type PlanPageResult = { redirect: string } | { forbidden: true } | PlanPage;

/** The control a field's error links to: the first day of the schedule, the picker's search field. */
const controlOf = (f: PlanField): string => (f === 'schedule' ? 'day1' : f === 'place_picture' ? 'place_picture-q' : f);

/**
 * Plan errors name their field too ("Paikan nimi: Täytä tämä kenttä."): several fields share one
 * message, and the error summary lists the messages alone.
 */
function planFieldErrors(errors: Partial<Record<PlanField, PlanError>>, t: T): FieldErrors {
  const out: FieldErrors = {};
  for (const [f, e] of Object.entries(errors) as [PlanField, PlanError][]) {
    out[controlOf(f)] = { key: 'staff:planForm.fieldError', values: { field: t(`staff:planForm.${f}`), error: t(`staff:planForm.errors.${e}`) } };
  }
  return out;
}

/** The form as the current plan fills it, or a new plan's defaults. */
function valuesOfPlan(plan: PlanVersion | null, namedNow: number | null, defaultWorker: number | '', today: string, clientReads: Lang): PlanFormValues {
  const days: PlanFormValues['days'] = {};
  for (let d = 1; d <= 7; d++) {
    const s = plan?.schedule.find((x) => x.weekday === d);
    days[d] = { on: !!s, starts_at: s?.starts_at ?? '08:30', ends_at: s?.ends_at ?? '14:00' };
  }
  return {
    service_type: plan?.service_type ?? 'tyotoiminta',
    place_name: plan?.place_name ?? '',
    place_address: plan?.place_address ?? '',
    place_picture: plan?.place_picture ?? 'round-pushpin',
    // The named worker of today (an admin's choice may differ from the one the last version recorded).
    named_worker_id: String(namedNow ?? defaultWorker),
    starts_on: plan?.starts_on ?? today,
    review_on: plan?.review_on ?? '',
    legal_basis: plan?.legal_basis ?? '',
    summary: plan?.summary ?? '',
    summary_translation: (isTranslatedLang(clientReads) && plan?.summaryIn?.[clientReads]) || '',
    days,
  };
}

/**
 * The editor: a read (`form` null) shows the current plan; a post (read with UPLOAD_FORM_MAX_BYTES,
 * for the photo) saves a new version, searches pictures, or comes back with errors.
 */
export async function handlePlanPage(db: Database, client: ClientInScope, me: { id: number }, form: FormData | null, t: T, today = todayInHelsinki()): Promise<PlanPageResult> {
  const unitAdmin = client.basis === 'admin';
  const [plan, namedNow, workers] = await Promise.all([
    currentPlan(db, client.id),
    namedWorkerOf(db, client.id, today),
    unitAdmin ? workersOfUnit(db, client.unitId) : Promise.resolve([]),
  ]);
  const namedWorkerName = !unitAdmin && namedNow !== null ? await fullNameOf(db, namedNow) : null;
  const page: PlanPage = {
    status: 200,
    values: valuesOfPlan(plan, namedNow, unitAdmin ? (workers[0]?.id ?? '') : '', today, client.language),
    errors: {},
    photoId: plan?.place_photo_id ?? null,
    pictureQuery: '',
    formKey: newFormKey(),
    unitAdmin,
    workers,
    namedWorkerName,
    clientReads: client.language,
  };
  if (!form) return page;

  page.formKey = postedFormKey(form);
  const values = readPlanForm((name) => field(form, name, name === 'summary' || name === 'summary_translation' ? SUMMARY_MAX * 3 : 500));
  // Only a client who reads Swedish or English has the field; a posted one for a Finnish reader is not read.
  if (!isTranslatedLang(client.language)) values.summary_translation = '';
  page.values = values;
  // The photo id comes from the form: only a photo of this very client is accepted.
  const postedPhoto = idParam(field(form, 'place_photo_id', 20));
  let photoId = postedPhoto && (await photoOfClient(db, postedPhoto, client.id)) ? postedPhoto : null;
  if (field(form, 'remove_photo', 5) === 'on') photoId = null;
  const upload = fileField(form, 'place_photo');
  let photoError: PlanError | null = null;
  if (upload) {
    const processed = await processPhoto(upload);
    if (processed.ok) photoId = await storePhoto(db, processed.photo, client.id, me.id);
    else photoError = processed.error;
  }
  page.photoId = photoId;
  const searching = field(form, 'picture_search', 40) === 'place_picture';
  page.pictureQuery = field(form, 'place_picture_q', 100);
  if (!unitAdmin) values.named_worker_id = namedNow === null ? '' : String(namedNow);
  const result = validatePlan(values, { workers: unitAdmin ? new Set(workers.map((w) => w.id)) : null, today, isKnownPicture: isCataloguePicture });
  if (result.ok && !searching && !photoError) {
    const summaryIn = isTranslatedLang(client.language) ? { lang: client.language, text: result.plan.summary_translation ?? '' } : null;
    const version = await savePlanVersion(db, client.id, { ...result.plan, place_photo_id: photoId, summary_in: summaryIn }, { id: me.id, unitAdminOf: unitAdmin ? client.unitId : null }, page.formKey);
    if (version === null) return { forbidden: true };
    return { redirect: `/worker/clients/${client.id}?saved=${version}` };
  }
  // A search is not a failed save: no errors are shown then, only the matches.
  if (!searching) {
    const errors = result.ok ? {} : { ...result.errors };
    if (photoError) errors.place_photo = photoError;
    page.errors = planFieldErrors(errors, t);
    page.status = 400;
  }
  return page;
}
