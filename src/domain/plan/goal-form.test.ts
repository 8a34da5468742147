import { describe, expect, it } from 'vitest';
import { parseGoalChange } from './goal-form';

const parse = (values: Record<string, string>) => parseGoalChange((name) => values[name] ?? '', (name) => name === 'bus');

describe('goal editor form', () => {
  it('reads each kind of change', () => {
    expect(parse({ action: 'create', title: ' Kuljen bussilla ', picture: 'bus', key: 'k1' })).toEqual({ ok: true, change: { kind: 'create', title: 'Kuljen bussilla', picture: 'bus', key: 'k1' } });
    expect(parse({ action: 'done', goal: '4' })).toEqual({ ok: true, change: { kind: 'status', goalId: 4, status: 'done' } });
    expect(parse({ action: 'up', goal: '4', from: '2' })).toEqual({ ok: true, change: { kind: 'move', goalId: 4, direction: -1, from: 2 } });
    expect(parse({ action: 'set-step', step: '9', done: '1' })).toEqual({ ok: true, change: { kind: 'set-step', stepId: 9, done: true } });
    expect(parse({ action: 'set-step', step: '9', done: '0' })).toEqual({ ok: true, change: { kind: 'set-step', stepId: 9, done: false } });
    expect(parse({ action: 'comment', goal: '4', text: 'Hienoa!', key: 'k2' })).toEqual({ ok: true, change: { kind: 'comment', goalId: 4, text: 'Hienoa!', key: 'k2' } });
  });

  it('refuses an empty or too long title, an unknown picture, an empty comment and unknown actions', () => {
    expect(parse({ action: 'create', title: '', picture: 'bus' })).toEqual({ ok: false, error: 'titleRequired' });
    expect(parse({ action: 'create', title: 'x'.repeat(5000), picture: 'bus' })).toEqual({ ok: false, error: 'titleTooLong' });
    expect(parse({ action: 'edit', goal: '1', title: 'Hyvä', picture: 'unicorn' })).toEqual({ ok: false, error: 'unknownPicture' });
    expect(parse({ action: 'comment', goal: '1', text: '  ' })).toEqual({ ok: false, error: 'commentRequired' });
    expect(parse({ action: 'drop-table' })).toEqual({ ok: false, error: 'unknownAction' });
    // A step's state must be said: "set-step" never toggles.
    expect(parse({ action: 'set-step', step: '9' })).toEqual({ ok: false, error: 'unknownAction' });
  });

  it('reads the text in the client’s language for a client who reads Swedish or English, and only then', () => {
    const sv = (values: Record<string, string>) => parseGoalChange((name) => values[name] ?? '', (name) => name === 'bus', 'sv');
    expect(sv({ action: 'create', title: 'Kuljen bussilla', translation: ' Jag åker buss ', picture: 'bus', key: 'k1' })).toEqual({
      ok: true, change: { kind: 'create', title: 'Kuljen bussilla', picture: 'bus', key: 'k1', translation: { lang: 'sv', text: 'Jag åker buss' } },
    });
    // Empty: the title exists only in Finnish (an edit removes the Swedish one).
    expect(sv({ action: 'edit', goal: '3', title: 'Kuljen bussilla', picture: 'bus' })).toEqual({
      ok: true, change: { kind: 'edit', goalId: 3, title: 'Kuljen bussilla', picture: 'bus', translation: { lang: 'sv', text: '' } },
    });
    expect(sv({ action: 'add-step', goal: '3', title: 'Ostan lipun', translation: 'x'.repeat(81) })).toEqual({ ok: false, error: 'translationTooLong' });
    expect(sv({ action: 'comment', goal: '3', text: 'Hienoa!', translation: 'x'.repeat(1001) })).toEqual({ ok: false, error: 'translationTooLong' });
    expect(sv({ action: 'translate-step', goal: '3', step: '7', translation: ' Jag köper en biljett ' })).toEqual({ ok: true, change: { kind: 'translate-step', stepId: 7, translation: { lang: 'sv', text: 'Jag köper en biljett' } } });
    expect(parse({ action: 'translate-step', goal: '3', step: '7', translation: 'Jag köper en biljett' })).toEqual({ ok: false, error: 'unknownAction' });
    // A Finnish reader's form has no such field: one posted anyway is not read.
    expect(parse({ action: 'create', title: 'Kuljen bussilla', translation: 'Jag åker buss', picture: 'bus', key: 'k1' })).toEqual({ ok: true, change: { kind: 'create', title: 'Kuljen bussilla', picture: 'bus', key: 'k1' } });
  });
});
