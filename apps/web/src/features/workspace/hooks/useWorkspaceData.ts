import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { NextLead } from '@telehub/shared';
import { leadKeys } from '../../../lib/leadKeys';
import { campaignsApi } from '../../campaigns';
import { leadsApi } from '../../leads';
import { workspaceApi } from '../api/workspaceApi';
import { workspaceKeys } from '../api/workspaceKeys';

// None of these ask again on a timer: the workspace refreshes them after the calls, actions and
// reconnects that change them (useWorkspaceLive, useCallActions).

/** The next lead to call; the lead it names is put in the lead cache, so the 360 opens at once. */
export function useNextLead(skip: readonly string[], enabled = true) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: workspaceKeys.next(skip),
    queryFn: async ({ signal }) => {
      const next = await workspaceApi.next(skip.slice(-50), signal);
      if (next.lead) qc.setQueryData(leadKeys.detail(next.lead.id), next.lead);
      return next;
    },
    staleTime: 0,
    enabled,
  });
}

/**
 * Preview mode: the campaign's next lead, held for this agent a few minutes, in the shape of the
 * agent's own queue so the desk shows it the same way. The answer may name the lead or only its id.
 */
export function useCampaignNextLead(campaignId: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: workspaceKeys.campaignNext(campaignId ?? ''),
    queryFn: async ({ signal }): Promise<NextLead> => {
      const next = await campaignsApi.next(campaignId ?? '', signal);
      const id = next.lead?.id ?? next.leadId ?? null;
      const lead = next.lead ?? (id ? await qc.fetchQuery({ queryKey: leadKeys.detail(id), queryFn: ({ signal: s }) => leadsApi.get(id, s) }) : null) ?? null;
      if (lead) qc.setQueryData(leadKeys.detail(lead.id), lead);
      return { lead, reason: lead ? 'queue' : null, callback: null, remaining: next.remaining };
    },
    staleTime: 0,
    enabled: campaignId !== null,
  });
}

export function useToday() {
  return useQuery({ queryKey: workspaceKeys.today(), queryFn: ({ signal }) => workspaceApi.today(signal) });
}

/** Pending callbacks; which are due or overdue is worked out on screen against the clock. */
export function useCallbacks() {
  return useQuery({ queryKey: workspaceKeys.callbacks(), queryFn: ({ signal }) => workspaceApi.callbacks(signal) });
}

/** The agent's state: read once, then presenceChanged keeps it current. */
export function usePresence() {
  return useQuery({ queryKey: workspaceKeys.presence(), queryFn: ({ signal }) => workspaceApi.presence(signal), staleTime: Number.POSITIVE_INFINITY });
}

/** The lead on the card (from the queue, a callback, the call, or opened by hand). */
export function useWorkspaceLead(id: string | null) {
  return useQuery({ queryKey: leadKeys.detail(id ?? ''), queryFn: ({ signal }) => leadsApi.get(id ?? '', signal), enabled: id !== null });
}
