/**
 * What the reports module reads of leads: each lead's cohort (created, source, owner), where it
 * stands, and when it first reached each status (from the status changes on its timeline), plus
 * the keyset sweep of changed leads that keeps the funnel's rollups current. SQL only.
 */
import { and, gt, sql } from 'drizzle-orm';
import { type Db, idIn, rowsOf } from '../../platform/db/client.js';
import { activities, leads } from './leads.tables.js';

export type LeadFactRow = {
  id: string;
  createdAt: Date;
  source: string;
  ownerId: string | null;
  status: string;
  timezone: string;
  /** Merged into another, deleted or erased: it no longer counts. */
  gone: boolean;
  /** Status -> when the lead first had it (the creation time for the status it was created with). */
  firstAt: Record<string, Date>;
};

export type LeadBrief = { id: string; name: string; status: string; source: string; createdAt: Date; ownerId: string | null };

export function createLeadFacts(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** The rows behind these leads' facts; ids that are not there are absent. */
    async rows(ids: string[], q: Db = db): Promise<LeadFactRow[]> {
      if (ids.length === 0) return [];
      const rows = rowsOf<{
        id: string;
        createdAt: Date | string;
        source: string;
        ownerId: string | null;
        status: string;
        timezone: string;
        gone: boolean;
        firstAt: Record<string, string> | null;
      }>(
        await q.execute(sql`
          select l.id, l.created_at as "createdAt", l.origin_source as "source", l.owner_id as "ownerId", l.status, l.timezone,
            (l.deleted_at is not null or l.merged_into_id is not null or l.erased_at is not null) as "gone",
            (select jsonb_object_agg(s.status, s.at) from (
               select a.data->>'to' as status, min(a.created_at) as at from ${activities} a
               where a.lead_id = l.id and a.type = 'status_change' and a.data ? 'to' group by 1
             ) s) as "firstAt"
          from ${leads} l where l.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`),
      );
      return rows.map((r) => {
        const createdAt = new Date(r.createdAt);
        const firstAt: Record<string, Date> = {};
        for (const [status, at] of Object.entries(r.firstAt ?? {})) firstAt[status] = new Date(at);
        // Created with a status it never changed to: it had it from the start.
        if (!firstAt[r.status]) firstAt[r.status] = createdAt;
        return { id: r.id, createdAt, source: r.source, ownerId: r.ownerId, status: r.status, timezone: r.timezone, gone: r.gone, firstAt };
      });
    },

    /** Leads changed after `since` (or after the cursor), in (updatedAt, id) order, deleted ones too. */
    async changedSince(since: Date, after: { updatedAt: Date; id: string } | undefined, limit: number) {
      const cursor = after ? sql`(${leads.updatedAt}, ${leads.id}) > (${after.updatedAt}, ${after.id})` : gt(leads.updatedAt, since);
      return db
        .select({ id: leads.id, updatedAt: leads.updatedAt })
        .from(leads)
        .where(and(cursor, after ? gt(leads.updatedAt, since) : undefined))
        .orderBy(leads.updatedAt, leads.id)
        .limit(limit);
    },

    /** Every lead id after `afterId`, in id order (a full rebuild walks them). */
    async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: leads.id })
        .from(leads)
        .where(afterId ? gt(leads.id, afterId) : undefined)
        .orderBy(leads.id)
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /** Each lead's origin source and time zone (the calls' facts carry them). */
    async sourcesOf(ids: string[], q: Db = db): Promise<Map<string, { source: string; timezone: string }>> {
      if (ids.length === 0) return new Map();
      const rows = await q
        .select({ id: leads.id, source: leads.originSource, timezone: leads.timezone })
        .from(leads)
        .where(idIn(leads.id, [...new Set(ids)]));
      return new Map(rows.map((r) => [r.id, { source: r.source, timezone: r.timezone }]));
    },

    /** Name, status and origin of these leads, for a report's drill-down (erased leads have no name). */
    async briefs(ids: string[]): Promise<Map<string, LeadBrief>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: leads.id, name: leads.name, status: leads.status, source: leads.originSource, createdAt: leads.createdAt, ownerId: leads.ownerId })
        .from(leads)
        .where(idIn(leads.id, [...new Set(ids)]));
      return new Map(rows.map((r) => [r.id, r]));
    },
  };
}

export type LeadFacts = ReturnType<typeof createLeadFacts>;
