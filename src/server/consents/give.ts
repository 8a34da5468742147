import type { Database } from '@server/db';
import { todayInHelsinki } from '@domain/time/helsinki';
import { giveConsent } from './store';
import { emptyWizard, readWizardPost, type WizardState } from './wizard';

/**
 * "Anna lupa", the one handler of both give pages: the client's own (/client/consents/give) and a
 * legal representative's for the client (/family/:client/consents/give). They differ only in
 * whose consent it is and who gives it. The state to draw (400 when a step came back with an
 * error), or `given` when the consent was recorded (the page answers 303 to its consents).
 */
export async function giveConsentStep(
  db: Database,
  /** The posted step, or null when the page is opened (GET). */
  form: FormData | null,
  giver: { clientId: number; givenBy: number; givenAs: 'client' | 'legal_representative' },
  today = todayInHelsinki(),
): Promise<{ given: number } | { state: WizardState; status: 200 | 400 }> {
  if (!form) return { state: emptyWizard(), status: 200 };
  const { state, ready } = readWizardPost(form, today);
  if (ready) {
    const id = await giveConsent(db, { clientId: giver.clientId, ...ready, purpose: null, startsOn: today, givenBy: giver.givenBy, givenAs: giver.givenAs, key: state.key });
    if (id !== null) return { given: id };
    // A key someone else used: start over with a fresh one.
    return { state: emptyWizard(), status: 200 };
  }
  return { state, status: state.error ? 400 : 200 };
}
