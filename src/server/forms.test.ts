import { describe, expect, it } from 'vitest';
import { idParam, readForm, readFormOrTooLarge } from './forms';

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://omapolku.test/x', { method: 'POST', body, headers });

describe('reading forms', () => {
  it('takes every NUL character out of the names and the text, and keeps a file as it is', async () => {
    const form = await readForm(post('key=a%00b&body=%00&na%00me=x&other=ok', { 'content-type': 'application/x-www-form-urlencoded' }));
    expect([...form]).toEqual([['key', 'ab'], ['body', ''], ['name', 'x'], ['other', 'ok']]);

    const multipart = new FormData();
    multipart.append('key', 'k\u0000');
    multipart.append('audio', new File([new Uint8Array([0, 1, 0])], 'clip.webm', { type: 'audio/webm' }));
    const sent = new Response(multipart);
    const read = await readFormOrTooLarge(post(await sent.arrayBuffer(), { 'content-type': sent.headers.get('content-type')! }), 1_000_000);
    expect(read).not.toBe('tooLarge');
    const parsed = read as FormData;
    expect(parsed.get('key')).toBe('k');
    const audio = parsed.get('audio') as File;
    expect([audio.name, audio.type, [...new Uint8Array(await audio.arrayBuffer())]]).toEqual(['clip.webm', 'audio/webm', [0, 1, 0]]);
  });

  it('gives an id only for a positive whole number the database can hold', () => {
    expect(['1', '42', '9007199254740991'].map(idParam)).toEqual([1, 42, 9007199254740991]);
    for (const text of ['', null, undefined, '0', '-1', '01', '1.5', '1e3', '-1e308', '1e308', '99999999999999999999', '9007199254740993', ' 1', '1 ', '0x10', 'NaN', '١٢']) {
      expect(idParam(text), String(text)).toBeNull();
    }
  });
});
