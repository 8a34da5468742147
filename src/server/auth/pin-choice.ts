import { isPinPicture, isValidPin, PIN_LENGTH, type PinPicture } from './picture-pin';

/**
 * Choosing a new picture PIN (a new client, or after an admin reset): four pictures, then the
 * same four again. The second round is how we know the client meant those pictures and can
 * find them again: a slip of the finger on the first round would otherwise lock them out at
 * the next sign-in. Pure rules; the taps are kept on the server between requests (sign-in.ts).
 */
export interface PinChoice {
  /** The first round: up to four pictures. */
  first: PinPicture[];
  /** The second round, started once `first` has four. */
  again: PinPicture[];
}

export type ChoiceAction = { pick: PinPicture } | { undo: true } | { restart: true };

export type ChoiceStep =
  /** More taps needed; keep `choice` until the next tap. */
  | { kind: 'choosing'; choice: PinChoice }
  /** Both rounds had the same four pictures in the same order: this is the new PIN. */
  | { kind: 'chosen'; pin: PinPicture[] }
  /** The second round differed: both rounds are cleared and the client starts from the first picture. */
  | { kind: 'mismatch'; choice: PinChoice };

export type ChoiceRound = 'first' | 'again';

export function roundOf(choice: PinChoice): ChoiceRound {
  return choice.first.length < PIN_LENGTH ? 'first' : 'again';
}

/**
 * Stored in the pending sign-in's one text column as "choose:cat,dog,sun,car;cat,dog": a mark,
 * the first round, a semicolon, the second. The mark tells a choosing row from a plain sign-in's
 * picks, so a row left choosing when a PIN was saved on another tablet is recognised (and ended)
 * instead of its taps being checked as guesses at that PIN.
 */
const MARK = 'choose:';

/** The value a new pending sign-in of a client without a PIN starts with. */
export const NEW_CHOICE_RECORD = MARK;

export function isChoiceRecord(stored: string): boolean {
  return stored.startsWith(MARK);
}

/** Anything unreadable (a damaged or impossible value) reads as an empty choice: the client starts again. */
export function parseChoice(stored: string): PinChoice {
  const empty: PinChoice = { first: [], again: [] };
  if (!isChoiceRecord(stored)) return empty;
  const rounds = stored.slice(MARK.length).split(';');
  if (rounds.length > 2) return empty;
  const read = (part: string | undefined) => (part ? part.split(',') : []);
  const first = read(rounds[0]);
  const again = read(rounds[1]);
  if (!first.every(isPinPicture) || !again.every(isPinPicture) || first.length > PIN_LENGTH || again.length >= PIN_LENGTH) return empty;
  if (again.length > 0 && first.length < PIN_LENGTH) return empty;
  return { first, again };
}

export function serializeChoice(choice: PinChoice): string {
  return `${MARK}${choice.first.join(',')};${choice.again.join(',')}`;
}

function samePictures(a: readonly PinPicture[], b: readonly PinPicture[]): boolean {
  return a.length === b.length && a.every((picture, i) => picture === b[i]);
}

/** One tap (or "remove the last picture", or "start again") applied to the choice so far. */
export function stepChoice(choice: PinChoice, action: ChoiceAction): ChoiceStep {
  if ('restart' in action) return { kind: 'choosing', choice: { first: [], again: [] } };
  if ('undo' in action) {
    // Undo works within the round the client is in: the first round, once complete, is only
    // changed by starting again, so the second round always confirms what the screen showed.
    if (roundOf(choice) === 'first') return { kind: 'choosing', choice: { first: choice.first.slice(0, -1), again: [] } };
    return { kind: 'choosing', choice: { first: choice.first, again: choice.again.slice(0, -1) } };
  }
  if (roundOf(choice) === 'first') return { kind: 'choosing', choice: { first: [...choice.first, action.pick], again: [] } };
  const again = [...choice.again, action.pick];
  if (again.length < PIN_LENGTH) return { kind: 'choosing', choice: { first: choice.first, again } };
  if (samePictures(choice.first, again) && isValidPin(again)) return { kind: 'chosen', pin: again };
  return { kind: 'mismatch', choice: { first: [], again: [] } };
}
