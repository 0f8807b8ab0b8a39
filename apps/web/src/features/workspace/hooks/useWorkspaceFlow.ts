import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type Callback, type CallStatus, type Campaign, type DispositionBody, isTerminalStatus, type SkipBody, type SkipReason } from '@telehub/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { leadKeys } from '../../../lib/leadKeys';
import { useCurrentUser } from '../../auth';
import { useCall } from '../../calls';
import { campaignsApi } from '../../campaigns';
import { leadsApi } from '../../leads';
import { workspaceApi } from '../api/workspaceApi';
import { workspaceKeys } from '../api/workspaceKeys';
import type { LeadOrigin } from '../components/LeadCard';
import { CALL_STATES } from '../components/presenceWords';
import { useDispose, useHangup, useStartCall } from './useCallActions';
import type { DeskMode } from './useMyCampaign';
import { useCampaignNextLead, useNextLead, usePresence, useWorkspaceLead } from './useWorkspaceData';

/** What the server saves when a campaign's wrap-up time runs out before the agent saved one. */
export const WRAP_UP_TIMEOUT = 'wrap_up_timeout';

export type Phase = 'loading' | 'callError' | 'idle' | 'live' | 'wrapUp';

/** An inbound call ringing for the agent: not theirs until they accept it (the desk shows the offer, not the call). */
export type InboundRinging = { ringingCallId: string | null; offer: { callId: string; leadId: string; ownerId: string | null } | null; isPending: boolean };
const NOT_RINGING: InboundRinging = { ringingCallId: null, offer: null, isPending: false };

/**
 * The workspace as one state machine: which lead is on the card (the call's, one opened by hand
 * with ?lead=, or the next from the queue), and the call going through dial, live and wrap-up.
 * A call the server says is still ours (after a reload) is picked up again; in a campaign whose
 * dialer places the calls, that is how every call arrives.
 */
