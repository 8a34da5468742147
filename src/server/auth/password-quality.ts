/**
 * Is a new password good enough? At least 12 characters, and not guessable: zxcvbn-ts (with its
 * common-password, English and Finnish dictionaries: names, words, Wikipedia) must estimate at
 * least 10^8 guesses (score 3), and the person's own name or email may not carry it. The answer
 * is a reason code that the form says in words (staff:password.problems.*), never a score.
 *
 * The dictionaries are large: they load on the first check, not with every page.
 */
import { PASSWORD_MIN_LENGTH } from './password';

export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'personal' | 'common' | 'sequence' | 'guessable';

type Checker = (password: string, userInputs: string[]) => { score: number; feedback: { warning: string | null } };
let checker: Promise<Checker> | null = null;

function loadChecker(): Promise<Checker> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, fi] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-fi'),
    ]);
    const factory = new ZxcvbnFactory({
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary, ...fi.dictionary },
    });
    return (password, userInputs) => factory.check(password, userInputs);
  })();
  return checker;
}

/**
 * Loads the dictionaries ahead of the first check: the set-password pages call it when they
 * show the form, so the person's first "Tallenna" does not wait for the load (about 0.3 s on
 * a quiet machine, much more on a busy one).
 */
export function warmPasswordChecker(): void {
  void loadChecker().catch(() => {
    checker = null;
  });
}

/** Parts of the person's name and email that a password must not lean on. */
function personalWords(personal: readonly string[]): string[] {
  return personal
    .flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((w) => w.length >= 3 && !['com', 'net', 'org', 'www'].includes(w));
}

export async function passwordProblem(password: string, personal: readonly string[] = []): Promise<PasswordProblem | null> {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  const words = personalWords(personal);
  const lower = password.toLowerCase();
  const check = await loadChecker();
  const result = check(password, words);
  if (result.score >= 3) {
    // zxcvbn weighs a name as one dictionary word; a password that is mostly the person's own
    // name or email is refused all the same (the first guess of someone who knows them).
    const named = words.filter((w) => lower.includes(w)).reduce((n, w) => n + w.length, 0);
    return named * 2 >= lower.length ? 'personal' : null;
  }
  if (words.some((w) => lower.includes(w))) return 'personal';
  const warning = result.feedback.warning ?? '';
  if (/common|similarToCommon|topTen|topHundred|wordByItself|namesByThemselves|commonNames|userInputs/.test(warning)) return 'common';
  if (/sequence|straightRow|keyPattern|repeated|extendedRepeat|simpleRepeat|recentYears|dates/i.test(warning)) return 'sequence';
  return 'guessable';
}
