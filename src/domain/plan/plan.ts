/**
 * Plans and goals as the client and worker pages see them. Pure types and rules; the SQL is in
 * src/server/plan/store.ts.
 */
import type { Translations } from './client-text';

export const SERVICE_TYPES = ['tyotoiminta', 'avotyotoiminta', 'tyohonvalmennus', 'kuntouttava_tyotoiminta'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

import type { PictureConcept } from '../pictures/concepts';

/**
 * The three answers to "Miten menee?" about a goal. Their words (client.json goals.feeling) are
 * ones a client knows at once: "Hyvin", "Ihan ok", "Huonosti" (no "Vähän", which answers nothing
 * on its own), no negation ("Not good" hides "good"), no word shared between two answers; each
 * has a face of its own. tests/unit/goal-answers.test.ts holds them to that.
 */
export const FEELINGS = ['good', 'some', 'hard'] as const;
export type Feeling = (typeof FEELINGS)[number];

/** The picture of each answer, beside its word on the answer card and in the history. */
export const FEELING_PICTURE: Record<Feeling, PictureConcept> = { good: 'feeling-good', some: 'feeling-some', hard: 'feeling-hard' };

export function isFeeling(value: unknown): value is Feeling {
  return typeof value === 'string' && (FEELINGS as readonly string[]).includes(value);
}

/** A client's own words with an answer: a few words, not an essay (docs/easy-read.md: short). */
export const ANSWER_WORDS_MAX = 500;

export interface ScheduleDay {
  weekday: number;
  starts_at: string;
  ends_at: string;
}

export interface PlanVersion {
  id: number;
  client_id: number;
  version: number;
  service_type: ServiceType;
  place_name: string;
  place_address: string;
  place_picture: string;
  /** A photo of the place (served by /photos/<id>), shown instead of the picture when set. */
  place_photo_id: number | null;
  place_photo_width: number | null;
  place_photo_height: number | null;
  named_worker_id: number | null;
  starts_on: string;
  review_on: string;
  legal_basis: string;
  summary: string;
  /** The summary in the languages a worker wrote it in besides Finnish (client-text.ts). */
  summaryIn?: Translations;
  created_at: number;
  schedule: ScheduleDay[];
}

export interface GoalStep {
  id: number;
  title: string;
  titleIn?: Translations;
  done: boolean;
}

export interface GoalAnswer {
  feeling: Feeling;
  words: string;
  created_at: number;
}

export interface Goal {
  id: number;
  picture: string;
  title: string;
  titleIn?: Translations;
  steps: GoalStep[];
  answers: GoalAnswer[]; // oldest first
  latestComment: { text: string; textIn?: Translations; worker: string; created_at: number } | null;
}

export type ReviewState = 'ok' | 'due' | 'overdue';

/** The review is due within 30 days, or overdue after its date (ISO dates compare as text). */
export function reviewState(reviewOn: string, today: string): ReviewState {
  if (reviewOn < today) return 'overdue';
  const due = new Date(`${today}T12:00:00Z`);
  due.setUTCDate(due.getUTCDate() + 30);
  return reviewOn <= due.toISOString().slice(0, 10) ? 'due' : 'ok';
}
