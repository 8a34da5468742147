import { describe, expect, it } from 'vitest';
import { isChoiceRecord, NEW_CHOICE_RECORD, parseChoice, roundOf, serializeChoice, stepChoice, type ChoiceAction, type ChoiceStep, type PinChoice } from './pin-choice';
import type { PinPicture } from './picture-pin';

/** Applies taps one by one from an empty choice; returns every step. */
function run(actions: ChoiceAction[]): ChoiceStep[] {
  let choice: PinChoice = { first: [], again: [] };
  const steps: ChoiceStep[] = [];
  for (const action of actions) {
    const step = stepChoice(choice, action);
    steps.push(step);
    if (step.kind !== 'chosen') choice = step.choice;
  }
  return steps;
}
const picks = (...names: PinPicture[]): ChoiceAction[] => names.map((pick) => ({ pick }));

describe('choosing a new picture PIN', () => {
  it('takes four pictures, then the same four again, and gives the PIN', () => {
    const steps = run(picks('cat', 'dog', 'sun', 'car', 'cat', 'dog', 'sun', 'car'));
    expect(steps.slice(0, 7).every((s) => s.kind === 'choosing')).toBe(true);
    expect(steps[3]).toEqual({ kind: 'choosing', choice: { first: ['cat', 'dog', 'sun', 'car'], again: [] } });
    expect(steps[7]).toEqual({ kind: 'chosen', pin: ['cat', 'dog', 'sun', 'car'] });
  });

  it('allows the same picture more than once', () => {
    expect(run(picks('fish', 'fish', 'fish', 'ball', 'fish', 'fish', 'fish', 'ball')).at(-1)).toEqual({ kind: 'chosen', pin: ['fish', 'fish', 'fish', 'ball'] });
  });

  it('clears both rounds when the second round differs, even only in order', () => {
    const steps = run(picks('cat', 'dog', 'sun', 'car', 'dog', 'cat', 'sun', 'car'));
    expect(steps.at(-1)).toEqual({ kind: 'mismatch', choice: { first: [], again: [] } });
    // …and the next tap starts a new first round.
    const after = stepChoice({ first: [], again: [] }, { pick: 'tree' });
    expect(after).toEqual({ kind: 'choosing', choice: { first: ['tree'], again: [] } });
  });

  it('undoes within the round: never reopens a finished first round', () => {
    expect(stepChoice({ first: ['cat', 'dog'], again: [] }, { undo: true })).toEqual({ kind: 'choosing', choice: { first: ['cat'], again: [] } });
    expect(stepChoice({ first: ['cat', 'dog', 'sun', 'car'], again: ['cat'] }, { undo: true })).toEqual({
      kind: 'choosing',
      choice: { first: ['cat', 'dog', 'sun', 'car'], again: [] },
    });
    expect(stepChoice({ first: ['cat', 'dog', 'sun', 'car'], again: [] }, { undo: true })).toEqual({
      kind: 'choosing',
      choice: { first: ['cat', 'dog', 'sun', 'car'], again: [] },
    });
    expect(stepChoice({ first: [], again: [] }, { undo: true })).toEqual({ kind: 'choosing', choice: { first: [], again: [] } });
  });

  it('starts again from nothing on "restart"', () => {
    expect(stepChoice({ first: ['cat', 'dog', 'sun', 'car'], again: ['cat', 'dog'] }, { restart: true })).toEqual({ kind: 'choosing', choice: { first: [], again: [] } });
  });

  it('knows which round the client is in', () => {
    expect(roundOf({ first: ['cat', 'dog', 'sun'], again: [] })).toBe('first');
    expect(roundOf({ first: ['cat', 'dog', 'sun', 'car'], again: [] })).toBe('again');
  });
});

describe('stored choice', () => {
  it('round-trips through the text column', () => {
    const cases: PinChoice[] = [
      { first: [], again: [] },
      { first: ['cat', 'dog'], again: [] },
      { first: ['cat', 'dog', 'sun', 'car'], again: [] },
      { first: ['cat', 'dog', 'sun', 'car'], again: ['cat', 'dog', 'sun'] },
    ];
    for (const choice of cases) expect(parseChoice(serializeChoice(choice))).toEqual(choice);
    expect(serializeChoice({ first: ['cat', 'dog', 'sun', 'car'], again: ['cat'] })).toBe('choose:cat,dog,sun,car;cat');
    expect(parseChoice(NEW_CHOICE_RECORD)).toEqual({ first: [], again: [] });
  });

  it('tells a choosing row from the picks of a plain sign-in', () => {
    expect(isChoiceRecord('choose:cat;')).toBe(true);
    expect(isChoiceRecord('cat,dog')).toBe(false);
    expect(isChoiceRecord('')).toBe(false);
    expect(parseChoice('cat,dog,sun,car')).toEqual({ first: [], again: [] });
  });

  it('reads anything damaged or impossible as an empty choice (the client starts again)', () => {
    const damaged = ['choose:unicorn', 'choose:cat,dog;cat', 'choose:cat,dog,sun,car,ball', 'choose:cat,dog,sun,car;cat,dog,sun,car', 'choose:cat,,dog', 'choose:;;'];
    for (const stored of damaged) {
      expect(parseChoice(stored), stored).toEqual({ first: [], again: [] });
    }
  });
});
