import type ConsentWizard from './ConsentWizard.astro';
import type { WizardState } from '@server/consents/wizard';
import type { Examples } from '../examples';

const start: WizardState = { step: 1, key: '6a0e3c1b-2f4d-4e8a-9b7c-1d2e3f4a5b6c', recipient: '', name: '', info: [], duration: '', date: '', error: null };
const cancelHref = '/client/consents';

export const examples = {
  step1: {
    description: 'Step 1: who may know',
    look: 'easy-read',
    props: { state: start, cancelHref },
  },
  step1WithError: {
    description: 'Step 1 sent without a choice: the error, the name kept',
    look: 'easy-read',
    props: { state: { ...start, name: 'Koivukoti', error: 'pickRecipient' }, cancelHref },
  },
  step2: {
    description: 'Step 2: what information, one chosen',
    look: 'easy-read',
    props: { state: { ...start, step: 2, recipient: 'housing', name: 'Koivukoti', info: ['medication'] }, cancelHref },
  },
  step3WithError: {
    description: 'Step 3: a day already past, kept as typed',
    look: 'easy-read',
    props: { state: { ...start, step: 3, recipient: 'housing', name: 'Koivukoti', info: ['medication'], duration: 'date', date: '2020-01-01', error: 'datePast' }, cancelHref },
  },
  step4: {
    description: 'Step 4: check and confirm, in Swedish',
    look: 'easy-read',
    lang: 'sv',
    props: { state: { ...start, step: 4, recipient: 'health_centre', name: '', info: ['health', 'medication'], duration: 'year' }, cancelHref: `/family/9/consents` },
  },
} satisfies Examples<typeof ConsentWizard>;
