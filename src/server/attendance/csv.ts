import type { ApprovedRow } from './store';
import { csvCell } from '../csv';
import { payableCents, paymentDayOf } from '@domain/attendance';

/**
 * The payroll CSV of an approved month (issue 15, point 17), as a Finnish payroll system or
 * Finnish Excel reads it: semicolon-separated, UTF-8 with a byte order mark, CRLF line ends
 * (RFC 4180), Finnish column names in this fixed order:
 *
 *   Asiakasnumero;Nimi;Kustannuspaikka;Kuukausi;Maksupäivä;Läsnäolopäivät;Lomapäivät;
 *   Työosuusraha;Ateriamaksu;Oikaisut;Matkakorvaus;Maksetaan
 *
 * Asiakasnumero is the client's number in the payroll system's register (empty when not known),
 * Kustannuspaikka the unit's cost centre, Kuukausi the month as YYYY-MM, Maksupäivä the day the
 * money is paid as d.m.yyyy (the unit's payment day of the next month, or the working day before
 * it), Lomapäivät the paid avotyö holiday days. Money in euros with a decimal comma and no
 * thousands separator ("1234,50", "-3,00"), or in integer cents with `unit: 'cents'`.
 * Työosuusraha is the gross, Ateriamaksu the meal fees taken off, Oikaisut the corrections of
 * earlier months paid in this one (signed), Matkakorvaus the travel compensation, Maksetaan what
 * is paid in all (the work-share net, never below nothing, plus the travel compensation).
 * Only clients with something to pay or an adjustment are in the file.
 */
export const CSV_COLUMNS = [
  'Asiakasnumero',
  'Nimi',
  'Kustannuspaikka',
  'Kuukausi',
  'Maksupäivä',
  'Läsnäolopäivät',
  'Lomapäivät',
  'Työosuusraha',
  'Ateriamaksu',
  'Oikaisut',
  'Matkakorvaus',
  'Maksetaan',
] as const;

export type MoneyUnit = 'euros' | 'cents';

/** Cents as a payroll system reads euros: "12,50", "-3,00", "0,00" (ASCII minus, no grouping). */
export function eurosForPayroll(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Amount must be whole cents, got ${cents}`);
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)},${digits.slice(-2)}`;
}

/** An ISO day as a Finnish date: 2026-12-15 → 15.12.2026. */
export function finnishDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

/** Whether the row belongs in the payroll file: something to pay, or a correction to book. */
export function isPayrollRow(r: Pick<ApprovedRow, 'net_cents' | 'transport_cents' | 'adjustments_cents'>): boolean {
  return payableCents(r.net_cents, r.transport_cents) !== 0 || r.adjustments_cents !== 0;
}

export function paymentCsv(rows: ApprovedRow[], month: string, unit: { cost_centre: string; payment_day: number }, money: MoneyUnit = 'euros'): string {
  const amount = (cents: number) => (money === 'cents' ? String(cents) : eurosForPayroll(cents));
  const payDay = finnishDate(paymentDayOf(month, unit.payment_day));
  const lines = rows.filter(isPayrollRow).map((r) =>
    [
      // Text cells go through csvCell (quoting, formulas defused); the numbers are our own.
      csvCell(r.asiakasnumero ?? ''),
      csvCell(r.full_name),
      csvCell(unit.cost_centre),
      month,
      payDay,
      String(r.present_days),
      String(r.paid_holiday_days),
      amount(r.gross_cents),
      amount(r.meal_fee_cents),
      amount(r.adjustments_cents),
      amount(r.transport_cents),
      amount(payableCents(r.net_cents, r.transport_cents)),
    ].join(';'),
  );
  return `\uFEFF${[CSV_COLUMNS.join(';'), ...lines].join('\r\n')}\r\n`;
}
