import type GoalsView from './GoalsView.astro';
import type { Goal } from '@domain/plan/plan';
import type { ReachedGoal } from '@server/plan/store';
import type { Examples } from '../examples';

const day = 24 * 3600_000;
const now = Date.now();
const goals: Goal[] = [
  {
    id: 11,
    picture: 'bus',
    title: 'Kuljen bussilla pajalle',
    steps: [
      { id: 1, title: 'Katson aikataulun', done: true },
      { id: 2, title: 'Ostan lipun', done: true },
      { id: 3, title: 'Menen bussiin yksin', done: false },
    ],
    answers: [
      { feeling: 'hard', words: '', created_at: now - 21 * day },
      { feeling: 'some', words: 'Bussi oli myöhässä.', created_at: now - 14 * day },
      { feeling: 'good', words: '', created_at: now - 7 * day },
    ],
    latestComment: { text: 'Hienoa, Matti! Osaat jo ostaa lipun.', worker: 'Liisa Ohjaaja', created_at: now - 6 * day },
  },
  { id: 12, picture: 'cooking', title: 'Teen itse aamupalan', steps: [], answers: [], latestComment: null },
];
const reached: ReachedGoal[] = [{ id: 9, picture: 'hot-beverage', title: 'Keitän kahvin', reached_on: '2026-09-14' }];

export const examples = {
  answering: {
    description: 'The client’s goals with steps, answers, a comment and the "Miten menee?" form',
    look: 'easy-read',
    props: { goals, reached, answering: true },
  },
  saved: {
    description: 'Just answered: the thank-you beside that goal',
    look: 'easy-read',
    props: { goals, reached: [], answering: true, saved: 11 },
  },
  answerWithError: {
    description: 'An answer sent without a picture: the error in that goal’s form, the words kept',
    look: 'easy-read',
    props: { goals, reached: [], answering: true, form: { goalId: 12, feeling: '', words: 'Leipä ja maito', errors: { 'feeling-12': 'client:goals.pickFeeling' } } },
  },
  familyReadOnly: {
    description: 'A family member reads them, without the answer form',
    look: 'easy-read',
    props: { goals, reached, answering: false, reader: { as: 'family', name: 'Matti' } },
  },
  none: {
    description: 'No goals yet',
    look: 'easy-read',
    props: { goals: [], reached: [], answering: true },
  },
  swedishReader: {
    description: 'A reader of Swedish: a goal the worker wrote in Swedish too, and texts only in Finnish (marked lang="fi", with a note)',
    look: 'easy-read',
    lang: 'sv',
    props: {
      goals: [
        { ...goals[0], titleIn: { sv: 'Jag åker buss till verkstaden' }, steps: goals[0].steps.map((step, i) => (i === 0 ? { ...step, titleIn: { sv: 'Jag tittar på tidtabellen' } } : step)) },
        goals[1],
      ],
      reached,
      answering: false,
    },
  },
  onlyReached: {
    description: 'Every goal reached, in English',
    look: 'easy-read',
    lang: 'en',
    props: { goals: [], reached, answering: true },
  },
} satisfies Examples<typeof GoalsView>;
