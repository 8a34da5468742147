import type PlanView from './PlanView.astro';
import type { PlanVersion } from '@domain/plan/plan';
import { EXAMPLE_CLIENT_ID, type Examples } from '../examples';
import { EXAMPLE_WORKER } from '../example-workers';

const plan: PlanVersion = {
  id: 1,
  client_id: EXAMPLE_CLIENT_ID,
  version: 3,
  service_type: 'tyotoiminta',
  place_name: 'Pajakulman puutyöpaja',
  place_address: 'Pajakatu 3, Pori',
  place_picture: 'hammer-and-wrench',
  place_photo_id: null,
  place_photo_width: null,
  place_photo_height: null,
  named_worker_id: 2,
  starts_on: '2026-01-05',
  review_on: '2027-01-11',
  legal_basis: 'SHL 27 e §',
  summary: 'Teet puutöitä pajalla.\n\nHiot ja maalaat linnunpönttöjä.',
  created_at: Date.UTC(2026, 0, 5),
  schedule: [
    { weekday: 1, starts_at: '08:30', ends_at: '14:00' },
    { weekday: 3, starts_at: '08:30', ends_at: '14:00' },
    { weekday: 5, starts_at: '09:00', ends_at: '12:00' },
  ],
};

export const examples = {
  plan: {
    description: 'Matti’s plan: what, where, when, who helps (the worker from the demo data), when we talk',
    look: 'easy-read',
    props: { plan, worker: EXAMPLE_WORKER },
  },
  family: {
    description: 'The same plan on a family member’s page: about Matti by name ("Matti on työtoiminnassa")',
    look: 'easy-read',
    props: { plan, worker: EXAMPLE_WORKER, reader: { as: 'family', name: 'Matti' } },
  },
  withPlacePhoto: {
    description: 'A place with a photo instead of a picture, in Swedish',
    look: 'easy-read',
    lang: 'sv',
    props: { plan: { ...plan, place_photo_id: 5, place_photo_width: 640, place_photo_height: 480 }, worker: EXAMPLE_WORKER },
  },
  inSwedish: {
    description: 'For a reader of Swedish, with the summary the worker wrote in Swedish',
    look: 'easy-read',
    lang: 'sv',
    props: { plan: { ...plan, summaryIn: { sv: 'Du arbetar med trä i verkstaden.\n\nDu slipar och målar fågelholkar.' } }, worker: EXAMPLE_WORKER },
  },
  none: {
    description: 'No plan yet',
    look: 'easy-read',
    props: { plan: null, worker: EXAMPLE_WORKER },
  },
} satisfies Examples<typeof PlanView>;
