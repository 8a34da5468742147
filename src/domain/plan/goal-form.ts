import type { TextIn, TranslatedLang } from './client-text';

/** Reads one posted change from the worker's goal editor, or says what is wrong with it. Pure. */
export const GOAL_TITLE_MAX = 80;
export const COMMENT_MAX = 1000;

export type GoalFormError = 'titleRequired' | 'titleTooLong' | 'unknownPicture' | 'commentRequired' | 'commentTooLong' | 'translationTooLong' | 'unknownAction';

/**
 * One change to a client's goals, as the goal editor posts it (the store applies it).
 * `translation`: the text in the client's language, for a client who reads Swedish or English
 * (client-text.ts); absent for a Finnish reader, so nothing of it is changed.
 */
export type GoalChange =
  | { kind: 'create'; picture: string; title: string; key: string; translation?: TextIn }
  | { kind: 'edit'; goalId: number; picture: string; title: string; translation?: TextIn }
  | { kind: 'status'; goalId: number; status: 'active' | 'done' | 'archived' }
  /** `from`: the goal's place when the form was shown, so a second tap of one button moves it once. */
  | { kind: 'move'; goalId: number; direction: -1 | 1; from: number }
  | { kind: 'add-step'; goalId: number; title: string; key: string; translation?: TextIn }
  /** A step's state to set (not to toggle: two taps of one button must not undo each other). */
  | { kind: 'set-step'; stepId: number; done: boolean }
  | { kind: 'archive-step'; stepId: number }
  /** A step written before in Finnish only: its title in the client's language ('' removes it). */
  | { kind: 'translate-step'; stepId: number; translation: TextIn }
  | { kind: 'comment'; goalId: number; text: string; key: string; translation?: TextIn };

/**
 * `isKnownPicture`: whether a picture name is one the picker offers (the server's catalogue).
 * `clientReads`: the client's language; unless Finnish, the form's `translation` field is the
 * title or comment in it (optional, as long as the Finnish one may be).
 */
export function parseGoalChange(get: (name: string) => string, isKnownPicture: (name: string) => boolean, clientReads: 'fi' | TranslatedLang = 'fi'): { ok: true; change: GoalChange } | { ok: false; error: GoalFormError } {
  const id = (name: string) => Number(get(name));
  const title = get('title').trim();
  const translated = clientReads === 'fi' ? null : { lang: clientReads, text: get('translation').trim() };
  const translation = translated ? { translation: translated } : {};
  const checkTitle = (): GoalFormError | null =>
    !title ? 'titleRequired' : title.length > GOAL_TITLE_MAX ? 'titleTooLong' : (translated?.text.length ?? 0) > GOAL_TITLE_MAX ? 'translationTooLong' : null;
  switch (get('action')) {
    case 'create':
    case 'edit': {
      const error = checkTitle() ?? (isKnownPicture(get('picture')) ? null : 'unknownPicture');
      if (error) return { ok: false, error };
      return get('action') === 'create'
        ? { ok: true, change: { kind: 'create', picture: get('picture'), title, key: get('key'), ...translation } }
        : { ok: true, change: { kind: 'edit', goalId: id('goal'), picture: get('picture'), title, ...translation } };
    }
    case 'done':
    case 'archive':
    case 'reopen':
      return { ok: true, change: { kind: 'status', goalId: id('goal'), status: get('action') === 'done' ? 'done' : get('action') === 'archive' ? 'archived' : 'active' } };
    case 'up':
    case 'down':
      return { ok: true, change: { kind: 'move', goalId: id('goal'), direction: get('action') === 'up' ? -1 : 1, from: get('from') === '' ? NaN : id('from') } };
    case 'add-step': {
      const error = checkTitle();
      return error ? { ok: false, error } : { ok: true, change: { kind: 'add-step', goalId: id('goal'), title, key: get('key'), ...translation } };
    }
    case 'set-step':
      if (get('done') !== '1' && get('done') !== '0') return { ok: false, error: 'unknownAction' };
      return { ok: true, change: { kind: 'set-step', stepId: id('step'), done: get('done') === '1' } };
    case 'archive-step':
      return { ok: true, change: { kind: 'archive-step', stepId: id('step') } };
    case 'translate-step':
      // Only a client who reads another language has these forms.
      if (!translated) return { ok: false, error: 'unknownAction' };
      if (translated.text.length > GOAL_TITLE_MAX) return { ok: false, error: 'translationTooLong' };
      return { ok: true, change: { kind: 'translate-step', stepId: id('step'), translation: translated } };
    case 'comment': {
      const text = get('text').trim();
      if (!text) return { ok: false, error: 'commentRequired' };
      if (text.length > COMMENT_MAX) return { ok: false, error: 'commentTooLong' };
      if ((translated?.text.length ?? 0) > COMMENT_MAX) return { ok: false, error: 'translationTooLong' };
      return { ok: true, change: { kind: 'comment', goalId: id('goal'), text, key: get('key'), ...translation } };
    }
    default:
      return { ok: false, error: 'unknownAction' };
  }
}
