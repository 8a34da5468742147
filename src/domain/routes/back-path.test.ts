import { describe, expect, test } from 'vitest';
import { matchesPattern, pagePatternOf, safeBackPath } from './back-path';

const PATTERNS = ['/', '/client', '/client/attendance', '/family/[client]/plan', '/help/[slug]'];

describe('pagePatternOf', () => {
  test('makes Astro route patterns of page files', () => {
    expect(pagePatternOf('index.astro')).toBe('/');
    expect(pagePatternOf('help/index.astro')).toBe('/help');
    expect(pagePatternOf('family/[client]/plan.astro')).toBe('/family/[client]/plan');
    expect(pagePatternOf('client/_parts/tile.astro')).toBeNull();
  });
});

describe('matchesPattern', () => {
  test('matches static and one-segment parameters, nothing else', () => {
    expect(matchesPattern('/', PATTERNS)).toBe(true);
    expect(matchesPattern('/client/', PATTERNS)).toBe(true);
    expect(matchesPattern('/family/12/plan', PATTERNS)).toBe(true);
    expect(matchesPattern('/family//plan', PATTERNS)).toBe(false);
    expect(matchesPattern('/family/12/plan/more', PATTERNS)).toBe(false);
    expect(matchesPattern('/clients', PATTERNS)).toBe(false);
  });
});

describe('safeBackPath', () => {
  test('keeps our own pages with their query', () => {
    expect(safeBackPath('/client/attendance?month=2026-10', PATTERNS)).toBe('/client/attendance?month=2026-10');
    expect(safeBackPath('/family/3/plan', PATTERNS)).toBe('/family/3/plan');
    expect(safeBackPath('/help/pictures#top', PATTERNS)).toBe('/help/pictures');
  });

  test.each([
    ['the reported bad values, decoded as a form decodes them', '\u007f'],
    ['', '\r\nX:1'],
    ['', '\u0000'],
    ['', '😀'],
    ['a tab', 'client\tx'],
  ])('sends %s home: /%j', (_why, rest) => {
    expect(safeBackPath('/' + rest, PATTERNS, '/home')).toBe('/home');
  });

  test.each([
    null,
    undefined,
    42,
    '',
    'client',
    '//evil.example/',
    '/\\evil.example',
    'https://evil.example/client',
    '/client\u0085',
    '/no-such-page',
    '/client/attendance/../../../etc',
    '/' + 'a'.repeat(3000),
  ])('sends %j home', (value) => {
    expect(safeBackPath(value, PATTERNS, '/home')).toBe('/home');
  });

  test('what it returns is always a valid header value', () => {
    const out = safeBackPath('/client?x=ä"<>\u00e9', PATTERNS);
    expect(out.startsWith('/client?')).toBe(true);
    expect(out).toMatch(/^[\x21-\x7e]+$/);
  });
});
