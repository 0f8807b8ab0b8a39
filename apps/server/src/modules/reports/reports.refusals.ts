/**
 * Dials the rules refused, counted into each day's row for the compliance report as their
 * `dial.refused` events arrive (each refusal is in the audit log too). A refusal is counted once
 * however often its event is delivered: its id is kept, and only refusals not seen before move
 * the counts, in one statement. Ids and the lead's source only.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { localParts } from './reports.facts.js';

export type Refusal = {
  /** The refusal's own id (its event's), so that it counts once. */
  id: string;
  at: Date;
  reason: string;
  agentId: string | null;
  teamId: string | null;
  campaignId: string | null;
  source: string | null;
};

/** How long counted ids are kept: well past the outbox's week of redelivery. */
const KEEP_COUNTED_DAYS = 30;

export function createRefusalCounter(deps: { db: Db; timeZone: string }) {
  return {
    /** Counts the refusals not counted before. */
    async count(refusals: Refusal[]): Promise<void> {
      if (refusals.length === 0) return;
      const rows = refusals.map((r) => ({ ...r, day: localParts(r.at, deps.timeZone).day }));
      await deps.db.execute(sql`
        with given as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r(id uuid, day date, reason text, "agentId" uuid, "teamId" uuid, "campaignId" uuid, source text)
        ), fresh as (
          insert into report_refusals_counted (id) select distinct id from given on conflict do nothing returning id
        )
        insert into report_refusal_days (day, reason, agent_id, team_id, campaign_id, source, refusals)
        select g.day, g.reason, g."agentId", g."teamId", g."campaignId", g.source, count(*)::int
        from given g join fresh f on f.id = g.id
        group by 1, 2, 3, 4, 5, 6
        on conflict on constraint report_refusal_days_key do update set refusals = report_refusal_days.refusals + excluded.refusals`);
    },

    /** Forgets counted ids older than a month (their events are long gone from the outbox). */
    async prune(): Promise<void> {
      await deps.db.execute(sql`delete from report_refusals_counted where created_at < now() - make_interval(days => ${KEEP_COUNTED_DAYS})`);
    },
  };
}

export type RefusalCounter = ReturnType<typeof createRefusalCounter>;
