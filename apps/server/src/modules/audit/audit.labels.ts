/**
 * The names an audit entry mentions: who acted and what they acted on, as they are called today.
 *
 * Every module writes to the audit log, so the audit module cannot import them back (that would
 * be a cycle); it reads the few names it needs straight from their tables, by table name, one
 * statement per kind of record on the page. Admins alone read the log, and they may see every name.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `ids` as the set a statement reads them from (one JSON parameter, however many). */
const idSet = (ids: string[]) => sql`(select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`;

/** An erased person keeps a blank row: no name to show. */
const leadName = (alias: string) => sql.raw(`case when ${alias}.erased_at is null then nullif(${alias}.name, '') end`);

/** For each kind of record with a name: the statement answering `{id, label}` for these ids. */
const LABELS: Record<string, (ids: string[]) => SQL> = {
  user: (ids) => sql`select id::text as id, name as label from users where id in ${idSet(ids)}`,
  team: (ids) => sql`select id::text as id, name as label from teams where id in ${idSet(ids)}`,
  lead: (ids) => sql`select l.id::text as id, ${leadName('l')} as label from leads l where l.id in ${idSet(ids)}`,
  // A call, and a callback, go by the name of the lead they are with.
  call: (ids) => sql`select c.id::text as id, ${leadName('l')} as label from calls c join leads l on l.id = c.lead_id where c.id in ${idSet(ids)}`,
  callback: (ids) => sql`select c.id::text as id, ${leadName('l')} as label from callbacks c join leads l on l.id = c.lead_id where c.id in ${idSet(ids)}`,
  campaign: (ids) => sql`select id::text as id, name as label from campaigns where id in ${idSet(ids)}`,
  import: (ids) => sql`select id::text as id, filename as label from imports where id in ${idSet(ids)}`,
  assignment_rule: (ids) => sql`select id::text as id, name as label from assignment_rules where id in ${idSet(ids)}`,
  qa_scorecard: (ids) => sql`select id::text as id, name as label from qa_scorecards where id in ${idSet(ids)}`,
  knowledge_article: (ids) => sql`select id::text as id, title as label from knowledge_articles where id in ${idSet(ids)}`,
  followup_rule: (ids) => sql`select id::text as id, name as label from followup_rules where id in ${idSet(ids)}`,
  battlecard: (ids) => sql`select id::text as id, objection as label from battlecards where id in ${idSet(ids)}`,
};

/** A source or a CRM user is named by its id (laravel, mysql, laravel:42), a lead field by its key. */
const NAMED_BY_ID = new Set(['source', 'external_user', 'settings', 'lead_field']);

export type Labelled = { actorId: string | null; entityType: string; entityId: string | null };

/** Reads the names of the actors and records of these entries: at most one statement per kind. */
export async function labelsOf(db: Db, entries: Labelled[]): Promise<{ actor: (id: string | null) => string | null; entity: (e: Labelled) => string | null }> {
  const wanted = new Map<string, Set<string>>();
  const want = (kind: string, id: string | null) => {
    if (!id || !UUID.test(id) || !LABELS[kind]) return;
    const set = wanted.get(kind) ?? new Set<string>();
    set.add(id);
    wanted.set(kind, set);
  };
  for (const e of entries) {
    // Actors are users: their names come with the users the entries are about, in one read.
    want('user', e.actorId);
    want(e.entityType, e.entityId);
  }
  const found = new Map<string, Map<string, string | null>>();
  await Promise.all(
    [...wanted].map(async ([kind, ids]) => {
      const statement = LABELS[kind];
      if (!statement) return;
      const rows = rowsOf<{ id: string; label: string | null }>(await db.execute(statement([...ids])));
      found.set(kind, new Map(rows.map((r) => [r.id, r.label])));
    }),
  );
  const lookup = (kind: string, id: string | null) => (id ? (found.get(kind)?.get(id.toLowerCase()) ?? null) : null);
  return {
    actor: (id) => lookup('user', id),
    entity: (e) => (NAMED_BY_ID.has(e.entityType) ? e.entityId : lookup(e.entityType, e.entityId)),
  };
}
