/**
 * The bulk merge of staged rows into the lead base (imports), set-based so a million rows take
 * seconds, not hours. One call merges one chunk of staged rows (by row number) inside the caller's
 * transaction, by the rules of leads.rules.ts:
 *  - a row matches a live lead by phone, else by email (the oldest lead with it), and fills that
 *    lead's blanks (FILL_FIELDS); a non-empty field is never overwritten, a differing value goes
 *    to the lead's timeline;
 *  - unmatched rows with one phone (or, across phones, one email) become one new lead, the first
 *    non-empty value of each field winning;
 *  - every row leaves an identity (source + external id, or file#row) for provenance;
 *  - the leads the chunk touched are announced (leads.arrived) with the chunk's commit.
 */
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import { FILL_FIELDS, metadataFitsSql } from './leads.rules.js';
import { clearStaging, stagedRange, stageRows } from './leads.staging.js';

// Column names are the field names (constants, never input).
const each = (fn: (f: string) => string, sep = ', ') => sql.raw(FILL_FIELDS.map(fn).join(sep));
const FIRST_OF_EACH = each((f) => `(array_agg(${f} order by row) filter (where ${f} is not null))[1] as ${f}`, ',\n        ');
const FILL_EACH = each((f) => `${f} = coalesce(l.${f}, a.${f})`);
const FILLED_EACH = each((f) => `case when b.${f} is null and l.${f} is not null then '${f}' end`);
const BEFORE_EACH = each((f) => `l.${f}`);

export type ChunkInput = {
  importId: string;
  fromRow: number;
  toRow: number;
  /** With several merge workers, each takes the rows whose phone hashes to its partition. */
  partition?: { index: number; count: number };
  source: string;
  filename: string;
  actorId: string | null;
  now: Date;
};

export type ChunkResult = { created: number; merged: number; rejected: { row: number; reason: string }[]; leadIds: string[] };

