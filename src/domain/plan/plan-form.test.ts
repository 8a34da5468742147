import { describe, expect, it } from 'vitest';
import { readPlanForm, validatePlan } from './plan-form';

const context = { workers: new Set([2]), today: '2026-11-22', isKnownPicture: (name: string) => ['hammer-and-wrench', 'hot-beverage'].includes(name) };

const good: Record<string, string> = {
  service_type: 'tyotoiminta', place_name: 'Puutyöpaja', place_address: 'Pajakatu 3', place_picture: 'hammer-and-wrench',
  named_worker_id: '2', starts_on: '2026-01-01', review_on: '2026-12-31', legal_basis: 'SHL 27 e §',
  summary: 'Teet puutöitä.', day1: 'on', day1_start: '08:30', day1_end: '14:00',
};
const read = (over: Record<string, string>) => readPlanForm((name) => ({ ...good, ...over })[name] ?? '');

describe('plan form', () => {
  it('accepts a complete plan and keeps only the chosen days', () => {
    const result = validatePlan(read({ day3: 'on', day3_start: '09:00', day3_end: '12:00' }), context);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.plan.schedule.map((d) => d.weekday)).toEqual([1, 3]);
  });

  it('names each wrong field', () => {
    const result = validatePlan(
      read({ place_name: '', place_picture: 'unicorn', named_worker_id: '99', starts_on: '2026-02-30', review_on: '2030-01-01', summary: 'x'.repeat(5000), day1_end: '08:00' }),
      context,
    );
    expect(result).toEqual({
      ok: false,
      errors: { place_name: 'required', place_picture: 'unknownPicture', named_worker_id: 'unknownWorker', starts_on: 'badDate', review_on: 'reviewTooFar', summary: 'tooLong', schedule: 'endBeforeStart' },
    });
  });

  it('wants at least one day, real times, and a review after the start', () => {
    expect(validatePlan(read({ day1: '' }), context)).toMatchObject({ ok: false, errors: { schedule: 'noDays' } });
    expect(validatePlan(read({ day1_start: '8.30' }), context)).toMatchObject({ ok: false, errors: { schedule: 'badTime' } });
    expect(validatePlan(read({ review_on: '2025-12-31' }), context)).toMatchObject({ ok: false, errors: { review_on: 'reviewBeforeStart' } });
  });

  it('does not read the named worker from someone who may not change it: a forged value gives no error and no worker', () => {
    const result = validatePlan(read({ named_worker_id: '99' }), { ...context, workers: null });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.plan.named_worker_id).toBeNull();
  });
});
