import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { callSearchApi, callSearchKeys } from '../api/callSearchApi';
import type { CallSearchFilters } from '../components/searchParams';

/** The calls found for a search; the last page stays on screen while the next one loads. */
export function useCallSearch(filters: CallSearchFilters) {
  return useQuery({
    queryKey: callSearchKeys.results(filters),
    queryFn: ({ signal }) => callSearchApi.search(filters, signal),
    placeholderData: keepPreviousData,
    // A 400 (a bad range, a foreign agent) will not mend itself by asking again.
    retry: false,
  });
}
