import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-quality';

describe('passwordProblem', () => {
  it('refuses a password under 12 characters', async () => {
    expect(await passwordProblem('Lyhyt-1!')).toBe('tooShort');
  });
  it('refuses common passwords and Finnish words with digits', async () => {
    expect(await passwordProblem('salasana123456')).toBe('common');
    expect(await passwordProblem('qwertyuiop123')).not.toBeNull();
    expect(await passwordProblem('123456789012')).not.toBeNull();
    expect(await passwordProblem('aaaaaaaaaaaaaaaa')).not.toBeNull();
  });
  it("refuses a password built on the person's own name or email", async () => {
    expect(await passwordProblem('LiisaOhjaaja2026', ['Liisa Ohjaaja', 'liisa.ohjaaja@demo.omapolku.fi'])).toBe('personal');
    expect(await passwordProblem('liisaliisa2026!', ['Liisa Ohjaaja'])).toBe('personal');
  });
  it('accepts a long passphrase and a long random password', async () => {
    expect(await passwordProblem('kolme vihreää omenaa kellarissa')).toBeNull();
    expect(await passwordProblem('Ruisleipä-hyppää-2026!x')).toBeNull();
    expect(await passwordProblem('q7#Lm2vR9!xWp4')).toBeNull();
  });
  it('refuses an absurdly long one (a form is not a file upload)', async () => {
    expect(await passwordProblem('x'.repeat(201))).toBe('tooLong');
  });
});
