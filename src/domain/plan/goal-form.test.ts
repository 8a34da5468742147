import { describe, expect, it } from 'vitest';
import { parseGoalChange } from './goal-form';

const parse = (values: Record<string, string>) => parseGoalChange((name) => values[name] ?? '', (name) => name === 'bus');

describe('goal editor form', () => {
  it('reads each kind of change', () => {
    expect(parse({ action: 'create', title: ' Kuljen bussilla ', picture: 'bus' })).toEqual({ ok: true, change: { kind: 'create', title: 'Kuljen bussilla', picture: 'bus' } });
    expect(parse({ action: 'done', goal: '4' })).toEqual({ ok: true, change: { kind: 'status', goalId: 4, status: 'done' } });
    expect(parse({ action: 'up', goal: '4' })).toEqual({ ok: true, change: { kind: 'move', goalId: 4, direction: -1 } });
    expect(parse({ action: 'toggle-step', step: '9' })).toEqual({ ok: true, change: { kind: 'toggle-step', stepId: 9 } });
    expect(parse({ action: 'comment', goal: '4', text: 'Hienoa!' })).toEqual({ ok: true, change: { kind: 'comment', goalId: 4, text: 'Hienoa!' } });
  });

  it('refuses an empty or too long title, an unknown picture, an empty comment and unknown actions', () => {
    expect(parse({ action: 'create', title: '', picture: 'bus' })).toEqual({ ok: false, error: 'titleRequired' });
    expect(parse({ action: 'create', title: 'x'.repeat(5000), picture: 'bus' })).toEqual({ ok: false, error: 'titleTooLong' });
    expect(parse({ action: 'edit', goal: '1', title: 'Hyvä', picture: 'unicorn' })).toEqual({ ok: false, error: 'unknownPicture' });
    expect(parse({ action: 'comment', goal: '1', text: '  ' })).toEqual({ ok: false, error: 'commentRequired' });
    expect(parse({ action: 'drop-table' })).toEqual({ ok: false, error: 'unknownAction' });
  });
});
