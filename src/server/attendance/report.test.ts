import { describe, expect, it } from 'vitest';
import { pickableDays, readReportPost, reportErrors } from './report';

const TODAY = '2026-11-23'; // a Monday
const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) f.append(name, v);
  return f;
};

describe('the absence report steps', () => {
  const pickable = pickableDays(new Set([1, 3]), TODAY);

  it('offers three weeks of the schedule, or every day without one', () => {
    expect(pickable).toEqual(['2026-11-23', '2026-11-25', '2026-11-30', '2026-12-02', '2026-12-07', '2026-12-09']);
    expect(pickableDays(new Set(), TODAY)).toHaveLength(21);
  });

  it('asks each step again with its error and keeps every answer', () => {
    let r = readReportPost(form({ key: 'k', step: '1', nav: 'next' }), pickable, TODAY);
    expect(r.state).toMatchObject({ step: '1', key: 'k', error: 'pickWhen' });
    expect(reportErrors(r.state)).toEqual({ when: 'client:report.errors.pickWhen' });
    r = readReportPost(form({ key: 'k', step: '1', when: 'pick', nav: 'next' }), pickable, TODAY);
    expect(r.state.step).toBe('1b');
    // A day that cannot be picked is dropped; none left is an error at the days.
    r = readReportPost(form({ key: 'k', step: '1b', when: 'pick', day: '2026-11-24', nav: 'next' }), pickable, TODAY);
    expect(r.state).toMatchObject({ step: '1b', error: 'pickDays', picked: [] });
    expect(reportErrors(r.state)).toEqual({ day: 'client:report.errors.pickDays' });
    r = readReportPost(form({ key: 'k', step: '2', when: 'pick', day: ['2026-11-25'], reason: 'party', nav: 'next' }), pickable, TODAY);
    expect(r.state).toMatchObject({ step: '2', error: 'pickReason', picked: ['2026-11-25'] });
    r = readReportPost(form({ key: 'k', step: '3', when: 'tomorrow', reason: 'sick', words: 'x'.repeat(501), nav: 'send' }), pickable, TODAY);
    expect(r).toMatchObject({ state: { step: '3', error: 'wordsTooLong' }, ready: null });
    expect(reportErrors(r.state)).toEqual({ words: 'client:report.errors.wordsTooLong' });
  });

  it('goes back without an error, to the days when they were picked', () => {
    expect(readReportPost(form({ step: '2', when: 'pick', nav: 'back' }), pickable, TODAY).state).toMatchObject({ step: '1b', error: null });
    expect(readReportPost(form({ step: '2', when: 'today', nav: 'back' }), pickable, TODAY).state.step).toBe('1');
    expect(readReportPost(form({ step: '3', when: 'today', reason: 'sick', nav: 'back' }), pickable, TODAY).state.step).toBe('2');
  });

  it('is ready at the last step when every answer holds, and starts over when one was lost', () => {
    const r = readReportPost(form({ key: 'k', step: '3', when: 'today', reason: 'doctor', words: ' Hammaslääkäri ', nav: 'send' }), pickable, TODAY);
    expect(r.ready).toEqual({ reason: 'doctor', words: 'Hammaslääkäri', days: [TODAY] });
    const lost = readReportPost(form({ key: 'k', step: '3', when: 'pick', reason: 'doctor', nav: 'send' }), pickable, TODAY);
    expect(lost).toMatchObject({ state: { step: '1', error: null }, ready: null });
  });

  it('shows the same step again, every answer kept and no error, when the language changes in the middle (nav=stay)', () => {
    // Step 1b with two days ticked but not sent yet: the same days are still ticked.
    let r = readReportPost(form({ key: 'k', step: '1b', when: 'pick', day: ['2026-11-25', '2026-11-30'], nav: 'stay' }), pickable, TODAY);
    expect(r.state).toMatchObject({ step: '1b', key: 'k', picked: ['2026-11-25', '2026-11-30'], error: null });
    expect(r.ready).toBeNull();
    // Step 3 with words typed: nothing is sent, the words stay.
    r = readReportPost(form({ key: 'k', step: '3', when: 'tomorrow', reason: 'doctor', words: 'Hammaslääkäri', nav: 'stay' }), pickable, TODAY);
    expect(r.state).toMatchObject({ step: '3', reason: 'doctor', words: 'Hammaslääkäri', days: ['2026-11-24'], error: null });
    expect(r.ready).toBeNull();
    // Nothing chosen yet at step 1: step 1 again without an error.
    expect(readReportPost(form({ key: 'k', step: '1', nav: 'stay' }), pickable, TODAY).state).toMatchObject({ step: '1', error: null });
    // A changed form whose earlier answer does not hold goes back to that step, quietly.
    expect(readReportPost(form({ key: 'k', step: '3', when: 'pick', reason: 'sick', nav: 'stay' }), pickable, TODAY).state).toMatchObject({ step: '1b', error: null });
    expect(readReportPost(form({ key: 'k', step: '3', when: 'today', reason: 'party', nav: 'stay' }), pickable, TODAY).state).toMatchObject({ step: '2', error: null });
  });
});
