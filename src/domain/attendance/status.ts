/**
 * What a client's day at the unit was, as the worker marks it. Kept as closed lists so a value read
 * from a form or the database can be checked before it reaches the pay rules.
 */
export const ATTENDANCE_STATUSES = ['present', 'sick', 'holiday', 'absent', 'no_service'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Narrows untrusted input (form field, JSON, SQL row) so only known statuses reach computeStatement. */
export function isAttendanceStatus(v: unknown): v is AttendanceStatus {
  return typeof v === 'string' && (ATTENDANCE_STATUSES as readonly string[]).includes(v);
}

/** Why a client says they will be away: few and plain, so the client can pick one by picture. */
export const ABSENCE_REASONS = ['sick', 'doctor', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

/** Narrows untrusted input so an unknown reason is refused rather than stored. */
export function isAbsenceReason(v: unknown): v is AbsenceReason {
  return typeof v === 'string' && (ABSENCE_REASONS as readonly string[]).includes(v);
}
