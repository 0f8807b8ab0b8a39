import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useNow } from '../../../hooks/useNow';
import { dayIn, REPORT_TIME_ZONE } from '../components/periods';
import { paramsFromState, type ReportState, rangeOf, type Scope, stateFromParams, toReportQuery, withChange } from '../components/reportParams';

/** Today in the organisation's zone; read again every minute, so "today" turns over at midnight IST. */
export function useReportToday(): string {
  const now = useNow(60_000);
  return useMemo(() => dayIn(REPORT_TIME_ZONE, new Date(now)), [now]);
}

/** The report held in the URL: each change is a history entry, so back returns to the report before. */
export function useReportState(scope: Scope) {
  const [params, setParams] = useSearchParams();
  const today = useReportToday();
  const { staff } = scope;
  const state = useMemo(() => stateFromParams(params, { staff }), [params, staff]);
  const range = useMemo(() => rangeOf(state, today), [state, today]);
  const query = useMemo(() => toReportQuery(state, today), [state, today]);

  const update = useCallback(
    (patch: Partial<ReportState>) =>
      setParams((prev) => {
        const current = stateFromParams(prev, { staff });
        return paramsFromState(withChange(current, patch, rangeOf(current, today)));
      }),
    [setParams, staff, today],
  );
  /** Opens a saved report (its URL search). */
  const open = useCallback((search: string) => setParams(paramsFromState(stateFromParams(new URLSearchParams(search), { staff }))), [setParams, staff]);
  const clearFilters = useCallback(() => update({ teamId: '', campaignId: '', source: '', agentId: '' }), [update]);
  return { state, range, query, today, update, open, clearFilters, search: paramsFromState(state).toString() };
}
