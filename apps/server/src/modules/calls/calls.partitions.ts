/**
 * Monthly partitions of the calls table, on PostgreSQL. Call ids are UUID version 7 (their first
 * 48 bits are the instant the call was created, in milliseconds), so `PARTITION BY RANGE (id)`
 * with one range per calendar month (UTC) is a partition per month of calls while every foreign
 * key (events, recordings, transcripts, analyses, …) still points at `id` alone, and the
 * provider's call id stays unique through call_provider_keys rather than a table-wide index.
 *
 * `convert` turns the plain table into the partitioned one in a single transaction (the table is
 * locked meanwhile: run it in a quiet hour): the partitions of every month that already has
 * calls and the months ahead, a default partition for anything outside them (ids made before
 * they were time-ordered), the indexes, the foreign keys both ways and the triggers as they were.
 * `ensureAhead` then keeps the months ahead created (a schedule runs it every few hours). Reports
 * read rollups, never the calls, so a month's partition can later be detached and archived.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { rowsOf } from '../../platform/db/client.js';

/** The smallest version-7 id of an instant (its first 48 bits; the rest zero). */
export function idAtInstant(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** The instant a version-7 id was made; null for ids that are not time-ordered. */
export function instantOfId(id: string): Date | null {
  const hex = id.replace(/-/g, '');
  if (hex.length !== 32 || hex[12] !== '7') return null;
  return new Date(Number.parseInt(hex.slice(0, 12), 16));
}

export type Month = { name: string; from: string; to: string; start: Date };

/** The calendar month (UTC) of an instant, `ahead` months later, with its partition's name and id bounds. */
export function monthOf(at: Date, ahead = 0): Month {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + ahead, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const name = `calls_y${start.getUTCFullYear()}m${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
  return { name, from: idAtInstant(start.getTime()), to: idAtInstant(end.getTime()), start };
}

export type PartitionStatus = {
  partitioned: boolean;
  partitions: { name: string; bounds: string; rows: number }[];
};

const q = async <T>(db: Db, query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query));
const ident = (name: string) => sql.identifier(name);
/** The bounds are ids this module formats (hex digits and dashes), written as literals as DDL needs. */
const partitionOf = (m: Month) =>
  sql`create table ${ident(m.name)} partition of calls for values from (${sql.raw(`'${m.from}'`)}) to (${sql.raw(`'${m.to}'`)})`;

export function createCallPartitions(deps: { db: Db; clock: { now(): Date }; logger: { info(o: object, m: string): void; warn(o: object, m: string): void } }) {
  const { db } = deps;

  async function isPartitioned(tx: Db = db): Promise<boolean> {
    const [row] = await q<{ kind: string }>(tx, sql`select c.relkind::text as kind from pg_class c where c.oid = to_regclass('public.calls')`);
    return row?.kind === 'p';
  }

  /** Creates a month's partition unless it exists; refuses (false) when the default partition holds calls of that month. */
  async function createMonth(tx: Db, m: Month): Promise<'created' | 'exists' | 'blocked'> {
    const [exists] = await q<{ n: number }>(tx, sql`select count(*)::int as n from pg_class where oid = to_regclass(${`public.${m.name}`})`);
    if (Number(exists?.n) > 0) return 'exists';
    const [fallback] = await q<{ n: number }>(tx, sql`select count(*)::int as n from pg_class where oid = to_regclass('public.calls_default')`);
    if (Number(fallback?.n) > 0) {
      const [held] = await q<{ n: number }>(tx, sql`select count(*)::int as n from calls_default where id >= ${m.from}::uuid and id < ${m.to}::uuid`);
      if (Number(held?.n) > 0) return 'blocked';
    }
    await tx.execute(partitionOf(m));
    return 'created';
  }

  return {
    isPartitioned: () => isPartitioned(),

    async status(): Promise<PartitionStatus> {
      if (!(await isPartitioned())) return { partitioned: false, partitions: [] };
      const parts = await q<{ name: string; bounds: string }>(
        db,
        sql`select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bounds
            from pg_inherits i join pg_class c on c.oid = i.inhrelid
            where i.inhparent = 'public.calls'::regclass order by c.relname`,
      );
      const out: PartitionStatus['partitions'] = [];
      for (const p of parts) {
        const [n] = await q<{ n: number }>(db, sql`select count(*)::int as n from ${ident(p.name)}`);
        out.push({ name: p.name, bounds: p.bounds, rows: Number(n?.n ?? 0) });
      }
      return { partitioned: true, partitions: out };
    },

    /**
     * Makes calls a table partitioned by month (no-op when it already is). Returns the partitions
     * made and the calls moved.
     */
    async convert(opts: { monthsAhead: number }): Promise<{ converted: boolean; partitions: string[]; calls: number }> {
      if (await isPartitioned()) return { converted: false, partitions: [], calls: 0 };
      return db.transaction(async (tx) => {
        await tx.execute(sql`lock table calls in access exclusive mode`);
        // What the table has, as its definitions, before it is renamed.
        const indexes = await q<{ name: string; def: string }>(
          tx,
          sql`select i.indexname as name, i.indexdef as def from pg_indexes i
              where i.schemaname = 'public' and i.tablename = 'calls' and i.indexname <> 'calls_pkey'`,
        );
        const unique = indexes.filter((i) => /^CREATE UNIQUE/i.test(i.def));
        if (unique.length > 0)
          throw new Error(`calls has unique indexes other than its key (${unique.map((u) => u.name).join(', ')}); they cannot span partitions`);
        const outgoing = await q<{ name: string; def: string }>(
          tx,
          sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'public.calls'::regclass and contype = 'f'`,
        );
        const incoming = await q<{ name: string; tbl: string; def: string }>(
          tx,
          sql`select conname as name, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def
              from pg_constraint where confrelid = 'public.calls'::regclass and contype = 'f'`,
        );
        const triggers = await q<{ name: string; def: string }>(
          tx,
          sql`select tgname as name, pg_get_triggerdef(oid) as def from pg_trigger where tgrelid = 'public.calls'::regclass and not tgisinternal`,
        );
        const [range] = await q<{ first: string | null; calls: number }>(
          tx,
          sql`select min(id::text) filter (where substr(id::text, 15, 1) = '7') as first, count(*)::int as calls from calls`,
        );

        for (const fk of incoming) await tx.execute(sql`alter table ${sql.raw(fk.tbl)} drop constraint ${ident(fk.name)}`);
        await tx.execute(sql`alter table calls rename to calls_unpartitioned`);
        await tx.execute(sql`alter table calls_unpartitioned rename constraint calls_pkey to calls_unpartitioned_pkey`);
        for (const i of indexes) await tx.execute(sql`alter index ${ident(i.name)} rename to ${ident(`${i.name}_unpartitioned`)}`);

        await tx.execute(sql`
          create table calls (like calls_unpartitioned including defaults including constraints including generated including storage including comments)
          partition by range (id)`);
        await tx.execute(sql`alter table calls add constraint calls_pkey primary key (id)`);
        await tx.execute(sql`create table calls_default partition of calls default`);
        // Every month from the first time-ordered call to the months ahead.
        const now = deps.clock.now();
        const first = range?.first ? (instantOfId(range.first) ?? now) : now;
        const made: string[] = [];
        for (let k = 0; ; k++) {
          const m = monthOf(first, k);
          if (m.start > monthOf(now, opts.monthsAhead).start) break;
          await tx.execute(partitionOf(m));
          made.push(m.name);
        }
        for (const i of indexes) await tx.execute(sql.raw(i.def));
        await tx.execute(sql`insert into calls select * from calls_unpartitioned`);
        for (const fk of outgoing) await tx.execute(sql`alter table calls add constraint ${ident(fk.name)} ${sql.raw(fk.def)}`);
        for (const fk of incoming) await tx.execute(sql`alter table ${sql.raw(fk.tbl)} add constraint ${ident(fk.name)} ${sql.raw(fk.def)}`);
        await tx.execute(sql`drop table calls_unpartitioned`);
        for (const t of triggers) await tx.execute(sql.raw(t.def));
        deps.logger.info({ partitions: made.length, calls: range?.calls ?? 0 }, 'calls partitioned by month');
        return { converted: true, partitions: ['calls_default', ...made], calls: Number(range?.calls ?? 0) };
      });
    },

    /**
     * Creates the partitions of this month and the next `monthsAhead` where missing. A month whose
     * calls already sit in the default partition is left there (and reported): those calls work
     * as any other, only unpartitioned.
     */
    async ensureAhead(monthsAhead: number): Promise<{ created: string[]; blocked: string[] }> {
      if (!(await isPartitioned())) return { created: [], blocked: [] };
      const created: string[] = [];
      const blocked: string[] = [];
      for (let k = 0; k <= monthsAhead; k++) {
        const m = monthOf(deps.clock.now(), k);
        const done = await db.transaction((tx) => createMonth(tx, m));
        if (done === 'created') created.push(m.name);
        if (done === 'blocked') blocked.push(m.name);
      }
      if (created.length > 0) deps.logger.info({ created }, 'calls partitions created ahead');
      if (blocked.length > 0) deps.logger.warn({ blocked }, 'calls of these months are in the default partition; their partitions were not made');
      return { created, blocked };
    },
  };
}

export type CallPartitions = ReturnType<typeof createCallPartitions>;
