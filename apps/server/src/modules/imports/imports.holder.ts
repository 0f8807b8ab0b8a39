/**
 * Rejected import rows as lead data: a row was turned away (a phone that would not parse, a name
 * missing) but its cells may still name the person. Found by the lead's number (its last ten
 * digits, however the file wrote them) or email; an access request lists them, an erasure
 * deletes them. They follow no merge: they belong to a file, not to a lead.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import type { LeadDataHolder, LeadRef } from '../leads/index.js';
import { importRejects, imports } from './imports.tables.js';

/** `data` names the rejected row's cells in the statement at hand. */
function matching(lead: LeadRef, data: SQL) {
  const digits = lead.phone.replace(/\D/g, '').slice(-10);
  const email = lead.email?.toLowerCase() ?? null;
  return sql`exists (
    select 1 from jsonb_each_text(${data}) kv
    where (${digits.length >= 8} and regexp_replace(kv.value, '[^0-9]', '', 'g') like ${`%${digits}`})
       or (${email}::text is not null and lower(trim(kv.value)) = ${email}::text))`;
}

export function createImportsHolder(deps: { db: Db }): LeadDataHolder {
  return {
    name: 'import_rejects',
    tables: ['import_rejects'],
    move: async () => null,
    restore: async () => undefined,
    async export(lead) {
      const rows = rowsOf<{ filename: string; row: number; reason: string; data: Record<string, string> }>(
        await deps.db.execute(sql`
          select i.filename, r.row, r.reason, r.data from ${importRejects} r join ${imports} i on i.id = r.import_id
          where ${matching(lead, sql`r.data`)} order by i.created_at, r.row limit 1000`),
      );
      return rows.map((r) => ({ file: r.filename, row: r.row, reason: r.reason, cells: r.data }));
    },
    async erase(tx, lead) {
      await tx.execute(sql`delete from ${importRejects} r where ${matching(lead, sql`r.data`)}`);
    },
  };
}
