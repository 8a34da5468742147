import { describe, expect, it } from 'vitest';
import { ABSENCE_REASONS, ATTENDANCE_STATUSES, isAbsenceReason, isAttendanceStatus } from './status';

describe('attendance statuses', () => {
  it('accepts every listed status and nothing else', () => {
    expect(ATTENDANCE_STATUSES).toEqual(['present', 'sick', 'holiday', 'absent', 'no_service']);
    for (const status of ATTENDANCE_STATUSES) expect(isAttendanceStatus(status)).toBe(true);
    for (const bad of ['Present', 'late', '', ' present', null, undefined, 1, {}, ['present']]) {
      expect(isAttendanceStatus(bad)).toBe(false);
    }
  });
});

describe('absence reasons', () => {
  it('accepts every listed reason and nothing else', () => {
    expect(ABSENCE_REASONS).toEqual(['sick', 'doctor', 'other']);
    for (const reason of ABSENCE_REASONS) expect(isAbsenceReason(reason)).toBe(true);
    for (const bad of ['holiday', 'Sick', '', null, undefined, 0, { reason: 'sick' }]) expect(isAbsenceReason(bad)).toBe(false);
  });
});
