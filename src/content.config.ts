import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';
import { PICTURE_CONCEPTS } from '@domain/pictures/concepts';

// Easy-read pages live in the top-level `content/` folder beside `locales/`: both are text that
// translators and reviewers edit, kept apart from code. An entry's id is `<lang>/<slug>`, and the
// same slug exists in every language (tests/unit/easy-read-content.test.ts checks that).

// Every key item has a familiar picture (docs/easy-read.md), and a picture that carries meaning needs
// words for those who cannot see it.
const picture = {
  picture: z.enum(PICTURE_CONCEPTS),
  pictureAlt: z.string().trim().min(1),
};

const help = defineCollection({
  loader: glob({ pattern: '{fi,sv,en}/*.md', base: './content/help' }),
  schema: z.object({
    title: z.string().trim().min(1),
    ...picture,
    order: z.number().int(),
    summary: z.string().trim().min(1),
  }),
});

const glossary = defineCollection({
  loader: glob({ pattern: '{fi,sv,en}/*.md', base: './content/glossary' }),
  schema: z.object({
    term: z.string().trim().min(1),
    ...picture,
    aliases: z.array(z.string().trim().min(1)).default([]),
  }),
});

// The staff guide (/worker/help): plain standard language for workers and admins, not
// easy-read, so it has no pictures and is not checked by the easy-read rules.
const staffGuide = defineCollection({
  loader: glob({ pattern: '{fi,sv,en}/*.md', base: './content/staff-guide' }),
  schema: z.object({
    title: z.string().trim().min(1),
    order: z.number().int(),
  }),
});

export const collections = { help, glossary, staffGuide };
