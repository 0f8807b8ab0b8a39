import type { LeadQuery } from './leadsApi';

/** Query keys for leads: invalidate `all` after a change, or a narrower key when that is enough. */
export const leadKeys = {
  all: ['leads'] as const,
  lists: () => [...leadKeys.all, 'list'] as const,
  list: (query: LeadQuery) => [...leadKeys.lists(), query] as const,
  details: () => [...leadKeys.all, 'detail'] as const,
  detail: (id: string) => [...leadKeys.details(), id] as const,
  timelines: () => [...leadKeys.all, 'timeline'] as const,
  timeline: (id: string) => [...leadKeys.timelines(), id] as const,
};
