import { useQuery } from '@tanstack/react-query';
import { callKeys } from '../api/callKeys';
import { callsApi } from '../api/callsApi';

/** How long a screen waits for a finished call's analysis before it stops asking. */
const WAIT_MS = 90_000;

/**
 * A finished call's analysis. While it is pending (the job runs a few seconds after the call
 * ends) it is asked for again every two seconds, for a minute and a half at most.
 */
export function useCallAnalysis(id: string | null, enabled = true) {
  return useQuery({
    queryKey: callKeys.analysis(id ?? ''),
    queryFn: ({ signal }) => callsApi.analysis(id ?? '', signal),
    enabled: enabled && id !== null,
    refetchInterval: (q) => (q.state.data?.status === 'pending' && q.state.dataUpdateCount * 2000 < WAIT_MS ? 2000 : false),
    retry: 1,
  });
}
