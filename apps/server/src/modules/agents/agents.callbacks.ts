/** Callbacks promised in wrap-up: reminders that pop when due, listed overdue first. */
import type { Callback, CallbackStatus } from '@telehub/shared';
import { and, asc, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/context.js';
import { type Db, idIn } from '../../platform/db/client.js';
import type { LeadDataHolder, LeadsService } from '../leads/index.js';
import { callbacks } from './agents.tables.js';

type Row = typeof callbacks.$inferSelect;
export function createCallbacks(deps: { db: Db; clock: Clock; leads: Pick<LeadsService, 'calls'> }) {
  const holder: LeadDataHolder = {
    name: 'callbacks',
    tables: ['callbacks'],
    async move(tx, fromId, toId) {
      return (await tx.update(callbacks).set({ leadId: toId }).where(eq(callbacks.leadId, fromId)).returning({ id: callbacks.id })).map((r) => r.id);
    },
    async restore(tx, undo, fromId) {
      const ids = undo as string[];
      if (ids.length > 0) await tx.update(callbacks).set({ leadId: fromId }).where(idIn(callbacks.id, ids));
    },
    async export(lead) {
      const rows = await deps.db.select().from(callbacks).where(eq(callbacks.leadId, lead.id)).orderBy(asc(callbacks.createdAt));
      return rows.map((r) => ({ dueAt: r.dueAt.toISOString(), status: r.status, notes: r.notes, createdAt: r.createdAt.toISOString() }));
    },
    async erase(tx, lead) {
      await tx.delete(callbacks).where(eq(callbacks.leadId, lead.id));
    },
    /** A departing agent's pending callbacks go to a colleague, or wait in their team's queue for anyone to claim. */
    handOver: {
      async count(db, userId) {
        const [row] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(callbacks)
          .where(and(eq(callbacks.agentId, userId), eq(callbacks.status, 'pending')));
        return row?.n ?? 0;
      },
      async move(tx, v) {
        const set = v.toId ? { agentId: v.toId } : { agentId: null, teamId: v.teamId };
        const rows = await tx
          .update(callbacks)
          .set(set)
          .where(and(eq(callbacks.agentId, v.fromId), eq(callbacks.status, 'pending')))
          .returning({ id: callbacks.id });
        return rows.length;
      },
    },
  };

  const { db, clock } = deps;

  async function present(rows: Row[]): Promise<Callback[]> {
    const now = clock.now();
    const briefs = await deps.leads.calls.briefs(rows.map((r) => r.leadId));
    return rows.flatMap((r) => {
      const lead = briefs.get(r.leadId);
      if (!lead) return [];
      return [
        {
          id: r.id,
          leadId: r.leadId,
          leadName: lead.name,
          leadPhone: lead.phone,
          agentId: r.agentId,
          callId: r.callId,
          dueAt: r.dueAt.toISOString(),
          notes: r.notes,
          status: r.status as CallbackStatus,
          overdue: r.status === 'pending' && r.dueAt < now,
          createdAt: r.createdAt.toISOString(),
          source: r.source === 'missed_call' ? ('missed_call' as const) : ('wrap_up' as const),
          teamId: r.teamId,
        },
      ];
    });
  }

  return {
    present,
    /** Callbacks are lead data: they follow a merge and leave with an erased person. */
    dataHolder: holder,

    /** Closes the agent's pending callbacks for this lead (a call happened) and, given a time, sets a new one. */
    async replaceForLead(
      tx: Db,
      v: { leadId: string; agentId: string | null; callId: string | null; dueAt: Date | null; notes: string | null },
    ): Promise<void> {
      const now = clock.now();
      await tx
        .update(callbacks)
        .set({ status: 'done', closedAt: now })
        .where(and(eq(callbacks.leadId, v.leadId), eq(callbacks.status, 'pending')));
      if (v.dueAt)
        await tx.insert(callbacks).values({ leadId: v.leadId, agentId: v.agentId, callId: v.callId, dueAt: v.dueAt, notes: v.notes, status: 'pending' });
    },

    /**
     * A caller nobody answered is owed a call: for their owner, or in the team's queue when there
     * is none. A pending missed-call callback for the lead is moved to the new due time rather than
     * doubled (a caller who rings three times gets one callback).
     */
    async addMissed(tx: Db, v: { leadId: string; agentId: string | null; teamId: string | null; callId: string; dueAt: Date; notes: string }): Promise<string> {
      const [open] = await tx
        .select({ id: callbacks.id, dueAt: callbacks.dueAt })
        .from(callbacks)
        .where(and(eq(callbacks.leadId, v.leadId), eq(callbacks.status, 'pending'), eq(callbacks.source, 'missed_call')))
        .limit(1)
        .for('update');
      if (open) {
        await tx
          .update(callbacks)
          .set({ callId: v.callId, notes: v.notes, dueAt: open.dueAt < v.dueAt ? open.dueAt : v.dueAt, agentId: v.agentId, teamId: v.teamId })
          .where(eq(callbacks.id, open.id));
        return open.id;
      }
      const [row] = await tx
        .insert(callbacks)
        .values({
          leadId: v.leadId,
          agentId: v.agentId,
          teamId: v.teamId,
          callId: v.callId,
          dueAt: v.dueAt,
          notes: v.notes,
          status: 'pending',
          source: 'missed_call',
        })
        .returning({ id: callbacks.id });
      if (!row) throw new Error('callback not stored');
      return row.id;
    },

    /**
     * Missed calls waiting in these teams' queues, and those of callers with no team at all (no
     * agent has them yet), with the callbacks a departing agent handed to their team's queue,
     * oldest due first.
     */
    async teamQueue(teamIds: string[], limit = 200): Promise<Callback[]> {
      const team = teamIds.length > 0 ? or(idIn(callbacks.teamId, teamIds), isNull(callbacks.teamId)) : isNull(callbacks.teamId);
      const rows = await db
        .select()
        .from(callbacks)
        .where(
          and(
            team,
            isNull(callbacks.agentId),
            eq(callbacks.status, 'pending'),
            // A wrap-up callback has a team only when its agent left and handed it to the team.
            or(eq(callbacks.source, 'missed_call'), isNotNull(callbacks.teamId)),
          ),
        )
        .orderBy(asc(callbacks.dueAt))
        .limit(limit);
      return present(rows);
    },

    /** Takes a team-queue callback for the agent; false when someone else took it first. */
    async claim(id: string, agentId: string): Promise<boolean> {
      const rows = await db
        .update(callbacks)
        .set({ agentId })
        .where(and(eq(callbacks.id, id), isNull(callbacks.agentId), eq(callbacks.status, 'pending')))
        .returning({ id: callbacks.id });
      return rows.length > 0;
    },

    /** Pending (or other) callbacks of an agent: overdue first, then by due time. */
    async listFor(agentId: string, status: CallbackStatus = 'pending', limit = 200): Promise<Callback[]> {
      const rows = await db
        .select()
        .from(callbacks)
        .where(and(eq(callbacks.agentId, agentId), eq(callbacks.status, status)))
        .orderBy(asc(callbacks.dueAt))
        .limit(limit);
      return present(rows);
    },

    /** The agent's callbacks due by `by` (the next-lead card takes the earliest). */
    async dueFor(agentId: string, by: Date): Promise<Row[]> {
      return db
        .select()
        .from(callbacks)
        .where(and(eq(callbacks.agentId, agentId), eq(callbacks.status, 'pending'), lte(callbacks.dueAt, by)))
        .orderBy(asc(callbacks.dueAt))
        .limit(50);
    },

    /** Leads with a callback pending later than `after` (kept out of the queue until then). */
    async laterLeadIds(agentId: string, after: Date): Promise<string[]> {
      const rows = await db
        .select({ leadId: callbacks.leadId, dueAt: callbacks.dueAt })
        .from(callbacks)
        .where(and(eq(callbacks.agentId, agentId), eq(callbacks.status, 'pending')))
        .limit(2000);
      return rows.filter((r) => r.dueAt > after).map((r) => r.leadId);
    },

    /** Pending callbacks that fell due before `dueBefore`, the oldest first (the floor's alerts). */
    async overdue(dueBefore: Date): Promise<{ id: string; agentId: string | null; leadId: string; dueAt: Date; source: string; teamId: string | null }[]> {
      return db
        .select({
          id: callbacks.id,
          agentId: callbacks.agentId,
          leadId: callbacks.leadId,
          dueAt: callbacks.dueAt,
          source: callbacks.source,
          teamId: callbacks.teamId,
        })
        .from(callbacks)
        .where(and(eq(callbacks.status, 'pending'), lt(callbacks.dueAt, dueBefore)))
        .orderBy(asc(callbacks.dueAt))
        .limit(500);
    },

    /** The lead's pending callback due soonest (a follow-up reminds the lead of it). */
    async pendingOf(leadId: string, tx: Db = db): Promise<{ id: string; dueAt: Date } | undefined> {
      const [row] = await tx
        .select({ id: callbacks.id, dueAt: callbacks.dueAt })
        .from(callbacks)
        .where(and(eq(callbacks.leadId, leadId), eq(callbacks.status, 'pending')))
        .orderBy(asc(callbacks.dueAt))
        .limit(1);
      return row;
    },

    /** The state and time of these callbacks (absent: gone with an erased or merged-away lead). */
    async states(ids: string[]): Promise<Map<string, { status: string; dueAt: Date }>> {
      if (ids.length === 0) return new Map();
      const rows = await db.select({ id: callbacks.id, status: callbacks.status, dueAt: callbacks.dueAt }).from(callbacks).where(idIn(callbacks.id, ids));
      return new Map(rows.map((r) => [r.id, { status: r.status, dueAt: r.dueAt }]));
    },

    async find(id: string): Promise<Row | undefined> {
      const [row] = await db.select().from(callbacks).where(eq(callbacks.id, id)).limit(1);
      return row;
    },

    async update(id: string, v: { status?: CallbackStatus; dueAt?: Date }): Promise<Row | undefined> {
      const [row] = await db
        .update(callbacks)
        .set({ ...v, ...(v.status && v.status !== 'pending' ? { closedAt: clock.now() } : {}) })
        .where(eq(callbacks.id, id))
        .returning();
      return row;
    },
  };
}

export type CallbacksService = ReturnType<typeof createCallbacks>;
