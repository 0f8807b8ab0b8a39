import { useQueryClient } from '@tanstack/react-query';
import { type Callback, type CallStatus, type DispositionBody, isTerminalStatus } from '@telehub/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { leadKeys } from '../../../lib/leadKeys';
import { useCall } from '../../calls';
import { leadsApi } from '../../leads';
import type { LeadOrigin } from '../components/LeadCard';
import { CALL_STATES } from '../components/presenceWords';
import { useDispose, useHangup, useStartCall } from './useCallActions';
import { useNextLead, usePresence, useWorkspaceLead } from './useWorkspaceData';

export type Phase = 'loading' | 'callError' | 'idle' | 'live' | 'wrapUp';

/**
 * The workspace as one state machine: which lead is on the card (the call's, one opened by hand
 * with ?lead=, or the next from the queue), and the call going through dial, live and wrap-up.
 * A call the server says is still ours (after a reload) is picked up again.
 */
export function useWorkspaceFlow() {
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const openedId = params.get('lead');
  const [skip, setSkip] = useState<string[]>([]);
  const [callId, setCallId] = useState<string | null>(null);
  /** A call that ended with nothing to wrap up (the provider refused it, or it was wrapped up elsewhere). */
  const [endedWithout, setEndedWithout] = useState<CallStatus | null>(null);
  const closed = useRef(new Set<string>());

  const presence = usePresence();
  const next = useNextLead(skip);
  const call = useCall(callId);
  const start = useStartCall();
  const hangup = useHangup();
  const dispose = useDispose();

  const open = useCallback((leadId: string | null) => setParams(leadId ? { lead: leadId } : {}, { replace: true }), [setParams]);

  const p = presence.data;
  const serverCallId = p?.callId && CALL_STATES.has(p.state) ? p.callId : null;
  useEffect(() => {
    if (!callId && serverCallId && !closed.current.has(serverCallId)) setCallId(serverCallId);
  }, [callId, serverCallId]);

  const c = call.data ?? null;
  const ended = c !== null && isTerminalStatus(c.status);
  const nothingToWrap = ended && c !== null && !c.wrapUpPending && !dispose.isPending;
  useEffect(() => {
    if (!nothingToWrap || !c) return;
    closed.current.add(c.id);
    setEndedWithout(c.status);
    setCallId(null);
    open(c.leadId);
  }, [nothingToWrap, c, open]);

  const phase: Phase =
    callId && !c ? (call.isError ? 'callError' : 'loading') : c && !ended ? 'live' : c?.wrapUpPending ? 'wrapUp' : callId ? 'loading' : 'idle';
  const leadId = c?.leadId ?? (callId ? null : (openedId ?? next.data?.lead?.id ?? null));
  const lead = useWorkspaceLead(leadId);
  const origin: LeadOrigin = c
    ? { kind: 'call' }
    : openedId
      ? { kind: 'opened' }
      : next.data?.reason === 'callback' && next.data.callback
        ? { kind: 'callback', callback: next.data.callback }
        : { kind: 'queue' };

  function dial(consentGiven?: boolean) {
    const l = lead.data;
    if (!l || l.dnd || phase !== 'idle' || start.isPending) return;
    setEndedWithout(null);
    start.mutate({ lead: l, consentGiven }, { onSuccess: (made) => setCallId(made.id) });
  }

  async function callNow(cb: Callback) {
    if (phase !== 'idle' || start.isPending) return;
    open(cb.leadId);
    const l = await qc.fetchQuery({ queryKey: leadKeys.detail(cb.leadId), queryFn: ({ signal }) => leadsApi.get(cb.leadId, signal) });
    if (l.dnd) return;
    setEndedWithout(null);
    start.mutate({ lead: l }, { onSuccess: (made) => setCallId(made.id) });
  }

  function skipLead() {
    const id = next.data?.lead?.id;
    if (id && !openedId && phase === 'idle') setSkip((s) => [...s, id]);
  }

  function save(body: DispositionBody, goNext: boolean) {
    if (!c || dispose.isPending) return;
    const { id, leadId: calledLead } = c;
    dispose.mutate(
      { callId: id, body },
      {
        onSuccess: () => {
          closed.current.add(id);
          setCallId(null);
          open(goNext ? null : calledLead);
        },
      },
    );
  }

  return {
    phase,
    call: c,
    callQuery: call,
    lead,
    leadId,
    next,
    origin,
    openedId,
    endedWithout,
    dial,
    callNow: (cb: Callback) => void callNow(cb).catch(() => undefined),
    skip: openedId ? undefined : skipLead,
    backToQueue: () => open(null),
    dismissCall: () => {
      if (callId) closed.current.add(callId);
      setCallId(null);
    },
    hangUp: () => c && !hangup.isPending && hangup.mutate(c.id),
    save,
    dialing: start.isPending,
    dialError: start.error && start.variables?.lead.id === leadId ? start.error : null,
    hangingUp: hangup.isPending,
    hangupError: hangup.error && hangup.variables === callId ? hangup.error : null,
    saving: dispose.isPending,
    saveError: dispose.error && dispose.variables?.callId === callId ? dispose.error : null,
  };
}

export type WorkspaceFlow = ReturnType<typeof useWorkspaceFlow>;
