import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TranscriptSegment } from '@telehub/shared';
import { useEffect, useRef } from 'react';
import { callKeys } from '../api/callKeys';
import { callsApi } from '../api/callsApi';

const POLL_MS = 700;

/**
 * A call's transcript. While the call is live it asks only for segments after the last one it
 * has and appends them; when the call ends it fetches once more for the last words.
 */
export function useTranscript(callId: string, live: boolean, enabled = true) {
  const qc = useQueryClient();
  const key = callKeys.transcript(callId);
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const have = qc.getQueryData<TranscriptSegment[]>(key) ?? [];
      const last = have.at(-1)?.seq ?? -1;
      const { items } = await callsApi.transcript(callId, last, signal);
      if (items.length === 0) return have;
      const seen = new Set(have.map((s) => s.seq));
      return [...have, ...items.filter((s) => !seen.has(s.seq))].sort((a, b) => a.seq - b.seq);
    },
    enabled,
    staleTime: live ? 0 : 60_000,
    refetchInterval: live ? POLL_MS : false,
  });

  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) void qc.invalidateQueries({ queryKey: callKeys.transcript(callId), exact: true });
    wasLive.current = live;
  }, [live, callId, qc]);

  return query;
}
