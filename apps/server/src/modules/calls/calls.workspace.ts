/**
 * The telecaller's workspace: the next lead (callbacks due first, then the assigned queue),
 * today's counters, callbacks, and presence set by the agent.
 */
import type { Callback, CallbackList, CallbackStatus, NextLead, Presence, SetPresenceBody, TodayCounters } from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { LeadsService } from '../leads/index.js';
import type { CallbacksService } from './calls.callbacks.js';
import { CallErrors } from './calls.errors.js';
import { startOfLocalDay } from './calls.gates.js';
import { callsPolicy } from './calls.policy.js';
import type { PresenceService } from './calls.presence.js';
import * as repo from './calls.repo.js';

/** A callback counts as due a few minutes early, so the agent is ready on time. */
const DUE_SOON_MS = 5 * 60_000;

export function createWorkspace(deps: {
  db: Db;
  clock: Clock;
  timeZone: string;
  leads: Pick<LeadsService, 'get' | 'calls'>;
  callbacks: CallbacksService;
  presence: PresenceService;
}) {
  const { db, clock } = deps;

  async function ownCallback(actor: Actor, id: string) {
    const row = await deps.callbacks.find(id);
    if (!row || (!callsPolicy.staff(actor) && row.agentId !== actor.id)) throw CallErrors.CALLBACK_NOT_FOUND();
    return row;
  }

  return {
    async next(actor: Actor, skip: string[]): Promise<NextLead> {
      const now = clock.now();
      const due = (await deps.callbacks.dueFor(actor.id, new Date(now.getTime() + DUE_SOON_MS))).filter((c) => !skip.includes(c.leadId));
      const later = await deps.callbacks.laterLeadIds(actor.id, new Date(now.getTime() + DUE_SOON_MS));
      const exclude = [...new Set([...later, ...skip, ...due.map((d) => d.leadId)])];
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

    async today(actor: Actor): Promise<TodayCounters> {
      const since = startOfLocalDay(clock.now(), deps.timeZone);
      const { totals, byDisposition } = await repo.countersSince(db, actor.id, since);
      return {
        calls: totals.calls,
        connects: totals.connects,
        talkSeconds: totals.talk,
        dispositions: Object.fromEntries(byDisposition.flatMap((d) => (d.code ? [[d.code, d.n]] : []))),
      };
    },

    async callbacks(actor: Actor, q: { status: CallbackStatus; agentId?: string }): Promise<CallbackList> {
      const agentId = q.agentId && callsPolicy.staff(actor) ? q.agentId : actor.id;
      const items = await deps.callbacks.listFor(agentId, q.status);
      // Overdue first (oldest first), then upcoming by time.
      const sorted = [...items.filter((c) => c.overdue), ...items.filter((c) => !c.overdue)];
      return { items: sorted };
    },

    async updateCallback(actor: Actor, id: string, body: { status?: 'done' | 'canceled' | 'pending'; dueAt?: string }): Promise<Callback> {
      await ownCallback(actor, id);
      const dueAt = body.dueAt ? new Date(body.dueAt) : undefined;
      if (dueAt && dueAt <= clock.now()) throw CallErrors.CALLBACK_TIME_PAST('dueAt: must be in the future');
      const row = await deps.callbacks.update(id, { status: body.status, dueAt });
      const [cb] = row ? await deps.callbacks.present([row]) : [];
      if (!cb) throw CallErrors.CALLBACK_NOT_FOUND();
      return cb;
    },

    presenceOf: (actor: Actor) => deps.presence.get(actor.id),

    /** Available, break or offline, as the agent says; refused while a call still needs them. */
    async setPresence(actor: Actor, body: SetPresenceBody): Promise<Presence> {
      const open = await repo.openCallOf(db, actor.id);
      if (open) throw CallErrors.PRESENCE_ON_CALL();
      return deps.presence.set(actor.id, body.state, { reason: body.state === 'break' ? body.reason : null });
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspace>;
