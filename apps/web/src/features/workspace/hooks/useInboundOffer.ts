import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { workspaceApi } from '../api/workspaceApi';
import { workspaceKeys } from '../api/workspaceKeys';
import { usePresence } from './useWorkspaceData';

/**
 * The inbound call ringing for the agent: while their presence rings with a call, the offer
 * behind it (a dialer's or click-to-call's ringing has none). Read again each time the ringing
 * call changes, so a reload or a second tab shows it too.
 */
export function useInboundOffer() {
  const presence = usePresence();
  const p = presence.data;
  const ringing = p?.state === 'ringing' && p.callId ? p.callId : null;
  const offer = useQuery({
    queryKey: workspaceKeys.offer(ringing),
    queryFn: ({ signal }) => workspaceApi.offer(signal),
    enabled: ringing !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const current = ringing && offer.data?.callId === ringing ? offer.data : null;
  return { offer: current, ringingCallId: ringing, isPending: ringing !== null && offer.isPending };
}

/** Accept or decline the call ringing here; either way the presence that follows says what happened next. */
export function useAnswerOffer() {
  const qc = useQueryClient();
  const settle = () => {
    void qc.invalidateQueries({ queryKey: workspaceKeys.presence() });
  };
  const accept = useMutation({ mutationFn: (callId: string) => workspaceApi.accept(callId), onSettled: settle });
  const reject = useMutation({ mutationFn: (callId: string) => workspaceApi.reject(callId), onSettled: settle });
  return { accept, reject };
}
