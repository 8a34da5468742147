/**
 * The portal's page routes, read from src/pages when the server is built (the glob's keys; the
 * pages themselves are never loaded from here). Used to accept only our own pages as a place
 * to go back to.
 */
import { pagePatternOf } from '@domain/routes/back-path';

const PAGE_FILES = Object.keys(import.meta.glob('../pages/**/*.astro'));

/** The error pages are no place to go back to: they answer with their error whatever came before. */
const ERROR_PAGES = new Set(['/403', '/404', '/500']);

export const PAGE_PATTERNS: readonly string[] = PAGE_FILES.map((file) => pagePatternOf(file.replace(/^\.\.\/pages\//, '')))
  .filter((pattern): pattern is string => pattern !== null && !ERROR_PAGES.has(pattern))
  .sort();
