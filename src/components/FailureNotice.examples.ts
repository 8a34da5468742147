import type FailureNotice from './FailureNotice.astro';
import type { Examples } from './examples';

export const examples = {
  wrongPictures: {
    description: 'Wrong pictures, with the tries left before the lock',
    look: 'easy-read',
    props: { failure: { ok: false, reason: 'wrong', attemptsBeforeLock: 2 } },
  },
  lockedForMinutes: {
    description: 'Locked for a while',
    look: 'easy-read',
    props: { failure: { ok: false, reason: 'locked', lock: { locked: true, untilUnlocked: false, minutesLeft: 12 } } },
  },
  lockedUntilUnlocked: {
    description: 'Locked until a worker opens it',
    look: 'easy-read',
    props: { failure: { ok: false, reason: 'locked', lock: { locked: true, untilUnlocked: true, minutesLeft: 0 } } },
  },
  tooManyFromHere: {
    description: 'Too many tries from this address',
    look: 'easy-read',
    props: { failure: { ok: false, reason: 'too_many_from_here', minutes: 10 } },
  },
  unknownCard: {
    description: 'A card code nobody has',
    look: 'easy-read',
    lang: 'en',
    props: { failure: { ok: false, reason: 'unknown_card' } },
  },
  pinMismatch: {
    description: 'Choosing new pictures: the second round was not the same',
    look: 'easy-read',
    props: { failure: { ok: false, reason: 'pin_mismatch' } },
  },
  pendingExpired: {
    description: 'The half-done sign-in took too long',
    look: 'easy-read',
    props: { failure: { ok: false, reason: 'pending_expired' } },
  },
} satisfies Examples<typeof FailureNotice>;
