import type ConfirmPanel from './ConfirmPanel.astro';
import type { Examples } from '../examples';

export const examples = {
  deactivate: {
    description: 'The question before deactivating a person, naming them',
    look: 'staff',
    props: {
      action: '/admin/people/5',
      question: 'Haluatko varmasti poistaa käytöstä henkilön Matti Virtanen?',
      confirmLabel: 'Kyllä, poista käytöstä',
      cancelLabel: 'Peruuta',
      cancelHref: '/admin/people/5#access',
      fields: { action: 'deactivate' },
    },
  },
  approveMonth: {
    description: 'The question before approving a month, with what follows from it',
    look: 'staff',
    props: {
      action: '/admin/money?month=2026-10',
      question: 'Haluatko varmasti hyväksyä kuukauden lokakuu 2026?',
      note: 'Hyväksyttyä kuukautta ei voi enää muuttaa.',
      confirmLabel: 'Kyllä, hyväksy kuukausi',
      cancelLabel: 'Peruuta',
      cancelHref: '/admin/money?month=2026-10',
      fields: { month: '2026-10' },
    },
  },
} satisfies Examples<typeof ConfirmPanel>;
