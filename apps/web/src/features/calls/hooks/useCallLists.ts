import { useQuery } from '@tanstack/react-query';
import type { CallWithLead } from '@telehub/shared';
import { callKeys } from '../api/callKeys';
import { callsApi } from '../api/callsApi';

/** The provider hands over a recording shortly after the call: look again for that long. */
const RECORDING_WAIT_MS = 2 * 60_000;
const awaitsRecording = (c: CallWithLead) =>
  c.status === 'completed' && c.recordingNotice && !c.recordingAvailable && Date.now() - Date.parse(c.endedAt ?? c.updatedAt) < RECORDING_WAIT_MS;

/** A lead's calls, newest first (the lead 360); refreshed while a fresh call's recording is on its way. */
export function useLeadCalls(leadId: string) {
  return useQuery({
    queryKey: callKeys.forLead(leadId),
    queryFn: ({ signal }) => callsApi.forLead(leadId, signal),
    refetchInterval: (q) => (q.state.data?.items.some(awaitsRecording) ? 5000 : false),
  });
}

/** The dispositions offered in wrap-up; they change only when an admin edits them. */
export function useDispositions() {
  return useQuery({ queryKey: callKeys.dispositions(), queryFn: ({ signal }) => callsApi.dispositions(signal), staleTime: 5 * 60_000 });
}

/** What the telephony provider can do (hang up from here, or only on the handset). */
export function useTelephony() {
  return useQuery({ queryKey: callKeys.telephony(), queryFn: ({ signal }) => callsApi.telephony(signal), staleTime: Number.POSITIVE_INFINITY });
}
