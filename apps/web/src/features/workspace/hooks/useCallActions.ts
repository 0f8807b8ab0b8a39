import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Call, Callback, CallWithLead, DispositionBody, Lead, Presence, SetPresenceBody } from '@telehub/shared';
import { leadKeys } from '../../../lib/leadKeys';
import { callKeys, callsApi, dialBlockReason, putCall } from '../../calls';
import { campaignsApi } from '../../campaigns';
import { workspaceApi } from '../api/workspaceApi';
import { putPresence } from '../api/workspaceCache';
import { workspaceKeys } from '../api/workspaceKeys';

// Actions go over REST; what they set in motion (the call ringing, answered, ended; presence)
// comes back over the socket (useWorkspaceLive).

/** With campaignId, the call is a campaign's (preview mode); without, the agent's own click-to-call. */
export type DialVars = { lead: Lead; consentGiven?: boolean; campaignId?: string };

/** Dials a lead; the call shows at once with the lead's name, and callStatusChanged moves it on. */
export function useStartCall() {
  const qc = useQueryClient();
  return useMutation<Call, Error, DialVars>({
    mutationFn: ({ lead, consentGiven, campaignId }) =>
      campaignId ? campaignsApi.dial(campaignId, lead.id, consentGiven) : callsApi.start({ leadId: lead.id, ...(consentGiven ? { consentGiven: true } : {}) }),
    onSuccess: (call, { lead }) => putCall(qc, { ...call, leadName: lead.name, leadPhone: lead.phone, agentName: null }),
    // A refusal for DND means the lead changed since it was loaded: show it as it is now.
    onError: (err, { lead }) => (dialBlockReason(err) === 'dnd' ? qc.invalidateQueries({ queryKey: leadKeys.detail(lead.id) }) : undefined),
  });
}

/** Hangs up; the end itself arrives with the provider's confirmation, over the socket. */
export function useHangup() {
  const qc = useQueryClient();
  return useMutation<Call, Error, string>({
    mutationFn: (callId) => callsApi.hangup(callId),
    onSuccess: (call) => {
      const held = qc.getQueryData<CallWithLead>(callKeys.detail(call.id));
      if (held) putCall(qc, { ...held, ...call });
    },
  });
}

/**
 * Saves the wrap-up. It resolves only after the workspace (next lead, counters, callbacks) and
 * the lead's history have reloaded, so the screen never shows stale data.
 */
export function useDispose() {
  const qc = useQueryClient();
  return useMutation<Call, Error, { callId: string; body: DispositionBody }>({
    mutationKey: workspaceKeys.dispose(),
    mutationFn: ({ callId, body }) => callsApi.dispose(callId, body),
    onSuccess: async (call) => {
      const held = qc.getQueryData<CallWithLead>(callKeys.detail(call.id));
      if (held) putCall(qc, { ...held, ...call });
      await Promise.all([
        qc.invalidateQueries({ queryKey: workspaceKeys.nexts() }),
        qc.invalidateQueries({ queryKey: workspaceKeys.today() }),
        qc.invalidateQueries({ queryKey: workspaceKeys.callbacks() }),
        qc.invalidateQueries({ queryKey: callKeys.forLead(call.leadId) }),
        qc.invalidateQueries({ queryKey: leadKeys.detail(call.leadId) }),
        qc.invalidateQueries({ queryKey: leadKeys.timeline(call.leadId) }),
        qc.invalidateQueries({ queryKey: leadKeys.lists() }),
      ]);
    },
  });
}

export function useSetPresence() {
  const qc = useQueryClient();
  return useMutation<Presence, Error, SetPresenceBody>({
    mutationFn: (body) => workspaceApi.setPresence(body),
    onSuccess: (presence) => putPresence(qc, presence),
  });
}

export function useCloseCallback() {
  const qc = useQueryClient();
  return useMutation<Callback, Error, string>({
    mutationFn: (id) => workspaceApi.closeCallback(id),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: workspaceKeys.callbacks() }), qc.invalidateQueries({ queryKey: workspaceKeys.nexts() })]),
  });
}
