/**
 * The reports as a holder of lead data. Their facts hold ids and counts, nothing personal: a call
 * fact names its lead so a drill-down can list it, a lead fact stands for the lead in its cohort.
 * A merge points the merged lead's call facts at the survivor (the calls move with it); the lead
 * facts of both are recomputed by the sweep of changed leads, which moves the rollups by the
 * difference (the merged lead leaves its cohort). Access hands over nothing: the counts say
 * nothing of the person. Erasure keeps the counts (the lead's row stays, blank, and leaves the
 * funnel on the next sweep; its calls stay counted, as they happened).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/client.js';
import type { LeadDataHolder } from '../leads/index.js';

export function createReportsHolder(): LeadDataHolder {
  return {
    name: 'reports',
    tables: ['report_call_facts', 'report_lead_facts'],

    async move(tx, fromId, toId) {
      const moved = rowsOf<{ call_id: string }>(
        await tx.execute(sql`update report_call_facts set lead_id = ${toId} where lead_id = ${fromId} returning call_id`),
      );
      return moved.map((r) => r.call_id);
    },

    async restore(tx, undo, fromId) {
      const ids = undo as string[];
      if (ids.length > 0)
        await tx.execute(
          sql`update report_call_facts set lead_id = ${fromId} where call_id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`,
        );
    },

    async export() {
      return [];
    },

    async erase() {},
  };
}
