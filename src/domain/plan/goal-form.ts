/** Reads one posted change from the worker's goal editor, or says what is wrong with it. Pure. */
export const GOAL_TITLE_MAX = 80;
export const COMMENT_MAX = 1000;

export type GoalFormError = 'titleRequired' | 'titleTooLong' | 'unknownPicture' | 'commentRequired' | 'commentTooLong' | 'unknownAction';

/** One change to a client's goals, as the goal editor posts it (the store applies it). */
export type GoalChange =
  | { kind: 'create'; picture: string; title: string }
  | { kind: 'edit'; goalId: number; picture: string; title: string }
  | { kind: 'status'; goalId: number; status: 'active' | 'done' | 'archived' }
  | { kind: 'move'; goalId: number; direction: -1 | 1 }
  | { kind: 'add-step'; goalId: number; title: string }
  | { kind: 'toggle-step'; stepId: number }
  | { kind: 'archive-step'; stepId: number }
  | { kind: 'comment'; goalId: number; text: string };

/** `isKnownPicture`: whether a picture name is one the picker offers (the server's catalogue). */
export function parseGoalChange(get: (name: string) => string, isKnownPicture: (name: string) => boolean): { ok: true; change: GoalChange } | { ok: false; error: GoalFormError } {
  const id = (name: string) => Number(get(name));
  const title = get('title').trim();
  const checkTitle = (): GoalFormError | null => (!title ? 'titleRequired' : title.length > GOAL_TITLE_MAX ? 'titleTooLong' : null);
  switch (get('action')) {
    case 'create':
    case 'edit': {
      const error = checkTitle() ?? (isKnownPicture(get('picture')) ? null : 'unknownPicture');
      if (error) return { ok: false, error };
      return get('action') === 'create'
        ? { ok: true, change: { kind: 'create', picture: get('picture'), title } }
        : { ok: true, change: { kind: 'edit', goalId: id('goal'), picture: get('picture'), title } };
    }
    case 'done':
    case 'archive':
    case 'reopen':
      return { ok: true, change: { kind: 'status', goalId: id('goal'), status: get('action') === 'done' ? 'done' : get('action') === 'archive' ? 'archived' : 'active' } };
    case 'up':
    case 'down':
      return { ok: true, change: { kind: 'move', goalId: id('goal'), direction: get('action') === 'up' ? -1 : 1 } };
    case 'add-step': {
      const error = checkTitle();
      return error ? { ok: false, error } : { ok: true, change: { kind: 'add-step', goalId: id('goal'), title } };
    }
    case 'toggle-step':
      return { ok: true, change: { kind: 'toggle-step', stepId: id('step') } };
    case 'archive-step':
      return { ok: true, change: { kind: 'archive-step', stepId: id('step') } };
    case 'comment': {
      const text = get('text').trim();
      if (!text) return { ok: false, error: 'commentRequired' };
      if (text.length > COMMENT_MAX) return { ok: false, error: 'commentTooLong' };
      return { ok: true, change: { kind: 'comment', goalId: id('goal'), text } };
    }
    default:
      return { ok: false, error: 'unknownAction' };
  }
}
