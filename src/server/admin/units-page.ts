import type { Database } from '@server/db';
import { portalBaseUrl } from '@server/mail/links';
import type { RequestInfo } from '@server/security/events';
import { field } from '@server/forms';
import { errorsUnder, hasFieldErrors, type FieldErrors } from '@domain/forms/field-errors';
import { isReplyDays } from '@domain/messages/waiting';
import { firstAdminProblems } from './first-run';
import { newFormKey, postedFormKey, recordOfKey } from './form-keys';
import { emailTaken, SERVICE_TYPES, setStaffTwoStep, startUnitOnce, unitById, unitRequiresTwoStep, updateUnit, type UnitRow } from './manage';
import { redirectTo, refused, show, type Admin, type PageAnswer, type Posted } from './page-answer';
import { setPasswordSignIn, signInMethodsOfUnit, type SignInMethods } from './sign-in-methods';
import { ssoConfigured } from '@server/auth/sso';

/**
 * /admin/units: the admin edits their own unit (name, municipality, address, services, the
 * promised reply time to clients' messages in working days), and can
 * start a new unit together with its first admin, who then manages it, and requires two-step
 * sign-in of the unit's staff or not. Three forms; what was typed
 * in the one sent back is kept, and a saved form's notice shows beside it.
 */
export interface UnitEditValues {
  name: string;
  municipality: string;
  address: string;
  services: string[];
  /** As typed: whole working days, 1–10. */
  reply_days: string;
}

/** The new-unit form as typed (never the password). Field names are the controls' ids. */
export interface NewUnitValues {
  unit_name: string;
  new_municipality: string;
  admin_name: string;
  admin_email: string;
}

export interface UnitsView {
  unit: UnitRow;
  edit: UnitEditValues;
  newUnit: NewUnitValues;
  errors: FieldErrors;
  /** "Vaadi kaksivaiheinen tunnistus henkilökunnalta" (src/server/auth/two-step.ts). */
  staffTwoStep: boolean;
  /** The form just saved: its notice shows beside it. */
  saved: 'edit' | 'new' | 'sign-in' | 'twoStep' | null;
  formKey: string;
  /** How the unit's staff sign in; null while single sign-on is not set up (nothing to choose). */
  signIn: SignInMethods | null;
}

const ERRORS = 'staff:units.errors';
const NEW_UNIT_FIELD = { unitName: 'unit_name', municipality: 'new_municipality', name: 'admin_name', email: 'admin_email', password: 'admin_email' } as const;
const NO_NEW_UNIT: NewUnitValues = { unit_name: '', new_municipality: '', admin_name: '', admin_email: '' };

export async function unitsPage(db: Database, me: Admin, posted: Posted, url: URL, request: RequestInfo): Promise<PageAnswer<UnitsView>> {
  const unit = me.unit_id !== null ? await unitById(db, me.unit_id) : undefined;
  if (!unit) return refused();
  const view: UnitsView = {
    unit,
    edit: { name: unit.name, municipality: unit.municipality, address: unit.address, services: unit.service_types.split(',').filter(Boolean), reply_days: String(unit.reply_days) },
    newUnit: NO_NEW_UNIT,
    errors: {},
    staffTwoStep: await unitRequiresTwoStep(db, unit.id),
    saved: null,
    formKey: newFormKey(),
    signIn: ssoConfigured() ? await signInMethodsOfUnit(db, unit.id, me.id) : null,
  };
  if (!posted) {
    const saved = url.searchParams.get('saved');
    return show({ ...view, saved: saved === null ? null : saved === 'new' || saved === 'sign-in' || saved === 'twoStep' ? saved : 'edit' });
  }
  const form = await posted();
  const action = field(form, 'action', 20);
  if (action === 'edit') return editUnit(db, me, view, form);
  if (action === 'new') return startUnit(db, me, view, form, url, request);
  if (action === 'sign-in' && view.signIn) return changeSignIn(db, me, view, view.signIn, form);
  if (action === 'twoStep') {
    // A checkbox: ticked is "on", anything else (not sent) is off. Audited when it changes.
    await setStaffTwoStep(db, view.unit.id, field(form, 'staff_two_step', 5) === 'on', me.id);
    return redirectTo('/admin/units?saved=twoStep#two-step');
  }
  return show(view, 400);
}

