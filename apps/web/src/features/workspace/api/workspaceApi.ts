import {
  type Call,
  type Callback,
  type CallbackList,
  type InboundCall,
  type NextLead,
  PRESENCE_STATES,
  type Presence,
  type PresenceState,
  type SetPresenceBody,
  type Skip,
  type SkipBody,
  type TodayCounters,
} from '@telehub/shared';
import { api } from '../../../lib/api';
import { ApiError } from '../../../lib/errors';
import { graphql } from '../../../lib/graphql';

const PRESENCE = 'userId state reason since callId campaign { id name } next { state reason campaign { id } }';

/** The agent's own state as it changes, the current one first (on the shared socket). */
export const PRESENCE_CHANGED = `subscription MyPresence($userId: ID) { presenceChanged(userId: $userId) { ${PRESENCE} } }`;

/** Presence as GraphQL sends it: the state upper-case, since null for an agent never signed in to the floor. */
export type LivePresence = {
  userId: string;
  state: string;
  reason: string | null;
  since: string | null;
  callId: string | null;
  /** The running campaign the agent works; null: click-to-call. */
  campaign: { id: string; name: string } | null;
  /** Where the agent goes once their call is done. */
  next?: { state: string; reason: string | null; campaign: { id: string } | null } | null;
};

const isState = (v: string): v is PresenceState => (PRESENCE_STATES as readonly string[]).includes(v);
const EPOCH = new Date(0).toISOString();

/** In REST's shape (the presence control reads one shape), or null for a state this client does not know. */
export function toPresence(p: LivePresence): Presence | null {
  const state = p.state.toLowerCase();
  const after = p.next?.state.toLowerCase();
  const next: Presence['next'] =
    p.next && (after === 'available' || after === 'break' || after === 'offline')
      ? { state: after, reason: p.next.reason, campaignId: p.next.campaign?.id ?? null }
      : null;
  return isState(state)
    ? { userId: p.userId, state, reason: p.reason, since: p.since ?? EPOCH, callId: p.callId, campaignId: p.campaign?.id ?? null, next }
    : null;
}

export const workspaceApi = {
  /** Skipped leads go as repeated `skip` parameters. */
  next: (skip: readonly string[], signal?: AbortSignal) => {
    const qs = new URLSearchParams(skip.map((id) => ['skip', id])).toString();
    return api<NextLead>(`/workspace/next${qs ? `?${qs}` : ''}`, { signal });
  },
  /** Skips a lead with the reason: it stays out of the queue for the day, on every device. */
  skip: (body: SkipBody) => api<Skip>('/workspace/skips', { method: 'POST', body }),
  today: (signal?: AbortSignal) => api<TodayCounters>('/workspace/today', { signal }),
  callbacks: (signal?: AbortSignal) => api<CallbackList>('/callbacks', { query: { status: 'pending' }, signal }),
  closeCallback: (id: string) => api<Callback>(`/callbacks/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status: 'done' } }),
  presence: async (signal?: AbortSignal): Promise<Presence> => {
    const { myPresence } = await graphql<{ myPresence: LivePresence }>(`query MyPresence { myPresence { ${PRESENCE} } }`, undefined, signal);
    const p = toPresence(myPresence);
    if (!p) throw new ApiError({ status: 500, code: 'UNKNOWN_PRESENCE', message: `Unknown presence state ${myPresence.state}` });
    return p;
  },
  setPresence: (body: SetPresenceBody) => api<Presence>('/presence/me', { method: 'PUT', body }),
  /** The inbound call ringing for the agent now, if any. */
  offer: async (signal?: AbortSignal) => (await api<{ offer: InboundCall | null }>('/inbound/offer', { signal })).offer,
  accept: (callId: string) => api<Call>(`/calls/${encodeURIComponent(callId)}/accept`, { method: 'POST' }),
  reject: (callId: string) => api<null>(`/calls/${encodeURIComponent(callId)}/reject`, { method: 'POST' }),
  /** Missed callers in the agent's team's queue, nobody's yet. */
  teamCallbacks: (signal?: AbortSignal) => api<CallbackList>('/callbacks/team', { signal }),
  claim: (id: string) => api<Callback>(`/callbacks/${encodeURIComponent(id)}/claim`, { method: 'POST' }),
};
