import type { Database } from '../db';
import { goalOwner, recordAnswer } from './store';
import { field } from '../forms';
import { ANSWER_WORDS_MAX, isFeeling } from '@domain/plan/plan';
import type { FieldErrors } from '@domain/forms/field-errors';

/**
 * The client's "Miten menee?" answer (client/goals): one small form per goal. A saved answer
 * answers 303 to the goal with its thank-you; an answer with an error comes back with what was
 * chosen and typed, its errors under the ids of that goal's own controls (`feeling-<goal>`,
 * `words-<goal>`), so the page opens at that goal's error and not at another goal.
 */
export interface AnswerForm {
  goalId: number;
  feeling: string;
  words: string;
  errors: FieldErrors;
}

export type AnswerResult = { redirect: string } | { forbidden: true } | { status: 400; form: AnswerForm };

/** The ids of a goal's answer controls: the error summary links to them. */
export const answerControls = (goalId: number) => ({ feeling: `feeling-${goalId}`, words: `words-${goalId}` });

export async function handleGoalAnswer(db: Database, clientId: number, form: FormData): Promise<AnswerResult> {
  const goalId = Number(field(form, 'goal', 20));
  const feeling = field(form, 'feeling', 10);
  const words = field(form, 'words', 5000).trim();
  const key = field(form, 'key', 100);
  // Only the client's own active goal: an id changed in the form gets the 403 page.
  if (!Number.isSafeInteger(goalId) || goalId <= 0 || !key || (await goalOwner(db, goalId)) !== clientId) return { forbidden: true };
  const ids = answerControls(goalId);
  const errors: FieldErrors = {};
  if (!isFeeling(feeling)) errors[ids.feeling] = 'client:goals.pickFeeling';
  if (words.length > ANSWER_WORDS_MAX) errors[ids.words] = 'client:goals.wordsTooLong';
  if (!isFeeling(feeling) || errors[ids.words]) return { status: 400, form: { goalId, feeling, words, errors } };
  await recordAnswer(db, { goalId, answeredBy: clientId, feeling, words, key });
  return { redirect: `/client/goals?saved=${goalId}#goal-${goalId}` };
}
