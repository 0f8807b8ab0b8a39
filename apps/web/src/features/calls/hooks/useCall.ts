import { useQuery, useQueryClient } from '@tanstack/react-query';
import { settleCall } from '../api/callCache';
import { callKeys } from '../api/callKeys';
import { callsApi } from '../api/callsApi';

/**
 * One call. It is read once (unless the dial already put it in the cache); from then on
 * callStatusChanged keeps it current (useCallChanges), and a reconnect reads it again.
 */
export function useCall(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: callKeys.detail(id ?? ''),
    queryFn: async ({ signal }) => settleCall(qc, await callsApi.get(id ?? '', signal)),
    enabled: id !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
