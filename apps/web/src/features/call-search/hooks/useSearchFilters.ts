import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type CallSearchFilters, filtersFromParams, NO_FILTERS, paramsFromFilters, withChange } from '../components/searchParams';

/** The search held in the URL: each change is a history entry, so back returns to the search before. */
export function useSearchFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const update = useCallback(
    (patch: Partial<CallSearchFilters>) => setParams((prev) => paramsFromFilters(withChange(filtersFromParams(prev), patch))),
    [setParams],
  );
  /** Filters off; the words asked stay. */
  const clearFilters = useCallback(() => setParams((prev) => paramsFromFilters({ ...NO_FILTERS, q: filtersFromParams(prev).q })), [setParams]);
  return { filters, update, clearFilters };
}
