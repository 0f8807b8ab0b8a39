/**
 * Query keys of the lead caches. They live here, not in features/leads, because leads change in
 * many features (imports, merges, assignment, the DND registry, source syncs, wrap-ups) and each
 * must refresh what the leads pages show: invalidate `all` after a change, or a narrower key
 * when that is enough.
 */
export const leadKeys = {
  all: ['leads'] as const,
  lists: () => [...leadKeys.all, 'list'] as const,
  /** `query` is the list's filter as the leads page holds it. */
  list: (query: Readonly<Record<string, unknown>>) => [...leadKeys.lists(), query] as const,
  details: () => [...leadKeys.all, 'detail'] as const,
  detail: (id: string) => [...leadKeys.details(), id] as const,
  timelines: () => [...leadKeys.all, 'timeline'] as const,
  timeline: (id: string) => [...leadKeys.timelines(), id] as const,
};
