/**
 * QA as a holder of lead data: a score's evidence quotes what was said on the call. Erasure blanks
 * the quotes and keeps the verdicts (a score is about the telecaller's work, not the person); the
 * scores have no lead of their own to move or hand over (they follow their calls).
 */
import { sql } from 'drizzle-orm';
import type { LeadDataHolder } from '../leads/index.js';

export const qaHolder: LeadDataHolder = {
  name: 'qa',
  tables: [],
  move: async () => null,
  restore: async () => undefined,
  export: async () => [],
  async erase(tx, lead) {
    await tx.execute(sql`
      update call_scores set answers = coalesce((select jsonb_agg(e || '{"evidence": null}'::jsonb) from jsonb_array_elements(answers) e), '[]'::jsonb)
      where call_id in (select id from calls where lead_id = ${lead.id})`);
  },
};
