import type { ApprovedRow } from './store';
import { csvDocument } from '../csv';

/**
 * The payroll CSV of an approved month. The columns and their order are fixed (payroll systems
 * read them by position); change them only with a new documented version:
 *
 *   client_id;name;days;gross_cents;meal_fees_cents;adjustments_cents;net_cents;period
 *
 * Money in integer cents (no decimal commas or points to misread), days = present days plus
 * paid holiday days, period = the month as YYYY-MM. Semicolon-separated, UTF-8 with a byte order
 * mark so that spreadsheet programs show ä and ö right, CRLF line ends (RFC 4180).
 */
export const CSV_COLUMNS = ['client_id', 'name', 'days', 'gross_cents', 'meal_fees_cents', 'adjustments_cents', 'net_cents', 'period'] as const;

export function paymentCsv(rows: ApprovedRow[], month: string): string {
  return csvDocument(
    CSV_COLUMNS,
    rows.map((r) => [r.client_id, r.full_name, r.present_days + r.paid_holiday_days, r.gross_cents, r.meal_fee_cents, r.adjustments_cents, r.net_cents, month]),
  );
}
