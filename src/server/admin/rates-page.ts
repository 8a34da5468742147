import type { Database } from '@server/db';
import { unitRates, unitSettings, type UnitSettings } from '@server/attendance/store';
import { field } from '@server/forms';
import { isIsoDate, parseEurosToCents, type Rate } from '@domain/attendance';
import { errorsUnder, hasFieldErrors, type FieldErrors } from '@domain/forms/field-errors';
import { SERVICE_TYPES, type ServiceType } from '@domain/plan/plan';
import { newFormKey, postedFormKey } from './form-keys';
import { addRateOnce, updateMoneySettings } from './manage';
import { redirectTo, refused, show, type Admin, type PageAnswer, type Posted } from './page-answer';

/**
 * /admin/rates: the unit's rates (daily rate and meal fee per service from a day on; a new rate
 * is a new row, history kept) and its money settings (paid avotyö summer holiday, payment day).
 * Bad input (a negative rate, 10 000 €, a wrong date) gets an error next to the field and
 * nothing is saved; a saved form's notice shows beside it.
 */
const RATE_MAX_CENTS = 10000; // 100 € a day: far above any real rate, so 10 000 € is a typo
const ERRORS = 'staff:rates.errors';

export interface RateValues {
  service_type: string;
  valid_from: string;
  daily: string;
  meal: string;
}

export interface RatesView {
  rates: (Rate & { id: number })[];
  settings: UnitSettings | undefined;
  /** The settings as typed, when their form came back with an error. */
  settingsTyped: { paid_summer_holiday: boolean; payment_day: string } | null;
  values: RateValues;
  errors: FieldErrors;
  saved: 'rate' | 'settings' | null;
  formKey: string;
}

export async function ratesPage(db: Database, me: Admin, posted: Posted, url: URL): Promise<PageAnswer<RatesView>> {
  const unitId = me.unit_id;
  if (unitId === null) return refused();
  let values: RateValues = { service_type: 'tyotoiminta', valid_from: '', daily: '', meal: '' };
  let settingsTyped: RatesView['settingsTyped'] = null;
  const codes: Record<string, string> = {};
  if (posted) {
    const form = await posted();
    if (field(form, 'action', 10) === 'settings') {
      settingsTyped = { paid_summer_holiday: field(form, 'paid_summer_holiday', 5) === 'on', payment_day: field(form, 'payment_day', 3) };
      const day = Number(settingsTyped.payment_day);
      if (!Number.isInteger(day) || day < 1 || day > 28) codes.payment_day = 'paymentDay';
      else {
        await updateMoneySettings(db, unitId, { paid_summer_holiday: settingsTyped.paid_summer_holiday ? 1 : 0, payment_day: day }, me.id);
        return redirectTo('/admin/rates?saved=settings#settings');
      }
    } else {
      values = { service_type: field(form, 'service_type', 40), valid_from: field(form, 'valid_from', 10), daily: field(form, 'daily', 20), meal: field(form, 'meal', 20) };
      const daily = parseEurosToCents(values.daily);
      const meal = parseEurosToCents(values.meal || '0');
      if (!(SERVICE_TYPES as readonly string[]).includes(values.service_type)) codes.service_type = 'unknownService';
      if (!isIsoDate(values.valid_from)) codes.valid_from = 'badDate';
      if (daily === null) codes.daily = values.daily.trim().startsWith('-') ? 'negative' : 'badAmount';
      else if (daily > RATE_MAX_CENTS) codes.daily = 'tooBig';
      if (meal === null) codes.meal = values.meal.trim().startsWith('-') ? 'negative' : 'badAmount';
      else if (meal > RATE_MAX_CENTS) codes.meal = 'tooBig';
      if (Object.keys(codes).length === 0) {
        // The form's idempotency key: a replay of this form is answered as its first post was
        // ("saved"), where it used to say "this service has a rate from that day already".
        const rate = { serviceType: values.service_type as ServiceType, validFrom: values.valid_from, dailyCents: daily!, mealCents: meal! };
        const result = await addRateOnce(db, { kind: 'rate', key: postedFormKey(form), actorId: me.id }, unitId, rate);
        if ('id' in result) return redirectTo('/admin/rates?saved=rate#add-rate');
        if (result.error === 'duplicate') codes.valid_from = 'duplicate';
        // Not tied to one field: shown under the form's heading.
        else codes['add-rate'] = result.error;
      }
    }
  }
  const errors = errorsUnder(ERRORS, codes);
  const [rates, settings] = await Promise.all([unitRates(db, unitId), unitSettings(db, unitId)]);
  const savedParam = posted ? null : url.searchParams.get('saved');
  const saved = savedParam === null ? null : savedParam === 'settings' ? 'settings' : 'rate';
  return show({ rates, settings, settingsTyped, values, errors, saved, formKey: newFormKey() }, hasFieldErrors(errors) ? 400 : 200);
}
