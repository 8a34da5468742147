import type MoneyView from './MoneyView.astro';
import { addMonths, monthOf } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';
import { DEMO_MATTI_ID, type Examples } from '../examples';

// The demo data has attendance from three months back up to yesterday.
const thisMonth = monthOf(todayInHelsinki());

export const examples = {
  thisMonth: {
    description: 'Matti’s money so far this month (from the demo data)',
    look: 'easy-read',
    demoData: true,
    props: { clientId: DEMO_MATTI_ID, month: thisMonth, basePath: '/client/money' },
  },
  lastMonth: {
    description: 'Last month, on the family member’s page',
    look: 'easy-read',
    demoData: true,
    props: { clientId: DEMO_MATTI_ID, month: addMonths(thisMonth, -1), basePath: `/family/${DEMO_MATTI_ID}/money` },
  },
  nothing: {
    description: 'A month with no days yet',
    look: 'easy-read',
    demoData: true,
    props: { clientId: DEMO_MATTI_ID, month: addMonths(thisMonth, -12), basePath: '/client/money' },
  },
} satisfies Examples<typeof MoneyView>;
