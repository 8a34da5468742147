/** One import for attendance rules: statuses, calendar months, Finnish holidays and the allowance statement. */
export * from './status';
export * from './month';
export * from './holidays';
export * from './money';
export * from './day-details';
export * from './working-days';
export * from './transport';
