/**
 * The one shape of a form's errors, from the handler that checks a form to the field that shows
 * it and the layout that sums them up: field name → the i18next key of its message (with values
 * to interpolate when the message needs them). The field name is also the id of the field's
 * control (for a group of choices, its first choice), so the error summary can link to it.
 */
export type FieldError = string | { key: string; values?: Record<string, string | number> };
export type FieldErrors = Partial<Record<string, FieldError>>;

/** The fields that have an error, in the order the form set them. */
export function erroredFields(errors: FieldErrors | undefined): string[] {
  return errors ? Object.keys(errors).filter((f) => errors[f] !== undefined) : [];
}

export function hasFieldErrors(errors: FieldErrors | undefined): boolean {
  return erroredFields(errors).length > 0;
}

/** The message of one error in the reader's language. */
export function errorMessage(t: (key: string, values?: Record<string, string | number>) => string, error: FieldError): string {
  return typeof error === 'string' ? t(error) : t(error.key, error.values);
}

/** Turns a handler's error codes into keys under one prefix: { email: 'taken' } → { email: 'staff:x.errors.taken' }. */
export function errorsUnder(prefix: string, codes: Partial<Record<string, string>>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, code] of Object.entries(codes)) if (code) errors[field] = `${prefix}.${code}`;
  return errors;
}
