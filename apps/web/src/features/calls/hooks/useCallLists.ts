import { useQuery } from '@tanstack/react-query';
import { callKeys } from '../api/callKeys';
import { callsApi } from '../api/callsApi';

/**
 * A lead's calls, newest first (the lead 360). A recording lands after the call ends; the page
 * that follows callStatusChanged reads this list again when it does (the workspace).
 */
export function useLeadCalls(leadId: string) {
  return useQuery({ queryKey: callKeys.forLead(leadId), queryFn: ({ signal }) => callsApi.forLead(leadId, signal) });
}

/** The dispositions offered in wrap-up; they change only when an admin edits them. */
export function useDispositions() {
  return useQuery({ queryKey: callKeys.dispositions(), queryFn: ({ signal }) => callsApi.dispositions(signal), staleTime: 5 * 60_000 });
}

/** What the telephony provider can do (hang up from here, or only on the handset). */
export function useTelephony() {
  return useQuery({ queryKey: callKeys.telephony(), queryFn: ({ signal }) => callsApi.telephony(signal), staleTime: Number.POSITIVE_INFINITY });
}
