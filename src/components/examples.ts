/**
 * Examples of the shared components, after GOV.UK Frontend's fixtures: each component has a
 * `<Name>.examples.ts` beside it that exports `examples`, named props for each state the
 * component has (empty, filled, with an error, two errors in a summary …). They are a quick
 * reference for how to call the component, and tests/unit/component-examples.test.ts renders
 * every one with Astro's container API and runs the shared axe helper on it in Chromium, with the
 * stylesheet of the pages it sits on. A new component without examples fails that test.
 *
 * Data is fictional, like the demo data (src/server/demo/seed.ts).
 */
import type { ComponentProps } from 'astro/types';
import type { Lang } from '@domain/language';
import type { SessionActor } from '@server/auth/session';

/**
 * The pages a component sits on, which decides the stylesheet and the checks:
 * - `easy-read`: client, family and sign-in pages (client.css; also AAA contrast 7:1 and 44 px targets);
 * - `staff`: worker and admin pages (staff.css; WCAG 2.2 AA);
 * - `login-card`: the printable login card on the admin's card page (staff.css and login-card.css).
 */
export type Look = 'easy-read' | 'staff' | 'login-card';

export interface Example<Props> {
  /** What this example shows, in a few words. */
  description: string;
  look: Look;
  props: Props;
  /**
   * The class of the element the component sits in on its page, when the stylesheet sizes the
   * component by it (`consent-step` makes a date field big enough to tap on easy-read pages).
   */
  within?: string;
  /** HTML for the default slot (a form's fields). */
  slot?: string;
  /** The reader's language; Finnish unless set. */
  lang?: Lang;
  /** Who is signed in, for components that read `Astro.locals.actor`; nobody unless set. */
  actor?: SessionActor;
}

// ComponentProps needs a function type, whatever its props are.
type AstroComponent = (props: any) => any;

/** A component's examples by name: `export const examples = { … } satisfies Examples<typeof TextField>;` */
export type Examples<C extends AstroComponent> = Record<string, Example<ComponentProps<C>>>;

/** The fictional client of the examples (Matti). */
export const EXAMPLE_CLIENT_ID = 9;

/** A fictional signed-in client (Matti), for components that read `Astro.locals.actor`. */
export const CLIENT_ACTOR: SessionActor = {
  sessionId: 'example-session',
  kind: 'remembered',
  expiresAt: Date.UTC(2030, 0, 1),
  person: { id: EXAMPLE_CLIENT_ID, unit_id: 1, role: 'client', full_name: 'Matti Virtanen', preferred_name: 'Matti', avatar: 'person', language: 'fi', text_size: 100 },
};
