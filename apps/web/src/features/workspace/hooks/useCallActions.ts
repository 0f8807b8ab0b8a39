import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Call, Callback, CallWithLead, DispositionBody, Lead, Presence, SetPresenceBody } from '@telehub/shared';
import { leadKeys } from '../../../lib/leadKeys';
import { callKeys, callsApi, dialBlockReason } from '../../calls';
import { workspaceApi } from '../api/workspaceApi';
import { workspaceKeys } from '../api/workspaceKeys';

export type DialVars = { lead: Lead; consentGiven?: boolean };

/** Dials a lead; the call shows at once with the lead's name, then polls on its own. */
export function useStartCall() {
  const qc = useQueryClient();
  return useMutation<Call, Error, DialVars>({
    mutationFn: ({ lead, consentGiven }) => callsApi.start({ leadId: lead.id, ...(consentGiven ? { consentGiven: true } : {}) }),
    onSuccess: async (call, { lead }) => {
      qc.setQueryData<CallWithLead>(callKeys.detail(call.id), { ...call, leadName: lead.name, leadPhone: lead.phone, agentName: null });
      await qc.invalidateQueries({ queryKey: workspaceKeys.presence() });
    },
    // A refusal for DND means the lead changed since it was loaded: show it as it is now.
    onError: (err, { lead }) => (dialBlockReason(err) === 'dnd' ? qc.invalidateQueries({ queryKey: leadKeys.detail(lead.id) }) : undefined),
  });
}

export function useHangup() {
  const qc = useQueryClient();
  return useMutation<Call, Error, string>({
    mutationFn: (callId) => callsApi.hangup(callId),
    onSuccess: (call) => qc.invalidateQueries({ queryKey: callKeys.detail(call.id) }),
  });
}

/**
 * Saves the wrap-up. It resolves only after the workspace (next lead, counters, callbacks,
 * presence) and the lead's history have reloaded, so the screen never shows stale data.
 */
export function useDispose() {
  const qc = useQueryClient();
  return useMutation<Call, Error, { callId: string; body: DispositionBody }>({
    mutationFn: ({ callId, body }) => callsApi.dispose(callId, body),
    onSuccess: async (call) => {
      qc.setQueryData<CallWithLead>(callKeys.detail(call.id), (old) => (old ? { ...old, ...call } : old));
      await Promise.all([
        qc.invalidateQueries({ queryKey: workspaceKeys.all }),
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
    onSuccess: (presence) => qc.setQueryData(workspaceKeys.presence(), presence),
  });
}

export function useCloseCallback() {
  const qc = useQueryClient();
  return useMutation<Callback, Error, string>({
    mutationFn: (id) => workspaceApi.closeCallback(id),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: workspaceKeys.callbacks() }), qc.invalidateQueries({ queryKey: workspaceKeys.nexts() })]),
  });
}
