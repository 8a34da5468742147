import { describe, expect, it } from 'vitest';
import { FAMILY_DEFAULTS, readSettingsForm, timesFromText, timesText, usesSummary, WORKER_DEFAULTS } from './settings';

const worker = (over: Partial<Parameters<typeof readSettingsForm>[1]> = {}) =>
  readSettingsForm('worker', { messages: 'digest', absences: 'now', consents: true, reviews: false, times: ['13:00', '08:00'], ...over });

describe('a worker choosing notifications', () => {
  it('keeps the choices, the times in order', () => {
    expect(worker()).toEqual({ settings: { messages: 'digest', absences: 'now', consents: true, reviews: false, times: ['08:00', '13:00'] }, errors: {} });
  });

  it('needs a summary time when something is told in the summary, and not otherwise', () => {
    expect(worker({ times: [] }).errors).toEqual({ times: 'pickTime' });
    expect(worker({ messages: 'hour', consents: false, reviews: true, times: [] }).errors).toEqual({ times: 'pickTime' });
    expect(worker({ messages: 'now', absences: 'digest', consents: false, times: [] }).errors).toEqual({ times: 'pickTime' });
    expect(worker({ messages: 'now', absences: 'off', consents: false, reviews: false, times: [] }).errors).toEqual({});
  });

  it('refuses a value the form does not offer, keeping the rest', () => {
    const answer = worker({ messages: 'sometimes', times: ['08:00', '03:00'] });
    expect(answer.errors).toEqual({ messages: 'badChoice', times: 'badChoice' });
    expect(answer.settings).toMatchObject({ absences: 'now', consents: true, times: ['08:00'] });
    expect(worker({ absences: 'hour' }).errors).toEqual({ absences: 'badChoice' });
  });

  it('has defaults until chosen: messages after an hour, absences at once, reminders at 8.00 and 13.00', () => {
    expect(WORKER_DEFAULTS).toEqual({ messages: 'hour', absences: 'now', consents: true, reviews: true, times: ['08:00', '13:00'] });
    expect(usesSummary(WORKER_DEFAULTS)).toBe(true);
    expect(usesSummary({ messages: 'now', absences: 'now', consents: false, reviews: false })).toBe(false);
    expect(timesText(['13:00', '08:00'])).toBe('08:00,13:00');
    expect(timesFromText('08:00,13:00')).toEqual(['08:00', '13:00']);
    expect(timesFromText('')).toEqual([]);
  });
});

describe('a family member choosing notifications', () => {
  it('says yes or no to each, nothing else', () => {
    expect(readSettingsForm('family', { messages: 'now', absences: 'off', consents: true, reviews: true, times: ['08:00'] })).toEqual({
      settings: { messages: 'now', absences: 'off', consents: false, reviews: false, times: [] },
      errors: {},
    });
    expect(readSettingsForm('family', { messages: 'hour', absences: '', consents: false, reviews: false, times: [] }).errors).toEqual({ messages: 'badChoice', absences: 'badChoice' });
    expect(FAMILY_DEFAULTS).toMatchObject({ messages: 'now', absences: 'now' });
  });
});
