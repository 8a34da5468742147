import type RegisterDayDetails from './RegisterDayDetails.astro';
import { FULL_DAY } from '@domain/attendance';
import type { Examples } from '../examples';

const base = { clientId: 9, clientName: 'Matti Virtanen', day: '2026-12-02', ticketAsked: false };

export const examples = {
  fullDay: { description: 'A full, ordinary day: nothing shown, the form closed', look: 'staff', props: { ...base, details: FULL_DAY } },
  partDay: {
    description: 'A part day from–to with late arrival and transport, shown in the row',
    look: 'staff',
    props: { ...base, details: { partMinutes: 210, fromTime: '09:00', untilTime: '12:30', late: true, transport: true, ticketCents: null } },
  },
  ticket: {
    description: 'A unit that pays per ticket: hours and a ticket price, in Swedish',
    look: 'staff',
    lang: 'sv',
    props: { ...base, ticketAsked: true, details: { partMinutes: 270, fromTime: null, untilTime: null, late: false, transport: true, ticketCents: 320 } },
  },
  errors: {
    description: 'Sent back with errors: open, the typed values kept, each error at its field',
    look: 'staff',
    props: {
      ...base,
      ticketAsked: true,
      details: FULL_DAY,
      values: { mode: 'clock', hours: '', from: '12:00', until: '09:00', late: true, transport: false, ticket: '3,20' },
      errors: { 'details-until-9': 'staff:register.details.errors.untilBeforeFrom', 'details-ticket-9': 'staff:register.details.errors.ticketNeedsTransport' },
    },
  },
} satisfies Examples<typeof RegisterDayDetails>;
