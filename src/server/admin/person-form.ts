import { field } from '../forms';
import { LANGUAGES } from '@domain/language';

/**
 * The admin's person form (new person, or details of an existing one), read and checked in one
 * place. Returns what was typed (kept on error) and errors by field. Email uniqueness and the
 * named worker's unit are checked by the page against the database.
 */
export const ROLES = ['client', 'worker', 'admin', 'family'] as const;
export type ManagedRole = (typeof ROLES)[number];
export { LANGUAGES };

export interface PersonValues {
  role: string;
  full_name: string;
  preferred_name: string;
  email: string;
  phone: string;
  language: string;
  reading_needs: string;
  meal_fee: boolean;
  named_worker: string;
  /** The client's number in the payroll system's register ('' when not known). */
  asiakasnumero: string;
}

/** The longest asiakasnumero (also a CHECK in the database). */
export const ASIAKASNUMERO_MAX = 30;

export function emptyPerson(): PersonValues {
  return { role: '', full_name: '', preferred_name: '', email: '', phone: '', language: 'fi', reading_needs: '', meal_fee: true, named_worker: '', asiakasnumero: '' };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readPersonForm(form: FormData, mode: 'create' | 'edit', role?: ManagedRole): { values: PersonValues; errors: Record<string, string> } {
  const values: PersonValues = {
    role: role ?? field(form, 'role', 20),
    full_name: field(form, 'full_name', 600).trim(),
    preferred_name: field(form, 'preferred_name', 600).trim(),
    email: field(form, 'email', 600).trim(),
    phone: field(form, 'phone', 100).trim(),
    language: field(form, 'language', 5),
    reading_needs: field(form, 'reading_needs', 2000).trim(),
    meal_fee: field(form, 'meal_fee', 5) === 'on',
    named_worker: field(form, 'named_worker', 20),
    asiakasnumero: field(form, 'asiakasnumero', ASIAKASNUMERO_MAX * 2).trim(),
  };
  const errors: Record<string, string> = {};
  if (!(ROLES as readonly string[]).includes(values.role)) errors.role = 'pickRole';
  if (!values.full_name) errors.full_name = 'nameMissing';
  else if (values.full_name.length > 120) errors.full_name = 'tooLong';
  if (values.preferred_name.length > 60) errors.preferred_name = 'tooLong';
  if (!(LANGUAGES as readonly string[]).includes(values.language)) errors.language = 'pickLanguage';
  if (values.role !== 'client') {
    if (!values.email) errors.email = 'emailMissing';
    else if (!EMAIL.test(values.email) || values.email.length > 254) errors.email = 'emailInvalid';
  }
  if (values.reading_needs.length > 500) errors.reading_needs = 'tooLong';
  if (values.phone.length > 40) errors.phone = 'tooLong';
  if (values.asiakasnumero.length > ASIAKASNUMERO_MAX) errors.asiakasnumero = 'tooLong';
  return { values, errors };
}
