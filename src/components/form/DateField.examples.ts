import type DateField from './DateField.astro';
import type { Examples } from '../examples';

export const examples = {
  empty: {
    description: 'An empty date with a hint and limits',
    look: 'staff',
    props: { name: 'review_on', label: 'Seuraava tarkistus', hint: 'Viimeistään 2 vuoden päästä.', min: '2026-11-24', max: '2028-11-24' },
  },
  filled: {
    description: 'A chosen day',
    look: 'staff',
    props: { name: 'starts_on', label: 'Alkaa', value: '2026-12-01' },
  },
  withError: {
    description: 'An error keeps what was typed',
    look: 'staff',
    props: { name: 'review_on', label: 'Seuraava tarkistus', value: '2031-01-01', error: 'staff:planForm.errors.reviewTooFar' },
  },
  easyReadWithError: {
    description: 'On an easy-read page (in the consent steps, whose style makes it big enough to tap)',
    look: 'easy-read',
    within: 'consent-step',
    props: { name: 'date', label: 'Viimeinen päivä', hint: 'Esimerkiksi 31.12.2027', value: '2020-01-01', error: 'client:consents.errors.datePast' },
  },
} satisfies Examples<typeof DateField>;
