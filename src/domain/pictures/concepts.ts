/**
 * Every meaning a picture may carry on client pages. Content and code name a concept, never an
 * icon file, so that one concept always shows the same picture (docs/design.md#pictures); the concept → OpenMoji
 * mapping lives in `src/server/pictures.ts`. The zod schemas of the content collections accept
 * only these names, so a typo in frontmatter fails the build instead of showing no picture.
 */
export const PICTURE_CONCEPTS = [
  'home',
  'plan',
  'goals',
  'attendance',
  'money',
  'messages',
  'consents',
  'listen',
  'stop',
  'help',
  'text-size',
  'language',
  'sign-out',
  'person',
  'worker',
  'family',
  'card',
  'pin',
  'tablet',
  'tablet-shared',
  'sick',
  'holiday',
  'present',
  'absent',
  'no-service',
  'calendar',
  'clock',
  'place',
  'warning',
  'lock',
  'check',
  'cross',
  'back',
  'forward',
  'question',
  'info',
  'glossary',
  'work',
  'coin',
  'meal',
  'phone',
  'handshake',
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
  'hourglass',
  'history',
  'paper',
] as const;

export type PictureConcept = (typeof PICTURE_CONCEPTS)[number];

export function isPictureConcept(value: unknown): value is PictureConcept {
  return typeof value === 'string' && (PICTURE_CONCEPTS as readonly string[]).includes(value);
}
