import { describe, expect, it } from 'vitest';
import { readWizardPost } from './wizard';

const TODAY = '2026-11-23';
const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) f.append(name, v);
  return f;
};

describe('"Anna lupa" when the language or text size changes in the middle (nav=stay)', () => {
  it('shows the same step again with every answer, those not sent yet included, and no error', () => {
    // Step 2 with two kinds of information ticked but not sent yet.
    const r = readWizardPost(form({ key: 'k', step: '2', recipient: 'housing', name: 'Koivukoti', info: ['health', 'medication'], nav: 'stay' }), TODAY);
    expect(r.state).toMatchObject({ step: 2, key: 'k', recipient: 'housing', name: 'Koivukoti', info: ['health', 'medication'], error: null });
    expect(r.ready).toBeNull();
    // Nothing ticked: step 2 again, without the "pick one" error.
    expect(readWizardPost(form({ key: 'k', step: '2', recipient: 'housing', name: 'Koivukoti', nav: 'stay' }), TODAY).state).toMatchObject({ step: 2, error: null });
  });

  it('never records at step 4, and an earlier answer that does not hold sends it back to its step', () => {
    const four = { key: 'k', step: '4', recipient: 'health_centre', name: '', info: ['health'], duration: 'year', date: '' };
    const r = readWizardPost(form({ ...four, nav: 'stay' }), TODAY);
    expect(r.state).toMatchObject({ step: 4, error: null });
    expect(r.ready).toBeNull();
    // "Muu" needs a name, and none was given: back to step 1.
    expect(readWizardPost(form({ ...four, recipient: 'other', nav: 'stay' }), TODAY).state).toMatchObject({ step: 1, error: null });
    expect(readWizardPost(form({ ...four, duration: '', nav: 'stay' }), TODAY).state).toMatchObject({ step: 3, error: null });
  });
});
