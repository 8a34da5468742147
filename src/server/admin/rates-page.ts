import type { Database } from '@server/db';
import { unitRates, unitSettings, unitTransportRates, type UnitSettings } from '@server/attendance/store';
import { field } from '@server/forms';
import { isIsoDate, isTransportKind, parseEurosToCents, type Rate, type TransportRate } from '@domain/attendance';
import { errorsUnder, hasFieldErrors, type FieldErrors } from '@domain/forms/field-errors';
import { SERVICE_TYPES, type ServiceType } from '@domain/plan/plan';
import { newFormKey, postedFormKey } from './form-keys';
import { addRateOnce, addTransportRateOnce, updateMoneySettings } from './manage';
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

export interface TransportValues {
  transport_kind: string;
  transport_from: string;
  transport_day: string;
}

/** The longest cost centre (also a CHECK in the database). */
export const COST_CENTRE_MAX = 30;

export interface RatesView {
  rates: (Rate & { id: number })[];
  /** The travel compensation rules, newest first. */
  transportRates: (TransportRate & { id: number })[];
  transportValues: TransportValues;
  settings: UnitSettings | undefined;
  /** The settings as typed, when their form came back with an error. */
  settingsTyped: { paid_summer_holiday: boolean; payment_day: string; cost_centre: string } | null;
  values: RateValues;
  errors: FieldErrors;
  saved: 'rate' | 'settings' | 'transport' | null;
  formKey: string;
  /** The travel rule form's own key: both forms share the key kind 'rate', so never one key. */
  transportKey: string;
}

export async function ratesPage(db: Database, me: Admin, posted: Posted, url: URL): Promise<PageAnswer<RatesView>> {
  const unitId = me.unit_id;
  if (unitId === null) return refused();
  let values: RateValues = { service_type: 'tyotoiminta', valid_from: '', daily: '', meal: '' };
  let transportValues: TransportValues = { transport_kind: 'per_day', transport_from: '', transport_day: '' };
  let settingsTyped: RatesView['settingsTyped'] = null;
  const codes: Record<string, string> = {};
  if (posted) {
    const form = await posted();
    const action = field(form, 'action', 10);
    if (action === 'settings') {
      settingsTyped = { paid_summer_holiday: field(form, 'paid_summer_holiday', 5) === 'on', payment_day: field(form, 'payment_day', 3), cost_centre: field(form, 'cost_centre', COST_CENTRE_MAX * 2).trim() };
      const day = Number(settingsTyped.payment_day);
      if (!Number.isInteger(day) || day < 1 || day > 28) codes.payment_day = 'paymentDay';
      if (settingsTyped.cost_centre.length > COST_CENTRE_MAX) codes.cost_centre = 'costCentreTooLong';
      if (Object.keys(codes).length === 0) {
        await updateMoneySettings(db, unitId, { paid_summer_holiday: settingsTyped.paid_summer_holiday ? 1 : 0, payment_day: day, cost_centre: settingsTyped.cost_centre }, me.id);
        return redirectTo('/admin/rates?saved=settings#settings');
      }
    } else if (action === 'transport') {
      transportValues = { transport_kind: field(form, 'transport_kind', 20), transport_from: field(form, 'transport_from', 10), transport_day: field(form, 'transport_day', 20) };
      const kind = transportValues.transport_kind;
      // Only a per-day rule has an amount; the other kinds ignore what is in the field.
      const dayCents = kind === 'per_day' ? parseEurosToCents(transportValues.transport_day) : 0;
      if (!isTransportKind(kind)) codes.transport_kind = 'unknownTransport';
      if (!isIsoDate(transportValues.transport_from)) codes.transport_from = 'badDate';
      if (dayCents === null) codes.transport_day = transportValues.transport_day.trim().startsWith('-') ? 'negative' : 'badAmount';
      else if (dayCents > RATE_MAX_CENTS) codes.transport_day = 'tooBig';
      if (Object.keys(codes).length === 0) {
        const rate: TransportRate = { kind: kind as TransportRate['kind'], validFrom: transportValues.transport_from, dayCents: dayCents! };
        const result = await addTransportRateOnce(db, { kind: 'rate', key: postedFormKey(form), actorId: me.id }, unitId, rate);
        if ('id' in result) return redirectTo('/admin/rates?saved=transport#transport');
        if (result.error === 'duplicate') codes.transport_from = 'transportDuplicate';
        else codes.transport = result.error;
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
  const [rates, transportRates, settings] = await Promise.all([unitRates(db, unitId), unitTransportRates(db, unitId), unitSettings(db, unitId)]);
  const savedParam = posted ? null : url.searchParams.get('saved');
  const saved = savedParam === null ? null : savedParam === 'settings' || savedParam === 'transport' ? savedParam : 'rate';
  return show({ rates, transportRates, transportValues, settings, settingsTyped, values, errors, saved, formKey: newFormKey(), transportKey: newFormKey() }, hasFieldErrors(errors) ? 400 : 200);
}