/** "Salli kirjautuminen salasanalla": only offered while single sign-on is set up. */
async function changeSignIn(db: Database, me: Admin, view: UnitsView, signIn: SignInMethods, form: FormData): Promise<PageAnswer<UnitsView>> {
  const allowed = field(form, 'password_sign_in', 5) === 'on';
  const result = await setPasswordSignIn(db, { id: me.id, unitId: view.unit.id }, allowed);
  if (result !== 'adminWithoutSso') return redirectTo('/admin/units?saved=sign-in#sign-in');
  return show({ ...view, signIn: { ...signIn, passwordSignIn: true }, errors: errorsUnder(ERRORS, { password_sign_in: 'adminWithoutSso' }) }, 400);
}

async function editUnit(db: Database, me: Admin, view: UnitsView, form: FormData): Promise<PageAnswer<UnitsView>> {
  const edit: UnitEditValues = {
    name: field(form, 'name', 600).trim(),
    municipality: field(form, 'municipality', 600).trim(),
    address: field(form, 'address', 1000).trim(),
    services: form.getAll('service').filter((s): s is string => typeof s === 'string'),
    reply_days: field(form, 'reply_days', 10).trim(),
  };
  const codes: Record<string, string> = {};
  if (!edit.name || edit.name.length > 120) codes.name = edit.name ? 'tooLong' : 'nameMissing';
  if (!edit.municipality || edit.municipality.length > 80) codes.municipality = edit.municipality ? 'tooLong' : 'municipalityMissing';
  if (edit.address.length > 200) codes.address = 'tooLong';
  // The group's first checkbox has the id "service" (ChoiceCards), where the summary leads.
  if (edit.services.some((s) => !(SERVICE_TYPES as readonly string[]).includes(s))) codes.service = 'unknownService';
  const replyDays = /^\d{1,2}$/.test(edit.reply_days) ? Number(edit.reply_days) : Number.NaN;
  if (!isReplyDays(replyDays)) codes.reply_days = 'replyDays';
  const errors = errorsUnder(ERRORS, codes);
  if (hasFieldErrors(errors)) return show({ ...view, edit, errors }, 400);
  const serviceTypes = SERVICE_TYPES.filter((s) => edit.services.includes(s)).join(',');
  await updateUnit(db, view.unit, { name: edit.name, municipality: edit.municipality, address: edit.address, service_types: serviceTypes, reply_days: replyDays }, me.id);
  return redirectTo('/admin/units?saved=edit#own');
}

async function startUnit(db: Database, me: Admin, view: UnitsView, form: FormData, url: URL, request: RequestInfo): Promise<PageAnswer<UnitsView>> {
  const newUnit: NewUnitValues = {
    unit_name: field(form, 'unit_name', 600).trim(),
    new_municipality: field(form, 'new_municipality', 600).trim(),
    admin_name: field(form, 'admin_name', 600).trim(),
    admin_email: field(form, 'admin_email', 600).trim(),
  };
  const typed = { unitName: newUnit.unit_name, municipality: newUnit.new_municipality, name: newUnit.admin_name, email: newUnit.admin_email, password: null };
  const codes: Record<string, string> = {};
  for (const p of firstAdminProblems(typed)) codes[NEW_UNIT_FIELD[p]] = `new_${p}`;
  if (!codes.admin_email && (await emailTaken(db, newUnit.admin_email))) codes.admin_email = 'emailTaken';
  // The form's idempotency key: a double click or a resent form starts one unit.
  const formKey = { kind: 'unit' as const, key: postedFormKey(form), actorId: me.id };
  if (Object.keys(codes).length === 0) {
    const unit = { unitName: newUnit.unit_name, municipality: newUnit.new_municipality, adminName: newUnit.admin_name, adminEmail: newUnit.admin_email, passwordHash: null };
    const result = await startUnitOnce(db, formKey, unit, view.unit.id, { baseUrl: portalBaseUrl(url), request });
    if ('id' in result) return redirectTo('/admin/units?saved=new#new');
    // Not tied to one field: shown under the form's heading (id "new").
    if (result.error === 'emailTaken') codes.admin_email = 'emailTaken';
    else codes.new = result.error;
  }
  // A replay whose first post already started the unit (its admin's email is now taken).
  if ((await recordOfKey(db, formKey)) !== undefined) return redirectTo('/admin/units?saved=new#new');
  return show({ ...view, newUnit, errors: errorsUnder(ERRORS, codes) }, 400);
}
