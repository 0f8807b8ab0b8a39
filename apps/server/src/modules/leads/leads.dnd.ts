/** DND (NCPR registry) flags on leads, set by the compliance module's registry. */
import { and, gt, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/context.js';
import { type Db, idIn, rowsOf } from '../../platform/db/client.js';
import { leads } from './leads.tables.js';

export type DndMark = { phone: string; blocked: boolean; categories: number[] | null };

export function createLeadDnd(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    /** Sets the flag of every live lead with one of these phones; returns how many changed. */
    async apply(marks: DndMark[]): Promise<number> {
      if (marks.length === 0) return 0;
      const rows = rowsOf<{ n: number }>(
        await db.execute(sql`
          with e as (select * from jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as x(phone text, blocked boolean, categories int[])),
          u as (
            update ${leads} l set dnd = e.blocked, dnd_categories = e.categories, dnd_checked_at = ${clock.now()}::timestamptz
            from e where l.phone = e.phone and l.deleted_at is null
              and (l.dnd is distinct from e.blocked or l.dnd_categories is distinct from e.categories or l.dnd_checked_at is null)
            returning 1
          )
          select count(*)::int as n from u`),
      );
      return rows[0]?.n ?? 0;
    },

    /** The phones of these leads (live ones). */
    async phonesOf(leadIds: string[]): Promise<{ id: string; phone: string }[]> {
      if (leadIds.length === 0) return [];
      return db
        .select({ id: leads.id, phone: leads.phone })
        .from(leads)
        .where(and(isNull(leads.deletedAt), idIn(leads.id, leadIds)));
    },

    /** Live leads changed (or created) after `since`, in (updatedAt, id) order, for the scrub sweep. */
    async changedSince(since: Date, after: { updatedAt: Date; id: string } | undefined, limit: number) {
      const cursor = after ? sql`(${leads.updatedAt}, ${leads.id}) > (${after.updatedAt}, ${after.id})` : sql`${leads.updatedAt} > ${since}`;
      return db
        .select({ id: leads.id, phone: leads.phone, updatedAt: leads.updatedAt })
        .from(leads)
        .where(and(isNull(leads.deletedAt), cursor, after ? sql`${leads.updatedAt} > ${since}` : undefined))
        .orderBy(leads.updatedAt, leads.id)
        .limit(limit);
    },

    /** Flagged leads in phone order, for a full registry refresh to clear those no longer listed. */
    async flagged(afterPhone: string, limit: number): Promise<string[]> {
      const r = await db
        .select({ phone: leads.phone })
        .from(leads)
        .where(and(isNull(leads.deletedAt), sql`${leads.dnd}`, gt(leads.phone, afterPhone)))
        .orderBy(leads.phone)
        .limit(limit);
      return r.map((x) => x.phone);
    },

    async countFlagged(): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(leads)
        .where(and(isNull(leads.deletedAt), sql`${leads.dnd}`));
      return r?.n ?? 0;
    },
  };
}
