/**
 * /invite/<token> and /reset/<token>: the person makes their own password through the link in
 * their mail. The same answer for a link that never existed, was used, was cancelled or is old
 * ("Linkki ei toimi enää"), so links cannot be probed. A refused password keeps nothing typed
 * (it is a secret) but says why in words.
 */
import type { Database } from '@server/db';
import { field } from '@server/forms';
import { printSecurityEvents, type RequestInfo } from '@server/security/events';
import type { FieldErrors } from '@domain/forms/field-errors';
import { passwordProblem, warmPasswordChecker } from './password-quality';
import { personOfToken, setPasswordWithToken, type TokenPurpose } from './account-tokens';

export type SetPasswordAnswer =
  | { kind: 'form'; status: number; name: string; email: string; errors: FieldErrors }
  | { kind: 'dead'; status: 410 }
  | { kind: 'done'; location: string };

export async function setPasswordPage(
  db: Database,
  purpose: TokenPurpose,
  token: string,
  form: FormData | null,
  request: RequestInfo,
): Promise<SetPasswordAnswer> {
  const person = await personOfToken(db, token, purpose);
  if (!person) return { kind: 'dead', status: 410 };
  const shown = { name: person.preferred_name, email: person.email };
  if (!form) {
    warmPasswordChecker();
    return { kind: 'form', status: 200, ...shown, errors: {} };
  }
  const password = field(form, 'new_password', 1000);
  const again = field(form, 'new_password_again', 1000);
  const problem = await passwordProblem(password, [person.full_name, person.email]);
  const errors: FieldErrors = {};
  if (!password) errors.new_password = 'auth:setPassword.problems.missing';
  else if (problem) errors.new_password = `auth:setPassword.problems.${problem}`;
  else if (password !== again) errors.new_password_again = 'auth:setPassword.problems.different';
  if (Object.keys(errors).length > 0) return { kind: 'form', status: 400, ...shown, errors };
  const done = await setPasswordWithToken(db, token, purpose, password, request);
  if (!done) return { kind: 'dead', status: 410 };
  printSecurityEvents([done.event]);
  return { kind: 'done', location: `/login?password=${purpose === 'invitation' ? 'made' : 'reset'}` };
}
