import type { Database } from '../db';
import { isConstraintViolation } from '../db/constraint-errors';
import { field } from '../forms';
import { consentsOf, endFamilyLink, familyLinksOf, giveConsent, linkFamilyByEmail, withdrawConsent, type ConsentView, type FamilyLinkView } from './store';
import { emptyFamilyLink, emptyPaperConsent, readFamilyLink, readPaperConsent, type FamilyLinkValues, type PaperConsentValues } from './staff-forms';
import { errorsUnder, type FieldErrors } from '@domain/forms/field-errors';
import { todayInHelsinki } from '@domain/time/helsinki';

/**
 * The staff pages of a client's consents and family links (worker/clients/:client/consents and
 * /family): each post (`form`; null for a read) is checked and saved here, and answers with where
 * to go or with the form again (what was typed, its errors by field). A withdrawal or an ending of a record that
 * is not this client's (an id changed in the form) is 404, and nothing changes.
 */
export interface StaffFormPage<V> {
  status: 200 | 400 | 404;
  values: V;
  errors: FieldErrors;
  /** The record to withdraw or end was not found. */
  notFound: boolean;
}

export interface ConsentsPage extends StaffFormPage<PaperConsentValues> {
  consents: ConsentView[];
}

/** Records a consent given on paper, or a withdrawal; then the consents in force and their history. */
export async function handleConsentsPage(db: Database, clientId: number, me: { id: number }, form: FormData | null, today = todayInHelsinki()): Promise<{ redirect: string } | ConsentsPage> {
  const base = `/worker/clients/${clientId}/consents`;
  let values = emptyPaperConsent(today);
  let errors: FieldErrors = {};
  let notFound = false;
  if (form) {
    if (field(form, 'action', 10) === 'withdraw') {
      const id = Number(field(form, 'id', 20));
      const result = Number.isSafeInteger(id) ? await withdrawConsent(db, { clientId, consentId: id, by: me.id, as: 'worker' }) : 'not_found';
      if (result === 'withdrawn') return { redirect: `${base}?saved=withdrawn#in-force` };
      notFound = true;
    } else {
      const read = readPaperConsent(form, today);
      values = read.values;
      errors = errorsUnder('staff:consents.errors', read.errors);
      if (read.ok) {
        const id = await giveConsent(db, { clientId, ...read.ok, givenBy: me.id, givenAs: 'paper', key: values.key });
        if (id !== null) return { redirect: `${base}?saved=saved#paper` };
        // The key was another client's form: nothing saved; this form gets a key of its own.
        values = { ...values, key: emptyPaperConsent(today).key };
      }
    }
  }
  const status = !form ? 200 : notFound ? 404 : 400;
  return { status, values, errors, notFound, consents: await consentsOf(db, clientId) };
}

export interface FamilyPage extends StaffFormPage<FamilyLinkValues> {
  links: FamilyLinkView[];
  /** The link whose ending is asked first (its first post): nothing has changed yet. */
  confirmingEnd: FamilyLinkView | null;
}

/**
 * Links a family account by email (the same answer whether or not the email has an account,
 * see linkFamilyByEmail), or ends a link; then the client's links.
 */
export async function handleFamilyPage(db: Database, clientId: number, me: { id: number }, form: FormData | null, today = todayInHelsinki()): Promise<{ redirect: string } | FamilyPage> {
  const base = `/worker/clients/${clientId}/family`;
  let values = emptyFamilyLink();
  let errors: FieldErrors = {};
  let notFound = false;
  let confirmingEnd: FamilyLinkView | null = null;
  const links = async () => familyLinksOf(db, clientId, today);
  if (form) {
    if (field(form, 'action', 10) === 'end' && field(form, 'confirm', 3) !== 'yes') {
      // Ending a link cannot be undone: the first post asks, naming both people.
      const id = Number(field(form, 'id', 20));
      const all = await links();
      confirmingEnd = all.find((l) => l.id === id && l.active) ?? null;
      if (confirmingEnd) return { status: 200, values, errors, notFound, links: all, confirmingEnd };
      notFound = true;
    } else if (field(form, 'action', 10) === 'end') {
      const id = Number(field(form, 'id', 20));
      if (Number.isSafeInteger(id) && (await endFamilyLink(db, { clientId, linkId: id, by: me.id, staff: true }))) return { redirect: `${base}?saved=ended` };
      notFound = true;
    } else {
      const read = readFamilyLink(form, today);
      values = read.values;
      errors = errorsUnder('staff:family.errors', read.errors);
      if (read.ok) {
        try {
          const outcome = await linkFamilyByEmail(db, { clientId, email: values.email, ...read.ok, createdBy: me.id, key: values.key });
          if (outcome === 'done') return { redirect: `${base}?saved=requested` };
          errors = errorsUnder('staff:family.errors', { email: 'formUsed' });
          values.key = emptyFamilyLink().key;
        } catch (error) {
          // A constraint refused the write (another change to this client's links at the same
          // moment): nothing was saved; the form comes back to be sent again.
          if (!isConstraintViolation(error)) throw error;
          errors = errorsUnder('staff:family.errors', { email: 'tryAgain' });
        }
      }
    }
  }
  const status = !form ? 200 : notFound ? 404 : 400;
  return { status, values, errors, notFound, links: await links(), confirmingEnd };
}
