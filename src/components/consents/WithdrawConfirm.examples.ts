import type WithdrawConfirm from './WithdrawConfirm.astro';
import type { Examples } from '../examples';
import { CONSENTS } from './example-consents';

export const examples = {
  housing: {
    description: 'The one question before a consent is withdrawn',
    look: 'easy-read',
    props: { consent: CONSENTS[0], backHref: '/client/consents' },
  },
} satisfies Examples<typeof WithdrawConfirm>;