async function mergeChunk(tx: Db, c: ChunkInput): Promise<ChunkResult> {
  const ts = c.now.toISOString();
  // Losing the last chunks in a crash is safe (the staged rows come back with them), so do not wait for the disk.
  await tx.execute(sql`set local synchronous_commit = off`);
  const part = c.partition ? sql`and abs(hashtext(r.phone)) % ${c.partition.count} = ${c.partition.index}` : sql``;
  // 1. The chunk's rows with the live lead each one matches (phone first, then email).
  await tx.execute(sql`
    create temp table m on commit drop as
    select r.row, r.name, r.phone, r.email, r.status, r.score, r.language, r.city, r.tags, r.external_id, r.metadata, r.new_lead_id, r.identity_id,
           coalesce(p.id, e.id) as target, null::uuid as lead_id, null::text as root, false as creator
    from import_rows r
    left join leads p on p.phone = r.phone and p.deleted_at is null
    left join lateral (
      select l.id from leads l
      where p.id is null and r.email is not null and lower(l.email) = r.email and l.deleted_at is null
      order by l.created_at, l.id limit 1
    ) e on true
    where r.import_id = ${c.importId} and r.row >= ${c.fromRow} and r.row < ${c.toRow} ${part}`);
  // Temp tables have no statistics until analysed; without them the planner picks nested loops
  // and a 300,000-row import takes minutes instead of seconds.
  // A small sample is enough for these plans, and a chunk-sized one costs as much as a join.
  await tx.execute(sql`set local default_statistics_target = 10`);
  await tx.execute(sql`analyze m`);

  // 2. Unmatched rows form groups by phone; a group whose first email already belongs to an
  //    earlier group of this chunk joins that group (same person, another number).
  await tx.execute(sql`
    create temp table g on commit drop as
    select phone, min(row) as first_row, count(*) as n, (array_agg(email order by row) filter (where email is not null))[1] as email,
           null::text as parent, false as has_child
    from m where target is null group by phone`);
  await tx.execute(sql`create index on g (email, first_row)`);
  await tx.execute(sql`analyze g`);
  await tx.execute(sql`
    update g set parent = (
      select g2.phone from g g2 where g2.email = g.email and g2.first_row < g.first_row order by g2.first_row limit 1
    ) where g.email is not null`);
  await tx.execute(sql`update m set root = coalesce(g.parent, g.phone) from g where m.target is null and g.phone = m.phone`);
  await tx.execute(sql`update g set has_child = true where phone in (select parent from g where parent is not null)`);

  // 3. A new lead per root group that has a name somewhere in its rows. Most groups are one row:
  //    those go straight in; the rest take the first non-empty value of each field.
  const single = rowsOf<{ n: number }>(
    await tx.execute(sql`
      with ins as (
        insert into leads (id, name, phone, email, status, score, language, city, tags, metadata, origin_source, origin_external_id, created_at, updated_at)
        select m.new_lead_id, m.name, m.phone, m.email, coalesce(m.status, 'new'), m.score, m.language, m.city,
               coalesce(m.tags, '{}'::text[]), coalesce(m.metadata, '{}'::jsonb),
               ${c.source}::text, coalesce(m.external_id, ${c.filename}::text || '#' || m.row), ${ts}::timestamptz, ${ts}::timestamptz
        from m join g on g.phone = m.phone
        where m.target is null and g.n = 1 and g.parent is null and not g.has_child and m.name is not null
        returning id, phone
      ),
      linked as (update m set lead_id = ins.id, creator = true from ins where m.root = ins.phone returning 1)
      select count(*)::int as n from linked`),
  );
  const multi = rowsOf<{ n: number }>(
    await tx.execute(sql`
      with roots as (
        select phone as root, first_row from g where parent is null and (n > 1 or has_child)
      ),
      base as (
        select m.root, min(m.row) as first_row,
          (array_agg(new_lead_id order by row))[1] as new_lead_id,
          (array_agg(metadata order by row))[1] as first_meta,
          (array_agg(coalesce(external_id, ${c.filename}::text || '#' || row) order by row))[1] as origin,
          (array_agg(name order by row) filter (where name is not null))[1] as name,
          (array_agg(email order by row) filter (where email is not null))[1] as email,
          (array_agg(status order by row) filter (where status is not null))[1] as status,
          (array_agg(score order by row) filter (where score is not null))[1] as score,
          (array_agg(language order by row) filter (where language is not null))[1] as language,
          (array_agg(city order by row) filter (where city is not null))[1] as city
        from m join roots using (root) group by m.root
      ),
      tags as (
        select m.root, array_agg(distinct t) as tags from m join roots using (root), unnest(m.tags) t group by m.root
      ),
      meta as (
        select root, jsonb_object_agg(k, v) as meta from (
          select distinct on (m.root, kv.key) m.root, kv.key as k, kv.value as v
          from m join roots using (root), jsonb_each(coalesce(m.metadata, '{}'::jsonb)) kv order by m.root, kv.key, m.row
        ) x group by root
      ),
      ins as (
        insert into leads (id, name, phone, email, status, score, language, city, tags, metadata, origin_source, origin_external_id, created_at, updated_at)
        select b.new_lead_id, b.name, b.root, b.email, coalesce(b.status, 'new'), b.score, b.language, b.city,
               coalesce(t.tags, '{}'::text[]),
               -- Several rows' metadata united only within the limits; else the first row's.
               case when ${metadataFitsSql(sql`coalesce(mt.meta, '{}'::jsonb)`)} then coalesce(mt.meta, '{}'::jsonb) else coalesce(b.first_meta, '{}'::jsonb) end,
               ${c.source}::text, b.origin, ${ts}::timestamptz, ${ts}::timestamptz
        from base b left join tags t using (root) left join meta mt using (root)
        where b.name is not null
        returning id, phone
      ),
      -- The root group's first row is the earliest of the root and its joined groups: it created the lead.
      linked as (
        update m set lead_id = ins.id, creator = (m.row = r.first_row)
        from ins join roots r on r.root = ins.phone where m.root = ins.phone
        returning 1
      )
      select count(*)::int as n from ins`),
  );
  const createdCount = (single[0]?.n ?? 0) + (multi[0]?.n ?? 0);
  await tx.execute(sql`update m set lead_id = target where target is not null`);

  // Groups without any name cannot become a lead.
  const rejected = rowsOf<{ row: number; reason: string }>(
    await tx.execute(sql`select row, 'name is empty, and a new lead needs one' as reason from m where lead_id is null order by row`),
  );

  // 4. Fill the blanks of matched leads (the first non-empty value of the chunk wins) and keep
  //    what they looked like before, to tell the timeline what was filled.
  // Lock the matched leads in id order, so two merge workers never deadlock on them.
  await tx.execute(sql`select id from leads where id in (select target from m where target is not null) order by id for update`);
  await tx.execute(sql`
    create temp table pre on commit drop as
    select l.id, ${BEFORE_EACH}, l.tags, l.metadata from leads l where l.id in (select target from m where target is not null)`);
  await tx.execute(sql`
    with agg as (
      select target,
        ${FIRST_OF_EACH}
      from m where target is not null group by target
    ),
    tags as (select target, array_agg(distinct t) as tags from m, unnest(m.tags) t where target is not null group by target),
    meta as (
      select target, jsonb_object_agg(k, v) as meta from (
        select distinct on (target, kv.key) target, kv.key as k, kv.value as v
        from m, jsonb_each(coalesce(m.metadata, '{}'::jsonb)) kv where target is not null order by target, kv.key, row
      ) x group by target
    )
    update leads l set
      ${FILL_EACH},
      tags = (select coalesce(array_agg(distinct x), '{}'::text[]) from unnest(l.tags || coalesce(t.tags, '{}'::text[])) x),
      -- The rows' new keys only while the lead stays within the metadata limits.
      metadata = case when ${metadataFitsSql(sql`(coalesce(mt.meta, '{}'::jsonb) || l.metadata)`)} then coalesce(mt.meta, '{}'::jsonb) || l.metadata else l.metadata end,
      updated_at = ${ts}::timestamptz
    from agg a left join tags t using (target) left join meta mt using (target)
    where l.id = a.target`);

  // 5. The timeline: for each lead that took rows, which rows, which fields they filled and which
  //    differing values were not applied. (A new lead's creation is shown from its first identity,
  //    file#row, instead of a row per lead: a third of the cost of a million-row import.)
  await tx.execute(sql`
    with merged as (select * from m where lead_id is not null and not creator),
    diffs as (
      select mr.lead_id, f.field, f.value
      from merged mr join leads l on l.id = mr.lead_id
      cross join lateral (values
        ('name', mr.name, l.name), ('phone', mr.phone, l.phone), ('email', mr.email, l.email), ('city', mr.city, l.city),
        ('language', mr.language, l.language), ('score', mr.score::text, l.score::text), ('status', mr.status, l.status)
      ) as f(field, value, current)
      where f.value is not null and f.current is not null and lower(f.value) <> lower(f.current)
    ),
    differing as (
      select lead_id, jsonb_object_agg(field, vals) as d from (
        select lead_id, field, jsonb_agg(distinct value) as vals from diffs group by lead_id, field
      ) x group by lead_id
    ),
    filled as (
      select b.id as lead_id, to_jsonb(array_remove(array[
        ${FILLED_EACH},
        case when l.tags <> b.tags then 'tags' end,
        case when l.metadata <> b.metadata then 'metadata' end
      ], null)) as f
      from pre b join leads l on l.id = b.id
    ),
    rows_per_lead as (select lead_id, jsonb_agg(row order by row) as r, count(*) as n from merged group by lead_id)
    insert into activities (lead_id, type, actor_id, data, created_at)
    select rp.lead_id, 'imported', ${c.actorId}::uuid,
           jsonb_build_object('source', ${c.source}::text, 'importId', ${c.importId}::text, 'filename', ${c.filename}::text,
             'rows', (select jsonb_agg(v) from (select v from jsonb_array_elements(rp.r) v limit 50) s), 'rowCount', rp.n,
             'filled', coalesce(fl.f, '[]'::jsonb), 'differing', coalesce(d.d, '{}'::jsonb)),
           ${ts}::timestamptz
    from rows_per_lead rp left join differing d using (lead_id) left join filled fl using (lead_id)`);

  // 6. Provenance: a new lead's first row is its origin; every other row, and any row carrying an
  //    outside id, leaves an identity.
  await tx.execute(sql`
    insert into lead_identities (id, lead_id, source, external_id, created_at, last_seen_at)
    select identity_id, lead_id, ${c.source}::text, coalesce(external_id, ${c.filename}::text || '#' || row), ${ts}::timestamptz, ${ts}::timestamptz
    from m where lead_id is not null and (not creator or external_id is not null)
    on conflict (source, external_id) do nothing`);

  const [counts] = rowsOf<{ merged: number }>(await tx.execute(sql`select count(*)::int as merged from m where lead_id is not null and not creator`));
  const leadIds = rowsOf<{ lead_id: string }>(await tx.execute(sql`select distinct lead_id from m where lead_id is not null`)).map((r) => r.lead_id);
  await tx.execute(sql`delete from import_rows r where r.import_id = ${c.importId} and r.row >= ${c.fromRow} and r.row < ${c.toRow} ${part}`);
  for (const t of ['m', 'g', 'pre']) await tx.execute(sql.raw(`drop table ${t}`));
  return { created: createdCount, merged: counts?.merged ?? 0, rejected, leadIds };
}

/** Bulk loading for imports: stage rows, then merge them chunk by chunk. */
export function createBulkMerge(deps: { db: Db; events: Pick<DomainEventOutbox, 'emit'>; copyFrom?: (statement: string, payload: string) => Promise<void> }) {
  return {
    /** Stages a batch of rows for `importId` (COPY on PostgreSQL). */
    stage: (importId: string, rows: Parameters<typeof stageRows>[2]) => stageRows(deps.db, importId, rows, deps.copyFrom),
    clear: (importId: string, tx: Db = deps.db) => clearStaging(tx, importId),
    /** Row-number bounds of what is still staged, to merge in chunks. */
    range: (importId: string) => stagedRange(deps.db, importId),
    /** Merges one chunk in the caller's transaction and announces the leads it touched with it. */
    async mergeChunk(tx: Db, c: ChunkInput): Promise<ChunkResult> {
      const r = await mergeChunk(tx, c);
      if (r.leadIds.length > 0) await deps.events.emit(tx, 'leads.arrived', { leadIds: r.leadIds, source: c.source });
      return r;
    },
  };
}
