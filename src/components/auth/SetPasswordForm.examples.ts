import type SetPasswordForm from './SetPasswordForm.astro';
import type { Examples } from '../examples';

export const examples = {
  empty: {
    description: "An invitation's link: the new password twice, with what makes a good one",
    look: 'easy-read',
    props: { action: '/invite/abcdefghijklmnopqrstuvwxyz234567', email: 'kaisa.uusi@example.fi', errors: {} },
  },
  tooCommon: {
    description: 'A common password refused, the reason in words beside the field',
    look: 'easy-read',
    props: { action: '/reset/abcdefghijklmnopqrstuvwxyz234567', email: 'maija@example.fi', errors: { new_password: 'auth:setPassword.problems.common' } },
  },
  different: {
    description: 'The two passwords differ: said beside the second, in Swedish',
    look: 'easy-read',
    lang: 'sv',
    props: { action: '/invite/abcdefghijklmnopqrstuvwxyz234567', email: 'maja@example.fi', errors: { new_password_again: 'auth:setPassword.problems.different' } },
  },
} satisfies Examples<typeof SetPasswordForm>;
