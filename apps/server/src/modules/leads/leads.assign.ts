/**
 * Bulk ownership changes for the assignment rules, the SLA sweep and the "assign selected" action.
 * Every change lands in the lead's timeline with its reason.
 */
import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import { type Db, idIn, rowsOf } from '../../platform/db/client.js';
import type { AuditService } from '../audit/index.js';
import { activities, leads } from './leads.tables.js';

/** Statuses in which a lead is still being worked: they count against a telecaller's cap. */
export const OPEN_STATUSES = ['new', 'contacted', 'interested', 'callback'] as const;

export type AssignmentReason = 'manual' | 'rule' | 'sla' | 'hand_over';
export type AssignCandidate = { id: string; language: string | null; tags: string[]; ownerId: string | null };

export function createLeadAssignments(deps: { db: Db; clock: Clock; audit: Pick<AuditService, 'record'> }) {
  const { db, clock } = deps;
  return {
    /**
     * Sets owners in one statement and writes one timeline entry per lead that changed. With
     * `expectedOwner`, a lead whose owner changed meanwhile is left alone (no lost updates).
     */
    async assignMany(
      actor: Actor,
      items: { leadId: string; ownerId: string | null; expectedOwner?: string | null }[],
      reason: AssignmentReason,
    ): Promise<number> {
      if (items.length === 0) return 0;
      const now = clock.now();
      const payload = JSON.stringify(
        items.map((i) => ({ lead_id: i.leadId, owner_id: i.ownerId, expected: i.expectedOwner === undefined ? 'any' : (i.expectedOwner ?? 'none') })),
      );
      return db.transaction(async (tx) => {
        const changed = rowsOf<{ id: string; from: string | null; to: string | null }>(
          await tx.execute(sql`
            with v as (select * from jsonb_to_recordset(${payload}::jsonb) as x(lead_id uuid, owner_id uuid, expected text)),
            old as (select l.id, l.owner_id from ${leads} l join v on v.lead_id = l.id where l.deleted_at is null for update of l)
            update ${leads} l set owner_id = v.owner_id, assigned_at = case when v.owner_id is null then null else ${now}::timestamptz end, updated_at = ${now}::timestamptz
            from v, old
            where l.id = v.lead_id and old.id = l.id and l.owner_id is distinct from v.owner_id
              and (v.expected = 'any' or (v.expected = 'none' and old.owner_id is null) or old.owner_id::text = v.expected)
            returning l.id, old.owner_id as "from", l.owner_id as "to"`),
        );
        if (changed.length === 0) return 0;
        const rows = JSON.stringify(changed.map((c) => ({ lead_id: c.id, data: { from: c.from, to: c.to, reason } })));
        await tx.execute(sql`
          insert into ${activities} (lead_id, type, actor_id, data, created_at)
          select x.lead_id, 'assignment', ${actorRef(actor)}::uuid, x.data, ${now}::timestamptz
          from jsonb_to_recordset(${rows}::jsonb) as x(lead_id uuid, data jsonb)`);
        await deps.audit.record(actor, { action: 'lead.assign', entityType: 'lead', details: { count: changed.length, reason } }, tx);
        return changed.length;
      });
    },

    /** Live, unowned leads (all, or among `leadIds`), oldest first. */
    async unowned(limit: number, leadIds?: string[]): Promise<AssignCandidate[]> {
      return db
        .select({ id: leads.id, language: leads.language, tags: leads.tags, ownerId: leads.ownerId })
        .from(leads)
        .where(and(isNull(leads.deletedAt), isNull(leads.ownerId), inArray(leads.status, [...OPEN_STATUSES]), leadIds ? idIn(leads.id, leadIds) : undefined))
        .orderBy(leads.createdAt)
        .limit(limit);
    },

    /** Owned open leads assigned before `before` that nobody has worked since. */
    async untouchedSince(before: Date, limit: number): Promise<AssignCandidate[]> {
      return db
        .select({ id: leads.id, language: leads.language, tags: leads.tags, ownerId: leads.ownerId })
        .from(leads)
        .where(
          and(
            isNull(leads.deletedAt),
            isNotNull(leads.ownerId),
            inArray(leads.status, [...OPEN_STATUSES]),
            lt(leads.assignedAt, before),
            or(isNull(leads.lastTouchedAt), lt(leads.lastTouchedAt, leads.assignedAt)),
          ),
        )
        .orderBy(leads.assignedAt)
        .limit(limit);
    },

    /**
     * A departing user's open leads go to `toId` (null: the unowned pool) inside the caller's
     * transaction, each with a timeline entry; returns how many moved.
     */
    async handOver(tx: Db, v: { actor: Actor; fromId: string; toId: string | null }): Promise<number> {
      const now = clock.now();
      const moved = await tx
        .update(leads)
        .set({ ownerId: v.toId, assignedAt: v.toId ? now : null, updatedAt: now })
        .where(and(eq(leads.ownerId, v.fromId), isNull(leads.deletedAt), inArray(leads.status, [...OPEN_STATUSES])))
        .returning({ id: leads.id });
      if (moved.length === 0) return 0;
      await tx.insert(activities).values(
        moved.map((m) => ({
          leadId: m.id,
          type: 'assignment',
          actorId: actorRef(v.actor),
          data: { from: v.fromId, to: v.toId, reason: 'hand_over' },
          createdAt: now,
        })),
      );
      await deps.audit.record(
        v.actor,
        { action: 'lead.assign', entityType: 'lead', details: { count: moved.length, reason: 'hand_over', from: v.fromId, to: v.toId } },
        tx,
      );
      return moved.length;
    },

    /** How many open leads the user owns, read through `db` (which may be a transaction). */
    async openCountOf(db: Db, userId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(leads)
        .where(and(eq(leads.ownerId, userId), isNull(leads.deletedAt), inArray(leads.status, [...OPEN_STATUSES])));
      return row?.n ?? 0;
    },

    /** Open leads each user holds. */
    async openCounts(userIds: string[]): Promise<Map<string, number>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .select({ ownerId: leads.ownerId, n: sql<number>`count(*)::int` })
        .from(leads)
        .where(and(isNull(leads.deletedAt), inArray(leads.ownerId, userIds), inArray(leads.status, [...OPEN_STATUSES])))
        .groupBy(leads.ownerId);
      return new Map(rows.flatMap((r) => (r.ownerId ? [[r.ownerId, r.n] as const] : [])));
    },
  };
}
