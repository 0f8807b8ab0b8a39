import { useQuery } from '@tanstack/react-query';
import { isTerminalStatus } from '@telehub/shared';
import { callKeys } from '../api/callKeys';
import { callsApi } from '../api/callsApi';

/** Before the answer a state lasts well under a second at simulator speed; after it, ~0.7 s is plenty. */
const RINGING_POLL_MS = 300;
const LIVE_POLL_MS = 700;

/** One call, polled while it is live (and once more until its wrap-up is settled). */
export function useCall(id: string | null) {
  return useQuery({
    queryKey: callKeys.detail(id ?? ''),
    queryFn: ({ signal }) => callsApi.get(id ?? '', signal),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (q) => {
      const call = q.state.data;
      if (!call) return LIVE_POLL_MS;
      if (isTerminalStatus(call.status)) return false;
      return call.status === 'in_progress' ? LIVE_POLL_MS : RINGING_POLL_MS;
    },
  });
}
