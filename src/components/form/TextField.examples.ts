import type TextField from './TextField.astro';
import type { Examples } from '../examples';

export const examples = {
  empty: {
    description: 'An empty field with a hint',
    look: 'staff',
    props: { name: 'email', label: 'Sähköposti', hint: 'Esimerkiksi nimi@esimerkki.fi', type: 'email', attrs: { autocomplete: 'email' } },
  },
  filled: {
    description: 'A field with a value and a length limit',
    look: 'staff',
    props: { name: 'place_name', label: 'Paikka', value: 'Pajakulman puutyöpaja', attrs: { maxlength: 120 } },
  },
  textarea: {
    description: 'A textarea (rows) for longer text',
    look: 'staff',
    props: { name: 'summary', label: 'Mitä teet', rows: 4, value: 'Teet puutöitä pajalla.\n\nTauolla juot kahvia.' },
  },
  withError: {
    description: 'An error keeps what was typed; the error is read with the field',
    look: 'staff',
    props: { name: 'email', label: 'Sähköposti', hint: 'Esimerkiksi nimi@esimerkki.fi', type: 'email', value: 'maija.virtanen@', error: 'staff:family.errors.emailBad' },
  },
  withErrorValues: {
    description: 'An error message with values to interpolate',
    look: 'staff',
    props: { name: 'row', label: 'Rivi', value: 'Ruotsi', error: { key: 'staff:import.errors.languageUnknown', values: { value: 'Ruotsi' } } },
  },
  easyReadWithError: {
    description: 'On an easy-read page, with the error in easy words',
    look: 'easy-read',
    within: 'write-message',
    props: { name: 'body', label: 'Kirjoita viesti', rows: 5, value: '', error: 'client:messages.errors.empty' },
  },
  swedish: {
    description: 'In Swedish',
    look: 'staff',
    lang: 'sv',
    props: { name: 'email', label: 'E-post', type: 'email', value: 'maija.virtanen@', error: 'staff:family.errors.emailBad' },
  },
} satisfies Examples<typeof TextField>;
