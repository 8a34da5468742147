import { describe, expect, it } from 'vitest';
import { NOTE_MAX_LENGTH, noteChains, noteErrors, tidyNoteBody } from './daily-note';

describe('a daily note', () => {
  const today = '2026-11-18';
  const earliest = '2025-11-17';
  it('needs words, at most the longest note, about a real day that has come', () => {
    expect(noteErrors({ day: today, body: 'Leivottiin pullaa.' }, today, earliest)).toEqual({});
    expect(noteErrors({ day: today, body: '  \n ' }, today, earliest)).toEqual({ body: 'bodyMissing' });
    expect(noteErrors({ day: today, body: 'a'.repeat(NOTE_MAX_LENGTH) }, today, earliest)).toEqual({});
    expect(noteErrors({ day: today, body: 'a'.repeat(NOTE_MAX_LENGTH + 1) }, today, earliest)).toEqual({ body: 'bodyTooLong' });
    expect(noteErrors({ day: '2026-02-30', body: 'x' }, today, earliest)).toEqual({ day: 'dayBad' });
    expect(noteErrors({ day: '2026-11-19', body: 'x' }, today, earliest)).toEqual({ day: 'dayFuture' });
    expect(noteErrors({ day: '2025-11-16', body: '' }, today, earliest)).toEqual({ day: 'dayTooOld', body: 'bodyMissing' });
  });

  it('counts letters, not UTF-16 units, and keeps the worker\'s own lines', () => {
    expect(noteErrors({ day: today, body: '😀'.repeat(NOTE_MAX_LENGTH) }, today, earliest)).toEqual({});
    expect(tidyNoteBody('  Aamu meni hyvin.\r\nIltapäivällä väsytti. \n')).toBe('Aamu meni hyvin.\nIltapäivällä väsytti.');
  });

  it('shows each current note with the versions it replaced, newest first', () => {
    const notes = [
      { id: 1, corrects: null },
      { id: 2, corrects: null },
      { id: 3, corrects: 1 },
      { id: 4, corrects: 3 },
    ];
    const chains = noteChains([...notes].reverse());
    expect(chains.map((c) => [c.current.id, c.earlier.map((e) => e.id)])).toEqual([
      [4, [3, 1]],
      [2, []],
    ]);
    // A chain whose first note is not in the list keeps what is there.
    expect(noteChains([{ id: 5, corrects: 9 }]).map((c) => c.earlier)).toEqual([[]]);
  });
});
