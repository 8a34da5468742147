import type SignInLock from './SignInLock.astro';
import { UNTIL_UNLOCKED } from '@server/auth/rate-limit';
import type { Examples } from '../examples';

export const examples = {
  open: {
    description: 'No failures',
    look: 'staff',
    props: { failedSignIns: 0, lockedUntil: null, action: '/admin/people/9#sign-in-lock' },
  },
  failures: {
    description: 'Some failures, not locked: the unlock button clears them',
    look: 'staff',
    props: { failedSignIns: 3, lockedUntil: null, action: '/admin/people/9#sign-in-lock' },
  },
  lockedUntil: {
    description: 'Locked until a time (far ahead, so the example stays locked)',
    look: 'staff',
    props: { failedSignIns: 5, lockedUntil: Date.UTC(2099, 0, 1, 10, 15), action: '/admin/people/9#sign-in-lock' },
  },
  lockedUntilUnlocked: {
    description: 'Locked until someone opens it',
    look: 'staff',
    props: { failedSignIns: 10, lockedUntil: UNTIL_UNLOCKED, action: '/admin/people/9/card' },
  },
} satisfies Examples<typeof SignInLock>;
