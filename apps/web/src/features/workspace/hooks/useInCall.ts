import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Call, CallControlBody, CallControls, CallWithLead, RedialBody } from '@telehub/shared';
import { callKeys, putCall } from '../../calls';
import { inCallApi, inCallKeys } from '../api/inCallApi';

/** The live call's control state (muted, on hold, tones sent, a transfer under way) and what can be used now; read again as the call moves on. */
export function useInCallControls(call: Pick<CallWithLead, 'id' | 'status'>) {
  return useQuery({
    queryKey: inCallKeys.controls(call.id, call.status),
    queryFn: ({ signal }) => inCallApi.controls(call.id, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * One control action. Its answer is the new state; a handover (a transfer) also moves the call
 * to the colleague in the call's cache, which lets the desk go of it.
 */
export function useCallControl(callId: string) {
  const qc = useQueryClient();
  return useMutation<CallControls, Error, CallControlBody>({
    mutationFn: (body) => inCallApi.act(callId, body),
    onSuccess: (state) => {
      qc.setQueryData(inCallKeys.controls(callId, state.status), state);
      const held = qc.getQueryData<CallWithLead>(callKeys.detail(callId));
      if (held && held.agentId !== state.agentId) qc.setQueryData(callKeys.detail(callId), { ...held, agentId: state.agentId, agentName: state.agentName });
    },
  });
}

/** The colleagues the call can go to, read afresh each time the transfer dialog opens. */
export function useTransferTargets(callId: string, open: boolean) {
  return useQuery({
    queryKey: inCallKeys.targets(callId),
    queryFn: ({ signal }) => inCallApi.targets(callId, signal),
    enabled: open,
    staleTime: 0,
  });
}

/** Hangs up, saves the call and dials another of the lead's numbers; the new call shows at once, and the desk follows it. */
export function useRedial(call: Pick<CallWithLead, 'id' | 'leadName'>) {
  const qc = useQueryClient();
  return useMutation<Call, Error, RedialBody>({
    mutationFn: (body) => inCallApi.redial(call.id, body),
    onSuccess: (made, body) => putCall(qc, { ...made, leadName: call.leadName, leadPhone: body.phone, agentName: null }),
  });
}
