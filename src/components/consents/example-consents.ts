import type { ConsentView, FamilyLinkView } from '@server/consents/store';

/**
 * Fictional consents and family links of Matti, shared by the consent components' examples:
 * one in force given by Matti, one ending soon given by his edunvalvoja, one recorded on paper
 * and withdrawn, one that ran out.
 */
const at = (iso: string) => Date.parse(`${iso}T10:30:00+02:00`);

export const CONSENTS: ConsentView[] = [
  {
    id: 4, recipient_type: 'housing', recipient_name: 'Koivukoti', purpose: null, information: ['medication', 'schedule'],
    starts_on: '2026-09-01', ends_on: '2027-08-31', given_as: 'client', given_by_name: 'Matti Virtanen',
    signed_on: null, witness: null, replaces_id: 2, created_at: at('2026-09-01'),
    ending_reason: null, ended_at: null, ended_as: null, ended_by_name: null,
    state: 'current', events: [{ kind: 'changed', at: at('2026-09-01') }],
  },
  {
    id: 3, recipient_type: 'health_centre', recipient_name: '', purpose: null, information: ['health'],
    starts_on: '2025-12-01', ends_on: '2026-12-05', given_as: 'legal_representative', given_by_name: 'Anja Korhonen',
    signed_on: null, witness: null, replaces_id: null, created_at: at('2025-12-01'),
    ending_reason: null, ended_at: null, ended_as: null, ended_by_name: null,
    state: 'ending_soon', events: [{ kind: 'given', at: at('2025-12-01') }],
  },
  {
    id: 2, recipient_type: 'housing', recipient_name: 'Koivukoti', purpose: 'Lääkkeet oikein myös pajalla.', information: ['medication'],
    starts_on: '2026-03-02', ends_on: '2027-03-01', given_as: 'paper', given_by_name: 'Liisa Ohjaaja',
    signed_on: '2026-02-27', witness: 'Pekka Valmentaja', replaces_id: null, created_at: at('2026-03-02'),
    ending_reason: 'replaced', ended_at: at('2026-09-01'), ended_as: 'client', ended_by_name: 'Matti Virtanen',
    state: 'replaced', events: [{ kind: 'given', at: at('2026-03-02') }],
  },
  {
    id: 1, recipient_type: 'te_services', recipient_name: 'TE-palvelut Pori', purpose: null, information: ['plan', 'contact'],
    starts_on: '2025-01-10', ends_on: '2025-07-09', given_as: 'client', given_by_name: 'Matti Virtanen',
    signed_on: null, witness: null, replaces_id: null, created_at: at('2025-01-10'),
    ending_reason: null, ended_at: null, ended_as: null, ended_by_name: null,
    state: 'expired', events: [{ kind: 'given', at: at('2025-01-10') }, { kind: 'expired', at: '2025-07-10' }],
  },
];

/** A consent given on paper and withdrawn by a worker, for the history. */
export const WITHDRAWN: ConsentView = {
  ...CONSENTS[0], id: 5, recipient_type: 'workplace', recipient_name: 'Kahvila Kulma', information: ['schedule'],
  given_as: 'paper', given_by_name: 'Liisa Ohjaaja', signed_on: '2026-05-04', witness: 'Pekka Valmentaja', replaces_id: null,
  created_at: at('2026-05-04'), ending_reason: 'withdrawn', ended_at: at('2026-10-12'), ended_as: 'worker', ended_by_name: 'Liisa Ohjaaja',
  state: 'withdrawn', events: [{ kind: 'given', at: at('2026-05-04') }, { kind: 'withdrawn', at: at('2026-10-12') }],
};

export const FAMILY_LINKS: FamilyLinkView[] = [
  {
    id: 1, family_id: 6, family_name: 'Maija Virtanen', family_email: 'maija.virtanen@demo.omapolku.fi', basis: 'client_agreement',
    level: 'full', note: '', ends_on: null, created_at: at('2026-01-12'), ended_at: null, ended_by_name: null, active: true,
  },
  {
    id: 2, family_id: 7, family_name: 'Eero Virtanen', family_email: 'eero.virtanen@demo.omapolku.fi', basis: 'client_agreement',
    level: 'messages', note: '', ends_on: '2027-06-30', created_at: at('2026-02-02'), ended_at: null, ended_by_name: null, active: true,
  },
  {
    id: 3, family_id: 8, family_name: 'Anja Korhonen', family_email: 'anja.korhonen@demo.omapolku.fi', basis: 'guardian',
    level: 'read_only', note: 'Edunvalvojan määräys 12.3.2024', ends_on: null, created_at: at('2026-01-12'), ended_at: null, ended_by_name: null, active: true,
  },
];
