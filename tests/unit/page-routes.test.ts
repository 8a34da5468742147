/**
 * The server's list of page routes (src/server/page-routes.ts, read from src/pages at build time
 * for safeBackPath) against the routes the tests read from the files themselves.
 */
import { describe, expect, test } from 'vitest';
import { PAGE_PATTERNS } from '@server/page-routes';
import { pageRoutes } from '../helpers/routes';

describe('PAGE_PATTERNS', () => {
  test('is every GET page under src/pages but the error pages, read at build time', () => {
    const pages = pageRoutes()
      .filter((r) => r.file.endsWith('.astro') && !['/403', '/404', '/500'].includes(r.pattern))
      .map((r) => r.pattern)
      .sort();
    expect(PAGE_PATTERNS).toEqual(pages);
    expect(PAGE_PATTERNS).toContain('/worker/clients/[client]/attendance');
  });
});
