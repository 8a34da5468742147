/**
 * A client's sign-in state as the staff lists show it (issue 15, point 13): no card at all
 * ("Ei korttia"), a card but no pictures chosen yet ("Kortti tehty, kuvat valitsematta"), ready
 * ("Kunnossa"), or locked after failed tries ("Lukossa"). A lock wins: a locked client cannot
 * sign in whatever else is true, and the worker can open it.
 */
export const SIGN_IN_STATES = ['no_card', 'no_pictures', 'ok', 'locked'] as const;
export type SignInState = (typeof SIGN_IN_STATES)[number];

export function isSignInState(value: string | null | undefined): value is SignInState {
  return (SIGN_IN_STATES as readonly (string | null | undefined)[]).includes(value);
}

export function signInState(c: { hasCard: boolean; hasPin: boolean; locked: boolean }): SignInState {
  if (c.locked) return 'locked';
  if (!c.hasCard) return 'no_card';
  if (!c.hasPin) return 'no_pictures';
  return 'ok';
}
