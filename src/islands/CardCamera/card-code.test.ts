import { describe, expect, it } from 'vitest';
import { readCardCode } from './card-code';

const ORIGIN = 'https://omapolku.example';

describe('readCardCode (what a QR code on /card may be)', () => {
  it('accepts this portal’s card address and keeps only its path', () => {
    expect(readCardCode(`${ORIGIN}/k/demo-card-aino-laine-0002`, ORIGIN)).toEqual({ kind: 'address', path: '/k/demo-card-aino-laine-0002' });
    expect(readCardCode(` ${ORIGIN}/k/abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst\n`, ORIGIN).kind).toBe('address');
  });

  it('accepts a short code as printed or typed', () => {
    expect(readCardCode('MATTI-23456', ORIGIN)).toEqual({ kind: 'short-code', code: 'MATTI-23456' });
    expect(readCardCode('aino234567', ORIGIN)).toEqual({ kind: 'short-code', code: 'AINO234567' });
  });

  it('refuses everything else: another site, another path, a query, plain text', () => {
    for (const text of [
      'https://example.com/k/demo-card-aino-laine-0002',
      'http://omapolku.example/k/demo-card-aino-laine-0002',
      `${ORIGIN}/client`,
      `${ORIGIN}/k/demo-card-aino-laine-0002?x=1`,
      `${ORIGIN}/k/demo-card-aino-laine-0002#x`,
      `${ORIGIN}/k/a/b`,
      `${ORIGIN}/k/short`,
      `${ORIGIN}/k/%3Cscript%3E-aaaaaaaa`,
      'javascript:alert(1)',
      'Hello world',
      'MATTI-2345',
      'MATTI_23456',
      '',
    ]) {
      expect(readCardCode(text, ORIGIN), text).toEqual({ kind: 'foreign' });
    }
  });
});
