/**
 * The telecaller's workspace: the next lead (callbacks due first, then the assigned queue less
 * the leads the agent skipped today), skips with their reason, callbacks, and presence set by the agent.
 */
import type { Callback, CallbackList, CallbackStatus, NextLead, Presence, SetPresenceBody, Skip, SkipBody, SkipRules } from '@telehub/shared';
import type { ScopeOf } from '../../platform/auth/roles.js';
import type { Actor, Clock } from '../../platform/context.js';
import type { LeadsService } from '../leads/index.js';
import type { CallbacksService } from './agents.callbacks.js';
import { AgentErrors } from './agents.errors.js';
import { agentsPolicy } from './agents.policy.js';
import { isFree, ON_A_CALL, type PresenceService } from './agents.presence.js';
import type { AgentScope } from './agents.scope.js';
import type { SkipsService } from './agents.skips.js';

/** A callback counts as due a few minutes early, so the agent is ready on time. */
const DUE_SOON_MS = 5 * 60_000;

export function createWorkspace(deps: {
  clock: Clock;
  leads: Pick<LeadsService, 'get' | 'calls'>;
  callbacks: CallbacksService;
  presence: PresenceService;
  skips: SkipsService;
  /** Which agents a staff member watches (null: everyone); a telecaller sees only their own things. */
  scope: ScopeOf;
  /** Whose agent things the actor reaches (agents.scope): the one rule calls and GraphQL use too. */
  agents: Pick<AgentScope, 'assertActsFor'>;
  joinable: (agentId: string, campaignId: string) => Promise<void>;
  /** Lines the dialer has out for the campaign's free agents: dialled lead-first, not yet with an agent. */
  linesOut: (campaignId: string) => Promise<number>;
}) {
  const { clock } = deps;

  async function ownCallback(actor: Actor, id: string) {
    const row = await deps.callbacks.find(id);
    if (!row || !(await agentsPolicy.canActFor(actor, row.agentId, deps.scope))) throw AgentErrors.CALLBACK_NOT_FOUND();
    return row;
  }

  /** Whether the campaign's lines out need this agent: more of them than the other free agents who stay. */
  async function linesNeed(agentId: string, campaignId: string) {
    const out = await deps.linesOut(campaignId);
    if (out === 0) return false;
    const others = (await deps.presence.inCampaign(campaignId)).filter((p) => p.userId !== agentId && isFree(p)).length;
    return out > others;
  }

  return {
    /**
     * `skip`: leads passed over in this visit (left out entirely); leads skipped with a reason
     * stay out of the queue until their skip ends, but a callback of theirs falling due still comes first.
     */
    async next(actor: Actor, skip: string[]): Promise<NextLead> {
      const now = clock.now();
      const due = (await deps.callbacks.dueFor(actor.id, new Date(now.getTime() + DUE_SOON_MS))).filter((c) => !skip.includes(c.leadId));
      const later = await deps.callbacks.laterLeadIds(actor.id, new Date(now.getTime() + DUE_SOON_MS));
      const skipped = await deps.skips.activeLeadIds(actor.id, now);
      const exclude = [...new Set([...later, ...skip, ...skipped, ...due.map((d) => d.leadId)])];
      const queue = await deps.leads.calls.queueFor(actor.id, { exclude, limit: 1 });
      const remaining = due.length + queue.total;
      const first = due[0];
      if (first) {
        const [callback] = await deps.callbacks.present([first]);
        const lead = await deps.leads.get(actor, first.leadId).catch(() => null);
        if (lead && callback) return { lead, reason: 'callback', callback, remaining: remaining - 1 };
      }
      const leadId = queue.ids[0];
      if (!leadId) return { lead: null, reason: null, callback: null, remaining: 0 };
      return { lead: await deps.leads.get(actor, leadId), reason: 'queue', callback: null, remaining: remaining - 1 };
    },

    /** The agent skips a lead, saying why. */
    skip: (actor: Actor, body: SkipBody): Promise<Skip> => deps.skips.record(actor, body),
    skipRules: (): Promise<SkipRules> => deps.skips.rules(),
    setSkipRules: (body: SkipRules): Promise<SkipRules> => deps.skips.setRules(body),

    async callbacks(actor: Actor, q: { status: CallbackStatus; agentId?: string }): Promise<CallbackList> {
      const agentId = q.agentId ?? actor.id;
      await deps.agents.assertActsFor(actor, agentId);
      const items = await deps.callbacks.listFor(agentId, q.status);
      // Overdue first (oldest first), then upcoming by time.
      const sorted = [...items.filter((c) => c.overdue), ...items.filter((c) => !c.overdue)];
      return { items: sorted };
    },

    async updateCallback(actor: Actor, id: string, body: { status?: 'done' | 'canceled' | 'pending'; dueAt?: string }): Promise<Callback> {
      await ownCallback(actor, id);
      const dueAt = body.dueAt ? new Date(body.dueAt) : undefined;
      if (dueAt && dueAt <= clock.now()) throw AgentErrors.CALLBACK_TIME_PAST('dueAt: must be in the future');
      const row = await deps.callbacks.update(id, { status: body.status, dueAt });
      const [cb] = row ? await deps.callbacks.present([row]) : [];
      if (!cb) throw AgentErrors.CALLBACK_NOT_FOUND();
      return cb;
    },

    presenceOf: (actor: Actor) => deps.presence.get(actor.id),

    /**
     * Available, break or offline, as the agent says; refused while a call holds them (ringing, on
     * it, wrap-up) unless asked for `afterCall`: then the move waits for the call to be done. An
     * agent free in a campaign whose dialer has lines out that the other free agents cannot take
     * waits too (afterCall), so a lead who answers is not abandoned because they left; the dialer
     * lets them go as those lines settle.
     */
    async setPresence(actor: Actor, body: SetPresenceBody): Promise<Presence> {
      // available with a campaignId joins that campaign (null leaves it); a break keeps the agent in theirs.
      const campaignId = body.state === 'available' ? body.campaignId : undefined;
      if (campaignId) await deps.joinable(actor.id, campaignId);
      const reason = body.state === 'break' ? body.reason : null;
      // A break, going offline and leaving the campaign may wait; joining or staying never does.
      const leaves = body.state !== 'available' || body.campaignId === null;
      const before = await deps.presence.get(actor.id);
      const counted =
        body.afterCall === true && leaves && before.state === 'available' && before.campaignId !== null && (await linesNeed(actor.id, before.campaignId));
      // Read and moved under the agent's lock: a call the dialer hands them meanwhile wins, or waits.
      const { presence } = await deps.presence.change(actor.id, (current) => {
        const onCall = ON_A_CALL.includes(current.state);
        const waitForLines = counted && current.state === 'available' && current.campaignId === before.campaignId;
        if (!onCall && !waitForLines) return { state: body.state, reason, campaignId };
        if (!body.afterCall) throw AgentErrors.PRESENCE_ON_CALL();
        const stays = { state: current.state, reason: current.reason, callId: current.callId, campaignId: current.campaignId };
        if (!leaves) {
          // Back to available in this campaign is where the call ends anyway: it cancels an earlier move.
          if (campaignId && campaignId !== current.campaignId) throw AgentErrors.PRESENCE_ON_CALL();
          return { ...stays, next: null };
        }
        return { ...stays, next: { state: body.state, reason, campaignId: body.state === 'break' ? current.campaignId : null } };
      });
      return presence;
    },

    /** Staff move an agent they watch into a campaign (or out of theirs); the agent keeps their state. */
    async moveAgent(actor: Actor, userId: string, campaignId: string | null): Promise<Presence> {
      await deps.agents.assertActsFor(actor, userId);
      const current = await deps.presence.get(userId);
      if (current.state === 'offline') throw AgentErrors.AGENT_OFFLINE();
      if (campaignId) await deps.joinable(userId, campaignId);
      return deps.presence.set(userId, current.state, { reason: current.reason, callId: current.callId, campaignId });
    },

    /** An agent's states over a period: their own, or, for staff, an agent they watch. */
    async presenceHistory(actor: Actor, userId: string, from: Date, to: Date) {
      await deps.agents.assertActsFor(actor, userId);
      return { items: await deps.presence.history(userId, from, to) };
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspace>;
