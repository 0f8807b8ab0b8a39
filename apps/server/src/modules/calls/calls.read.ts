/**
 * Reading calls as each person may: one call, a page of calls, a call's transcript, and the live
 * changes a subscriber hears of. A call the actor may not see answers exactly like a missing one
 * (404), and so does an agent they do not act for, named in a list's filter or a subscription.
 */
import type { Call, CallListQuery, CallPage, CallWithLead, Transcript } from '@telehub/shared';
import { isStaff, watchedKey } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { AgentScope } from '../agents/index.js';
import type { LeadsService } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import { CallErrors } from './calls.errors.js';
import { callsPolicy } from './calls.policy.js';
import * as repo from './calls.repo.js';

/**
 * Which call changes one subscriber hears of (`sees`), and a name for what decides it: subscribers
 * with the same key see the same calls the same way, so one answer serves them all.
 */
export type CallWatch = {
  sees: (call: Pick<Call, 'agentId'>) => boolean;
  key: () => string;
  /** The one agent whose calls it can see, when it watches one agent only (a telecaller, or staff naming an agent). */
  only?: string;
};

export type CallsReaderDeps = {
  db: Db;
  leads: Pick<LeadsService, 'calls' | 'canSee'>;
  users: Pick<UsersService, 'namesByIds' | 'watched'>;
  /** Whose calls the actor reaches by agent: the rule callbacks and presence follow too. */
  agents: { scope: Pick<AgentScope, 'assertActsFor' | 'live'> };
};

export function createCallsReader(deps: CallsReaderDeps) {
  const { db } = deps;

  async function withLead(rows: repo.CallRow[]): Promise<CallWithLead[]> {
    const [briefs, names] = await Promise.all([
      deps.leads.calls.briefs(rows.map((r) => r.leadId)),
      deps.users.namesByIds(rows.flatMap((r) => (r.agentId ? [r.agentId] : []))),
    ]);
    return rows.map((r) => {
      const lead = briefs.get(r.leadId);
      return { ...repo.toCallDto(r), leadName: lead?.name ?? '', leadPhone: lead?.phone ?? '', agentName: r.agentId ? (names.get(r.agentId) ?? null) : null };
    });
  }

  /** The call if the actor may see it. */
  async function visible(actor: Actor, id: string): Promise<repo.CallRow> {
    const row = await repo.findCall(db, id);
    if (!row) throw CallErrors.CALL_NOT_FOUND();
    const watched = await deps.users.watched(actor);
    if (callsPolicy.canAct(actor, row, watched)) return row;
    if (!callsPolicy.canSee(actor, row, watched, await deps.leads.canSee(actor, row.leadId))) throw CallErrors.CALL_NOT_FOUND();
    return row;
  }

  /** The call if the actor may act on it (hang up, wrap up, supervise); one they only see answers 404 too. */
  async function actable(actor: Actor, id: string): Promise<repo.CallRow> {
    const row = await visible(actor, id);
    if (!callsPolicy.canAct(actor, row, await deps.users.watched(actor))) throw CallErrors.CALL_NOT_FOUND();
    return row;
  }

  return {
    visible,
    actable,

    /** The call if the actor may hear its recording: 403 for one they see but may not hear. */
    async hearable(actor: Actor, id: string): Promise<repo.CallRow> {
      const row = await visible(actor, id);
      if (!callsPolicy.canAct(actor, row, await deps.users.watched(actor))) throw CallErrors.RECORDING_FORBIDDEN();
      return row;
    },

    async get(actor: Actor, id: string): Promise<CallWithLead> {
      const [call] = await withLead([await visible(actor, id)]);
      if (!call) throw CallErrors.CALL_NOT_FOUND();
      return call;
    },

    /**
     * Calls, newest first. Admins: all. Others: the calls of the agents they watch (a telecaller:
     * their own), and with leadId every call of a lead they may see (its history). Naming an agent
     * they do not act for answers AGENT_NOT_FOUND, as that agent's callbacks and presence do.
     */
    async list(actor: Actor, q: CallListQuery): Promise<CallPage> {
      const { page, pageSize, ...f } = q;
      if (f.agentId !== undefined) await deps.agents.scope.assertActsFor(actor, f.agentId);
      let filter: repo.CallListFilter = f;
      const watched = await deps.users.watched(actor);
      const wholeLead = f.leadId !== undefined && (await deps.leads.canSee(actor, f.leadId));
      // Staff see a campaign's calls no agent took too (abandoned, machines, unanswered lead-first lines): campaigns are theirs to run.
      const agentless = isStaff(actor) && f.campaignId !== undefined && f.agentId === undefined;
      if (watched !== null && !wholeLead) filter = { ...f, agentIds: f.agentId ? [f.agentId] : [...watched], agentless };
      const { rows, total } = await repo.listCalls(db, filter, pageSize, (page - 1) * pageSize);
      // Whoever sees a lead sees all its calls; a recording only plays to those who act on the call.
      const items = (await withLead(rows)).map((c) => ({ ...c, canHearRecording: callsPolicy.canAct(actor, c, watched) }));
      return { items, total, page, pageSize };
    },

    /**
     * Which call changes the actor hears of, event by event: a telecaller their own calls, whatever
     * `agentId` says; staff the calls of the agents they watch (callsPolicy.canAct), or of the one
     * named (AGENT_NOT_FOUND if they do not watch them). A call's lead, name and phone, goes with
     * it, as GET /calls/:id answers the same people. The scope follows team changes.
     */
    async watcher(actor: Actor, agentId: string | undefined, onError: (err: unknown) => void): Promise<CallWatch> {
      // A telecaller hears of their own calls, whatever they ask for; their scope cannot change.
      if (!isStaff(actor)) return { sees: (call) => call.agentId === actor.id, key: () => `self:${actor.id}`, only: actor.id };
      const named = agentId;
      if (named !== undefined) await deps.agents.scope.assertActsFor(actor, named);
      const scope = await deps.agents.scope.live(actor, onError);
      if (named !== undefined)
        return { sees: (call) => call.agentId === named && scope.actsFor(named), key: () => `agent:${actor.role}:${named}`, only: named };
      return { sees: (call) => callsPolicy.canAct(actor, call, scope.watched()), key: () => `watched:${actor.role}:${watchedKey(scope.watched())}` };
    },

    async transcript(actor: Actor, id: string, afterSeq: number): Promise<Transcript> {
      await visible(actor, id);
      const rows = await repo.listSegments(db, id, afterSeq);
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          callId: r.callId,
          seq: r.seq,
          speaker: r.speaker === 'agent' ? 'agent' : 'lead',
          language: r.language === 'hi' ? 'hi' : r.language === 'hinglish' ? 'hinglish' : 'en',
          text: r.text,
          startMs: r.startMs,
          endMs: r.endMs,
          source: r.source === 'recording' ? 'recording' : 'live',
        })),
      };
    },
  };
}

export type CallsReader = ReturnType<typeof createCallsReader>;