export function useWorkspaceFlow(mode: DeskMode = 'manual', campaign: Campaign | null = null, inbound: InboundRinging = NOT_RINGING) {
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const openedId = params.get('lead');
  const [skip, setSkip] = useState<string[]>([]);
  const [callId, setCallId] = useState<string | null>(null);
  /** A call that ended with nothing to wrap up (the provider refused it, or it was wrapped up elsewhere). */
  const [endedWithout, setEndedWithout] = useState<CallStatus | null>(null);
  /** The lead of the last call whose wrap-up time ran out (the server saved it), to say so. */
  const [timedOut, setTimedOut] = useState<string | null>(null);
  const inCampaign = mode !== 'manual';
  const closed = useRef(new Set<string>());

  const presence = usePresence();
  const { user } = useCurrentUser();
  const own = useNextLead(skip, mode === 'manual');
  const held = useCampaignNextLead(mode === 'preview' && campaign ? campaign.id : null);
  const next = mode === 'preview' ? held : own;
  const skipHeld = useMutation({
    mutationFn: (leadId: string) => campaignsApi.skip(campaign?.id ?? '', leadId),
    onSuccess: () => qc.invalidateQueries({ queryKey: workspaceKeys.nexts() }),
  });
  // The reason is kept on the server: the lead stays out of the queue after a reload, and its timeline says why.
  const recordSkip = useMutation({
    mutationFn: (body: SkipBody) => workspaceApi.skip(body),
    onSuccess: (_skip, { leadId }) => qc.invalidateQueries({ queryKey: leadKeys.timeline(leadId) }),
  });
  const call = useCall(callId);
  const start = useStartCall();
  const hangup = useHangup();
  const dispose = useDispose();

  const open = useCallback((leadId: string | null) => setParams(leadId ? { lead: leadId } : {}, { replace: true }), [setParams]);

  const p = presence.data;
  const serverCallId = p?.callId && CALL_STATES.has(p.state) ? p.callId : null;
  // Ringing with an inbound offer (or not yet known whether it is one): the offer card answers it first.
  const offered = serverCallId !== null && serverCallId === inbound.ringingCallId && (inbound.isPending || inbound.offer?.callId === serverCallId);
  useEffect(() => {
    if (callId || !serverCallId || offered || closed.current.has(serverCallId)) return;
    // A call arriving (the dialer's, or ours after a reload) replaces what was said about the last one.
    setCallId(serverCallId);
    setEndedWithout(null);
    setTimedOut(null);
  }, [callId, serverCallId, offered]);

  const c = call.data ?? null;
  const ended = c !== null && isTerminalStatus(c.status);
  // Handed to a colleague (a transfer): the call goes on, theirs to finish, so the desk lets it go.
  const handedOver = c !== null && !ended && c.agentId !== null && c.agentId !== user.id;
  const nothingToWrap = ((ended && !c.wrapUpPending) || handedOver) && c !== null && !dispose.isPending;
  useEffect(() => {
    if (!nothingToWrap || !c) return;
    closed.current.add(c.id);
    setCallId(null);
    if (c.disposition === WRAP_UP_TIMEOUT) {
      setTimedOut(c.leadName || null);
      setEndedWithout(null);
    } else setEndedWithout(handedOver ? null : c.status);
    // In a campaign the desk goes back to waiting (or the next held lead); by hand, the lead stays on the card.
    open(inCampaign ? null : c.leadId);
  }, [nothingToWrap, handedOver, c, open, inCampaign]);

  const phase: Phase =
    callId && !c ? (call.isError ? 'callError' : 'loading') : c && !ended ? 'live' : c?.wrapUpPending ? 'wrapUp' : callId ? 'loading' : 'idle';
  const queued = mode === 'manual' || mode === 'preview' ? (next.data?.lead?.id ?? null) : null;
  // The caller ringing in: their card opens with the ringing (the agent may read the lead while it rings).
  const ringingLead = inbound.offer?.leadId ?? null;
  const leadId = c?.leadId ?? (callId ? null : (ringingLead ?? openedId ?? queued));
  const lead = useWorkspaceLead(leadId);
  const origin: LeadOrigin = c
    ? { kind: 'call' }
    : ringingLead
      ? { kind: 'calling' }
      : openedId
        ? { kind: 'opened' }
        : mode === 'preview' && campaign
          ? { kind: 'campaign', name: campaign.name }
          : next.data?.reason === 'callback' && next.data.callback
            ? { kind: 'callback', callback: next.data.callback }
            : { kind: 'queue' };

  function dial(consentGiven?: boolean) {
    const l = lead.data;
    if (!l || l.dnd || phase !== 'idle' || start.isPending || offered) return;
    setEndedWithout(null);
    setTimedOut(null);
    // A held preview lead is dialed within its campaign; one opened by hand is the agent's own call.
    const campaignId = mode === 'preview' && campaign && !openedId ? campaign.id : undefined;
    start.mutate({ lead: l, consentGiven, campaignId }, { onSuccess: (made) => setCallId(made.id) });
  }

  async function callNow(cb: Callback) {
    if (phase !== 'idle' || start.isPending) return;
    open(cb.leadId);
    const l = await qc.fetchQuery({ queryKey: leadKeys.detail(cb.leadId), queryFn: ({ signal }) => leadsApi.get(cb.leadId, signal) });
    if (l.dnd) return;
    setEndedWithout(null);
    setTimedOut(null);
    start.mutate({ lead: l }, { onSuccess: (made) => setCallId(made.id) });
  }

  function skipLead(reason: SkipReason, note?: string) {
    const id = next.data?.lead?.id;
    if (!id || openedId || phase !== 'idle' || recordSkip.isPending || skipHeld.isPending) return;
    recordSkip.mutate(
      { leadId: id, reason, ...(note ? { note } : {}) },
      {
        onSuccess: () => {
          if (mode === 'preview') skipHeld.mutate(id);
          // Passed over in this visit too: a callback of theirs falling due waits as well.
          else setSkip((s) => [...s, id]);
        },
      },
    );
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
    /** An inbound call rings for the agent: nothing is dialled until they answer it. */
    ringing: offered,
    call: c,
    callQuery: call,
    lead,
    leadId,
    next,
    origin,
    openedId,
    endedWithout,
    timedOut,
    mode,
    campaign,
    dial,
    callNow: (cb: Callback) => void callNow(cb).catch(() => undefined),
    // Nothing to skip to: a lead opened by hand, or calls the dialer sends.
    skip: openedId || mode === 'auto' || mode === 'loading' ? undefined : skipLead,
    skipping: recordSkip.isPending || skipHeld.isPending,
    skipError: recordSkip.error ?? skipHeld.error,
    backToQueue: () => open(null),
    dismissCall: () => {
      if (callId) closed.current.add(callId);
      setCallId(null);
    },
    hangUp: () => c && !hangup.isPending && hangup.mutate(c.id),
    save,
    dialing: start.isPending || skipHeld.isPending,
    dialError: start.error && start.variables?.lead.id === leadId ? start.error : null,
    hangingUp: hangup.isPending,
    hangupError: hangup.error && hangup.variables === callId ? hangup.error : null,
    saving: dispose.isPending,
    saveError: dispose.error && dispose.variables?.callId === callId ? dispose.error : null,
  };
}

export type WorkspaceFlow = ReturnType<typeof useWorkspaceFlow>;
