import { useInfiniteQuery } from '@tanstack/react-query';
import { leadKeys } from '../../../lib/leadKeys';
import { leadsApi } from '../api/leadsApi';

/** The lead's history, newest first, one page at a time going back. */
export function useTimeline(leadId: string) {
  return useInfiniteQuery({
    queryKey: leadKeys.timeline(leadId),
    queryFn: ({ pageParam, signal }) => leadsApi.timeline(leadId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
