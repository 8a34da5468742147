import type ErrorSummary from './ErrorSummary.astro';
import type { Examples } from '../examples';
import { picture } from '@server/pictures';

export const examples = {
  oneError: {
    description: 'One error on a staff form',
    look: 'staff',
    props: { errors: { email: 'staff:people.errors.emailTaken' } },
  },
  twoErrors: {
    description: 'Two errors, each a link to its field, in the order the form set them',
    look: 'staff',
    props: { errors: { title: 'staff:goals.errors.titleRequired', picture: 'staff:goals.errors.unknownPicture' } },
  },
  withValues: {
    description: 'An error with values to interpolate',
    look: 'staff',
    props: { errors: { file: { key: 'staff:import.rowsWithErrors', values: { count: 3 } } } },
  },
  easyRead: {
    description: 'Easy-read: the warning picture and the client’s words',
    look: 'easy-read',
    props: { errors: { recipient: 'client:consents.errors.pickRecipient', name: 'client:consents.errors.nameMissing' }, easyRead: true, picture: picture({ concept: 'warning', alt: '', size: 36 }) },
  },
  formError: {
    description: 'An error of the whole form, not of one field (no unit to import into)',
    look: 'staff',
    props: { errors: {}, formError: 'staff:import.problems.noUnit' },
  },
  formAndFieldErrors: {
    description: 'An error of the whole form above the fields’ errors',
    look: 'staff',
    props: { errors: { email: 'staff:family.errors.emailBad' }, formError: 'staff:people.errors.formUsed' },
  },
  none: {
    description: 'No errors: renders nothing',
    look: 'staff',
    props: { errors: {} },
  },
} satisfies Examples<typeof ErrorSummary>;
