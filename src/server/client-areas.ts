import type { PictureConcept } from '@domain/pictures/concepts';

/** The six areas behind the client home page's tiles, in the order docs/design.md gives them. */
export const CLIENT_AREAS = [
  { slug: 'plan', concept: 'plan' },
  { slug: 'goals', concept: 'goals' },
  { slug: 'attendance', concept: 'attendance' },
  { slug: 'money', concept: 'money' },
  { slug: 'messages', concept: 'messages' },
  { slug: 'consents', concept: 'consents' },
] as const satisfies readonly { slug: string; concept: PictureConcept }[];

export type ClientAreaSlug = (typeof CLIENT_AREAS)[number]['slug'];
