import type { WorkerContact } from '@server/people/store';

/** Fictional workers for the component examples (no real people). */
export const EXAMPLE_WORKER: WorkerContact = { id: 3, full_name: 'Liisa Ohjaaja', phone: '040 123 4567', avatar: 'worker', photo_id: null, kind: 'named' };
export const EXAMPLE_SUBSTITUTE: WorkerContact = { id: 4, full_name: 'Pekka Sijainen', phone: '', avatar: 'worker', photo_id: null, kind: 'substitute' };
