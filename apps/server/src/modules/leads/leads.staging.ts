/**
 * Staging for bulk merges: rows land here fast (COPY on PostgreSQL), and leads.bulk merges them
 * into the lead base chunk by chunk. Keyed by the batch (an import's id).
 */
import { eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import { leadStaging } from './leads.tables.js';

/** A row ready for the merge: phone already E.164, ids for the lead it may create and its identity made up front. */
export type StagedRow = {
  row: number;
  name: string | null;
  phone: string;
  email: string | null;
  status: string | null;
  score: number | null;
  language: string | null;
  city: string | null;
  tags: string[] | null;
  externalId: string | null;
  metadata: Record<string, string> | null;
  newLeadId: string;
  identityId: string;
};
/** COPY text format: backslash escapes, \N for null. */
function copyText(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  // Most values need no escaping; checking first is several times faster than always replacing.
  if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);
}

const arrayLiteral = (items: string[]) => `{${items.map((t) => `"${t.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/**
 * Stages a batch. On PostgreSQL through COPY (a few µs a row); elsewhere in one statement whose
 * rows travel as one JSON parameter.
 */
export async function stageRows(db: Db, importId: string, rows: StagedRow[], copyFrom?: (statement: string, payload: string) => Promise<void>) {
  if (rows.length === 0) return;
  if (copyFrom) {
    const payload = rows
      .map((r) =>
        [
          importId,
          r.row,
          r.name,
          r.phone,
          r.email,
          r.status,
          r.score,
          r.language,
          r.city,
          r.tags ? arrayLiteral(r.tags) : null,
          r.externalId,
          r.metadata ? JSON.stringify(r.metadata) : null,
          r.newLeadId,
          r.identityId,
        ]
          .map(copyText)
          .join('\t'),
      )
      .join('\n');
    await copyFrom(
      'copy import_rows (import_id, row, name, phone, email, status, score, language, city, tags, external_id, metadata, new_lead_id, identity_id) from stdin',
      `${payload}\n`,
    );
    return;
  }
  const payload = JSON.stringify(
    rows.map(({ externalId, newLeadId, identityId, tags, ...r }) => ({
      ...r,
      tags: tags ? tags.join('\u001f') : null,
      external_id: externalId,
      new_lead_id: newLeadId,
      identity_id: identityId,
    })),
  );
  await db.execute(sql`
    insert into import_rows (import_id, row, name, phone, email, status, score, language, city, tags, external_id, metadata, new_lead_id, identity_id)
    select ${importId}::uuid, x.row, x.name, x.phone, x.email, x.status, x.score, x.language, x.city,
           string_to_array(x.tags, chr(31)), x.external_id, x.metadata, x.new_lead_id, x.identity_id
    from jsonb_to_recordset(${payload}::jsonb) as x(row int, name text, phone text, email text, status text, score int,
         language text, city text, tags text, external_id text, metadata jsonb, new_lead_id uuid, identity_id uuid)`);
}

export async function clearStaging(db: Db, importId: string) {
  await db.delete(leadStaging).where(eq(leadStaging.importId, importId));
}

/** Row-number bounds of what is still staged, to merge in chunks. */
export async function stagedRange(db: Db, importId: string): Promise<{ min: number; max: number } | undefined> {
  const [r] = rowsOf<{ min: number | null; max: number | null }>(
    await db.execute(sql`select min(row) as min, max(row) as max from import_rows where import_id = ${importId}`),
  );
  return r?.min === null || r?.min === undefined || r.max === null ? undefined : { min: Number(r.min), max: Number(r.max) };
}
