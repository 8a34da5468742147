import type LogPager from './LogPager.astro';
import type { Examples } from '../examples';

export const examples = {
  first: { description: 'The first page of many', look: 'staff', props: { path: '/admin/audit', query: 'action=save+plan', page: 1, pageSize: 50, total: 230 } },
  middle: { description: 'A page in the middle: newer and older', look: 'staff', props: { path: '/admin/audit', query: '', page: 3, pageSize: 50, total: 230 } },
  last: { description: 'The last page', look: 'staff', props: { path: '/worker/clients/12/access-log', query: 'topic=money', page: 5, pageSize: 50, total: 230 } },
  empty: { description: 'No rows', look: 'staff', props: { path: '/admin/audit', query: 'person=9', page: 1, pageSize: 50, total: 0 } },
} satisfies Examples<typeof LogPager>;
