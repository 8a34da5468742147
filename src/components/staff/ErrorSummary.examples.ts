import type ErrorSummary from './ErrorSummary.astro';
import type { Examples } from '../examples';

// The old staff summary, to disappear once no page uses it (the layouts render form/ErrorSummary).
const text = (field: string) => ({ title: 'Anna tavoitteelle nimi.', picture: 'Valitse kuva hakutuloksista.' })[field] ?? null;

export const examples = {
  twoErrors: {
    description: 'Two errors, the picture group linked through its first choice',
    look: 'staff',
    props: { errors: { title: 'titleRequired', picture: 'unknownPicture' }, text, anchors: { picture: 'new-picture-q' } },
  },
} satisfies Examples<typeof ErrorSummary>;
