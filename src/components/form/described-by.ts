import type { FieldError } from '@domain/forms/field-errors';

/** aria-describedby for a control: its hint and its error, in reading order, or nothing. */
export function describedBy(id: string, hint: string | undefined, error: FieldError | undefined, extra?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean).join(' ') || undefined;
}
