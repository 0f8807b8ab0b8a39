/**
 * Dials the rules refused, counted into the day's row for the compliance report as each refusal
 * happens (the refusal itself is in the audit log). Ids and the lead's source only.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { localParts } from './reports.facts.js';

export type Refusal = {
  at: Date;
  reason: string;
  agentId: string | null;
  teamId: string | null;
  campaignId: string | null;
  source: string | null;
};

export function createRefusalCounter(deps: { db: Db; timeZone: string }) {
  return {
    async count(r: Refusal): Promise<void> {
      const { day } = localParts(r.at, deps.timeZone);
      await deps.db.execute(sql`
        insert into report_refusal_days (day, reason, agent_id, team_id, campaign_id, source, refusals)
        values (${day}::date, ${r.reason}, ${r.agentId}::uuid, ${r.teamId}::uuid, ${r.campaignId}::uuid, ${r.source}, 1)
        on conflict on constraint report_refusal_days_key do update set refusals = report_refusal_days.refusals + 1`);
    },
  };
}

export type RefusalCounter = ReturnType<typeof createRefusalCounter>;
