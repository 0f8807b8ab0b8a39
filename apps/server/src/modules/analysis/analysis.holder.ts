/**
 * The analysis as a holder of lead data: a call's analysis quotes the person (summary, promises,
 * places and programmes named) and its search row keeps their words. A merge moves the search rows
 * with the calls; access hands over each call's summary and what it found; erasure removes the
 * words and blanks the quotes, keeping the figures (talk ratio, dead air) that hold nothing personal.
 */
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import type { LeadDataHolder } from '../leads/index.js';

/** The lead's calls, by id (the calls module keeps them; this reads only the ids). */
const callsOf = (lead: string) => sql`(select id from calls where lead_id = ${lead})`;

export function createAnalysisHolder(deps: { db: Db }): LeadDataHolder {
  return {
    name: 'analysis',
    tables: ['call_search'],

    async move(tx, fromId, toId) {
      const moved = rowsOf<{ call_id: string }>(await tx.execute(sql`update call_search set lead_id = ${toId} where lead_id = ${fromId} returning call_id`));
      return moved.map((r) => r.call_id);
    },

    async restore(tx, undo, fromId) {
      const ids = undo as string[];
      if (ids.length > 0)
        await tx.execute(
          sql`update call_search set lead_id = ${fromId} where call_id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`,
        );
    },

    async export(lead) {
      const rows = rowsOf<{ call_id: string; result: Record<string, unknown> | null }>(
        await deps.db.execute(sql`select call_id, result from call_analyses where call_id in ${callsOf(lead.id)} order by analyzed_at`),
      );
      return rows.map((r) => ({
        callId: r.call_id,
        summary: r.result?.summary ?? null,
        sentiment: r.result?.sentiment ?? null,
        objections: r.result?.objections ?? [],
        keywords: r.result?.keywords ?? [],
        commitments: r.result?.commitments ?? [],
      }));
    },

    async erase(tx, lead) {
      await tx.execute(sql`delete from call_search where lead_id = ${lead.id}`);
      await tx.execute(sql`
        update call_analyses set result = result || '{"summary": "", "keywords": [], "topics": [], "commitments": [], "wrapUp": null}'::jsonb
        where call_id in ${callsOf(lead.id)} and result is not null`);
    },
  };
}
