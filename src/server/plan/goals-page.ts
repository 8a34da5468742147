import type { Database } from '../db';
import { changeGoals, goalsForWorker, type WorkerGoal } from './store';
import { field } from '../forms';
import { isCataloguePicture } from '../picture-catalogue';
import { parseGoalChange, type GoalFormError } from '@domain/plan/goal-form';
import type { FieldErrors } from '@domain/forms/field-errors';
import { todayInHelsinki } from '@domain/time/helsinki';
import { isTranslatedLang } from '@domain/plan/client-text';
import type { Lang } from '../i18n';

/**
 * The goal editor (worker/clients/:client/goals): every button is a small POST form, and each
 * change is checked to belong to this client (store.ts changeGoals). A form sent back keeps what
 * was typed: with its error, or with the picture picker's matches after its "Hae".
 */
export interface ReturnedGoalForm {
  error: GoalFormError | null;
  action: string;
  /** The goal the form was about ('' for a new goal). */
  goal: string;
  /** The step a step's form was about. */
  step: string;
  title: string;
  picture: string;
  text: string;
  /** The title or comment in the client's language (a client who reads Swedish or English). */
  translation: string;
  /** The picture picker's search words. */
  query: string;
  key: string;
}

export interface GoalsPage {
  status: 200 | 400;
  goals: WorkerGoal[];
  returned: ReturnedGoalForm | null;
  /**
   * By the id of the sent form's text field (`new-title`, `title-<goal>`, `step-<goal>`,
   * `comment-<goal>`; the field in the client's language adds `-in`).
   */
  errors: FieldErrors;
  /** An error that is no field's: a post no form of the editor makes. */
  unknownAction: boolean;
}

export type GoalsPageResult = { redirect: string } | { forbidden: true } | GoalsPage;

/**
 * The text field of the form that posted `action` about `goal`, where its error is shown: the
 * field in the client's language for an error of that text.
 */
export function goalFormControl(action: string, goal: string, error?: GoalFormError, step = ''): string | null {
  if (action === 'translate-step') return /^[1-9][0-9]{0,15}$/.test(step) ? `step-${step}-title-in` : null;
  const control = finnishControl(action, goal);
  return control && error === 'translationTooLong' ? `${control}-in` : control;
}

function finnishControl(action: string, goal: string): string | null {
  switch (action) {
    case 'create':
      return 'new-title';
    case 'edit':
      return `title-${goal}`;
    case 'add-step':
      return `step-${goal}`;
    case 'comment':
      return `comment-${goal}`;
    default:
      return null;
  }
}

/**
 * A save answers with the editor again, its notice at the goal the person changed (`saved` is
 * that goal's id, or `new` for a new goal); an id changed in the form to another client's
 * changes nothing and is refused.
 */
export async function handleGoalsPage(db: Database, clientId: number, me: { id: number }, form: FormData | null, clientReads: Lang = 'fi', today = todayInHelsinki()): Promise<GoalsPageResult> {
  let returned: ReturnedGoalForm | null = null;
  let errors: FieldErrors = {};
  let unknownAction = false;
  if (form) {
    const get = (name: string) => field(form, name, 5000);
    const keep = (error: GoalFormError | null): ReturnedGoalForm => ({ error, action: get('action'), goal: get('goal'), step: get('step'), title: get('title'), picture: get('picture'), text: get('text'), translation: get('translation'), query: field(form, 'picture_q', 100), key: field(form, 'key', 100) });
    if (get('picture_search')) {
      // "Hae" in a picture picker: show the matches in the same form, save nothing.
      returned = keep(null);
    } else {
      const parsed = parseGoalChange(get, isCataloguePicture, isTranslatedLang(clientReads) ? clientReads : 'fi');
      if (parsed.ok) {
        if (!(await changeGoals(db, clientId, me.id, parsed.change, today))) return { forbidden: true };
        const goal = get('goal');
        const at = parsed.change.kind === 'create' ? 'new' : /^[1-9][0-9]{0,15}$/.test(goal) ? goal : '';
        const anchor = at === 'new' ? '#new-goal' : at ? `#goal-${at}` : '';
        return { redirect: `/worker/clients/${clientId}/goals?saved=${at || '1'}${anchor}` };
      }
      returned = keep(parsed.error);
      const control = goalFormControl(returned.action, returned.goal, parsed.error, returned.step);
      // A step's title has the step's own words ("Kirjoita askel."), not the goal's ("Anna tavoitteelle nimi.").
      const stepError = returned.action === 'add-step' && parsed.error === 'titleRequired' ? 'stepRequired' : returned.action === 'add-step' && parsed.error === 'titleTooLong' ? 'stepTooLong' : parsed.error;
      if (control) errors = { [control]: `staff:goals.errors.${stepError}` };
      else unknownAction = true;
    }
  }
  return { status: returned?.error ? 400 : 200, goals: await goalsForWorker(db, clientId), returned, errors, unknownAction };
}
