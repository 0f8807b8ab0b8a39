import { useQuery } from '@tanstack/react-query';
import { callKeys } from '../api/callKeys';
import { callsApi } from '../api/callsApi';

/**
 * A lead's calls, newest first (the lead 360). A recording lands after the call ends; the page
 * that follows callStatusChanged reads this list again when it does (the workspace).
 */
export function useLeadCalls(leadId: string, page = 1, pageSize = 20) {
  return useQuery({
    queryKey: callKeys.forLeadPage(leadId, page, pageSize),
    queryFn: ({ signal }) => callsApi.forLead(leadId, page, pageSize, signal),
    // The page before stays on screen while the next one loads (the same lead's only).
    placeholderData: (previous, query) =>
      query?.queryKey.some((k) => typeof k === 'object' && k !== null && 'leadId' in k && k.leadId === leadId) ? previous : undefined,
  });
}

/**
 * The dispositions offered in wrap-up: the organisation's, or with a campaign those its calls
 * offer. They change only when an admin edits them.
 */
export function useDispositions(campaignId: string | null = null) {
  return useQuery({
    queryKey: callKeys.dispositions(campaignId),
    queryFn: ({ signal }) => callsApi.dispositions(campaignId, signal),
    staleTime: 5 * 60_000,
  });
}

/** What the telephony provider can do (hang up from here, or only on the handset). */
export function useTelephony() {
  return useQuery({ queryKey: callKeys.telephony(), queryFn: ({ signal }) => callsApi.telephony(signal), staleTime: Number.POSITIVE_INFINITY });
}
