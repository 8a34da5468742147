/**
 * Every meaning a picture may carry on client and family pages: the register of concepts
 * (docs/design.md#pictures). Content and code name a concept, never an icon file, and the concept
 * → OpenMoji mapping in `src/server/pictures.ts` gives each concept exactly one picture and no two
 * concepts the same picture, so one picture always means one thing ("Sama kuva tarkoittaa aina
 * samaa asiaa", the help page promises). A concept is one meaning, not one picture that happened
 * to fit: a new meaning gets a new concept and its own picture, never an existing concept whose
 * picture looks close enough. The zod schemas of the content collections accept only these
 * names, so a typo in frontmatter fails the build instead of showing no picture.
 */
export const PICTURE_CONCEPTS = [
  'home',
  'plan',
  'goals',
  'attendance',
  'money',
  'messages',
  'consents', // Luvat, and giving one (Anna lupa)
  'listen', // Kuuntele: the page read aloud
  'stop',
  'help',
  'text-size',
  'language',
  'sign-out',
  'person',
  'worker',
  'family',
  'card',
  'camera', // the tablet's camera (reading the login card on /card)
  'pin', // the picture code (kuvakoodi): the client's key
  'pictures', // what the pictures mean (the help page)
  'tablet',
  'tablet-shared',
  'sick',
  'holiday',
  'present', // was there (Paikalla) on a day of the calendar
  'absent',
  'no-service',
  'report', // an absence report (ilmoitus) and telling of an absence
  'other-reason', // an absence for another reason (Muu syy)
  'calendar', // a date, a month, choosing days
  'clock', // a time of day (klo 9–15)
  'place',
  'warning',
  'lock',
  'check', // done, yes, saved (also a goal step done: Tehty)
  'not-yet', // a goal step not done yet (Ei vielä)
  'cross', // cancel, withdraw, end
  'back',
  'forward',
  'question', // a question (Minulla on kysyttävää)
  'not-found', // a page or thing that was not found
  'info',
  'glossary',
  'work',
  'meal',
  'phone',
  'thanks',
  'late', // Myöhästyn
  'voice-message', // recording and hearing a voice message
  'doctor',
  'star',
  'greeting',
  // Goals and plans (issue 3)
  'bus',
  'cooking',
  'coffee',
  'cleaning',
  'shopping',
  'plant',
  'bicycle',
  'print',
  'feeling-good',
  'feeling-some',
  'feeling-hard',
  // Consents (issue 6): who receives information, and which information
  'housing',
  'health-centre',
  'te-services',
  'kela',
  'workplace',
  'organisation',
  'medication',
  'health',
  'contact',
  'hourglass', // a length of time (how long a consent lasts), or a wait
  'reminder', // something ends soon (a consent): a reminder
  'history', // what happened before (Lupien historia)
  'access-log', // who has looked at your information
] as const;

export type PictureConcept = (typeof PICTURE_CONCEPTS)[number];

export function isPictureConcept(value: unknown): value is PictureConcept {
  return typeof value === 'string' && (PICTURE_CONCEPTS as readonly string[]).includes(value);
}
