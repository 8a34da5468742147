import type MoneyView from './MoneyView.astro';
import { addMonths, computeStatement, daysOfMonth, isoWeekday, monthOf } from '@domain/attendance';
import { todayInHelsinki } from '@domain/time/helsinki';
import type { MonthMoney } from '@server/attendance/store';
import type { Examples } from '../examples';

const thisMonth = monthOf(todayInHelsinki());
const lastMonth = addMonths(thisMonth, -1);

/**
 * A fictional month: present on weekdays, ill on the 3rd weekday, with one correction paid in.
 * `away` makes every day sick (a month that gives nothing); `mealCents` the meal fee of a day.
 */
function moneyOf(month: string, approved: boolean, { away = false, mealCents = 400, transport = 'none' as 'none' | 'per_day' | 'per_ticket' } = {}): MonthMoney {
  const weekdays = daysOfMonth(month).filter((d) => isoWeekday(d) <= 5);
  const statement = computeStatement({
    month,
    // With a travel rule, the client came by transport on every other day (a ticket of 3,20 €).
    days: weekdays.map((day, i) => ({ day, status: away || i === 2 ? 'sick' : 'present', transport: i % 2 === 0, ticketCents: 320 })),
    serviceTypeOn: () => 'tyotoiminta',
    rates: [{ serviceType: 'tyotoiminta', validFrom: '2020-01-01', dailyCents: 1200, mealCents }],
    mealFeeApplies: true,
    paidSummerHoliday: false,
    paidHolidayDaysBefore: 0,
    adjustments: away ? [] : [{ forDay: weekdays[0], cents: 1200 }],
    transportRates: [{ validFrom: '2020-01-01', kind: transport, dayCents: 450 }],
  });
  const approvedStatement = approved
    ? { present_days: statement.presentDays, paid_holiday_days: 0, gross_cents: statement.grossCents, meal_fee_cents: statement.mealFeeCents, adjustments_cents: statement.adjustmentsCents, net_cents: statement.netCents, transport_cents: statement.transportCents }
    : null;
  return {
    statement: { statement, approved: approvedStatement, paymentDay: 15 },
    adjustments: away ? [] : [{ for_day: weekdays[0], old_status: 'sick', new_status: 'present', cents: 1200, reason: 'Päivä oli merkitty väärin' }],
  };
}

export const examples = {
  thisMonth: {
    description: 'The money so far this month, not yet approved',
    look: 'easy-read',
    props: { month: thisMonth, money: moneyOf(thisMonth, false), basePath: '/client/money' },
  },
  lastMonthApproved: {
    description: 'Last month, approved, on the family member’s page: about Matti by name',
    look: 'easy-read',
    props: { month: lastMonth, money: moneyOf(lastMonth, true), basePath: '/family/9/money', reader: { as: 'family', name: 'Matti' } },
  },
  paidMonth: {
    description: 'A month approved and paid long ago: "Sait …" in the colour of success',
    look: 'easy-read',
    props: { month: addMonths(thisMonth, -3), money: moneyOf(addMonths(thisMonth, -3), true), basePath: '/client/money' },
  },
  away: {
    description: 'A month away: no money, and why, in words',
    look: 'easy-read',
    props: { month: lastMonth, money: moneyOf(lastMonth, true, { away: true }), basePath: '/client/money' },
  },
  mealAsMuch: {
    description: 'The meal fee took all the money: the sentences say so, without a minus',
    look: 'easy-read',
    lang: 'en',
    props: { month: thisMonth, money: moneyOf(thisMonth, false, { mealCents: 1200 }), basePath: '/client/money' },
  },
  travelPerDay: {
    description: 'The unit pays 4,50 € for each day the client came by transport: a sentence of its own, part of the total',
    look: 'easy-read',
    props: { month: lastMonth, money: moneyOf(lastMonth, true, { transport: 'per_day' }), basePath: '/client/money', printHref: `/client/money/statement?month=${lastMonth}` },
  },
  travelTickets: {
    description: 'The unit pays the bus tickets: "Saat matkarahaa … Se on korvaus bussilipuista." (family reader, Swedish)',
    look: 'easy-read',
    lang: 'sv',
    props: { month: lastMonth, money: moneyOf(lastMonth, false, { transport: 'per_ticket' }), basePath: '/family/9/money', reader: { as: 'family', name: 'Matti' } },
  },
  printable: {
    description: 'The printed statement: the month’s sentences without month arrows or the explanation',
    look: 'easy-read',
    props: { month: lastMonth, money: moneyOf(lastMonth, true, { transport: 'per_day' }), basePath: '/client/money', printable: true },
  },
  noUnit: {
    description: 'A client without a unit: nothing to count yet',
    look: 'easy-read',
    props: { month: thisMonth, money: { statement: null, adjustments: [] }, basePath: '/client/money' },
  },
} satisfies Examples<typeof MoneyView>;
