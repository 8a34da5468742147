import type { PictureConcept } from '@domain/pictures/concepts';
import type { DayState } from '@domain/attendance/day-state';

/** The picture of each day state, shared by the client's week list and the staff month grid. */
export const STATE_PICTURE: Record<DayState, PictureConcept | null> = {
  present: 'present',
  sick: 'sick',
  holiday: 'holiday',
  absent: 'absent',
  no_service: 'no-service',
  reported: 'report',
  coming: 'work',
  none: null,
};
