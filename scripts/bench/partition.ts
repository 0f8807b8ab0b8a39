/**
 * Partitioning the calls table by month: how long `telehub calls partition` holds the table for.
 * Makes a fresh database (telehub_bench_partition on DATABASE_URL's server), migrates it, lays
 * down a year of calls (time-ordered ids spread over twelve months, each with a provider call id
 * and one provider event), then times, in the same run:
 *  - the baseline: copying the calls into a new plain table and indexing it as calls is indexed
 *    (the least any conversion must do);
 *  - the conversion itself (partitions, copy, indexes, foreign keys both ways re-checked, triggers),
 * and checks every call is where it should be: one partition per month, none in the default.
 *
 *   npm run bench:partition [-- --calls 1000000 --leads 50000]
 * Needs DATABASE_URL (PostgreSQL). Prints one JSON object, then a table. Exits 1 when a check fails.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createCallPartitions } from '../../apps/server/src/modules/calls/index.js';
import { openDatabase, rowsOf } from '../../apps/server/src/platform/db/client.js';
import { migrate } from '../../apps/server/src/platform/db/migrate.js';
import { createLogger } from '../../apps/server/src/platform/logging.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '1000000' },
    leads: { type: 'string', default: '50000' },
  },
});
const CALLS = Number(values.calls);
const LEADS = Number(values.leads);
const DB_NAME = 'telehub_bench_partition';

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('The partition benchmark needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}
const log = (m: string) => process.stderr.write(`${m}\n`);

async function admin(text: string) {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const seconds = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
};

async function main() {
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const url = new URL(base as string);
  url.pathname = `/${DB_NAME}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  const db = database.db;
  let failed = false;
  try {
    await migrate(db);
    log(`laying down ${CALLS.toLocaleString('en')} calls of ${LEADS.toLocaleString('en')} leads over twelve months…`);
    const generate = await seconds(async () => {
      await db.execute(sql`insert into leads (name, phone) select 'Bench Lead ' || g, '+9190' || lpad(g::text, 8, '0') from generate_series(1, ${LEADS}) g`);
      // Version-7 ids from each call's own instant, as telehub_uuid_v7() makes them at insert.
      await db.execute(sql`
        insert into calls (id, lead_id, provider, provider_call_id, status, started_at, ended_at, created_at)
        select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send((extract(epoch from at) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid,
          l.id, 'simulator', 'bench-' || g, 'completed', at, at + interval '2 minutes', at
        from (select g, now() - interval '1 second' * ((g::bigint * 7919) % 31536000) as at from generate_series(1, ${CALLS}) g) c
        join (select id, (row_number() over (order by id) - 1)::int as ix from leads) l on l.ix = c.g % ${LEADS}`);
      await db.execute(
        sql`insert into call_events (call_id, provider, provider_event_id, type, payload) select id, 'simulator', 'ev-' || provider_call_id, 'completed', '{}'::jsonb from calls`,
      );
      await db.execute(sql`analyze`);
    });
    const [counts] = rowsOf<{ calls: number; months: number }>(
      await db.execute(sql`select count(*)::int as calls, count(distinct date_trunc('month', created_at at time zone 'UTC'))::int as months from calls`),
    );
    log(`  generated in ${generate.toFixed(1)} s (${counts?.months} months)`);

    log('baseline: copy the calls into a plain table and index it…');
    const indexes = rowsOf<{ def: string }>(await db.execute(sql`select indexdef as def from pg_indexes where schemaname = 'public' and tablename = 'calls'`));
    const baseline = await seconds(() =>
      db.transaction(async (tx) => {
        await tx.execute(sql`create table calls_copy (like calls including defaults)`);
        await tx.execute(sql`insert into calls_copy select * from calls`);
        for (const [k, i] of indexes.entries())
          await tx.execute(sql.raw(i.def.replace(/INDEX \S+ ON public\.calls /, `INDEX calls_copy_${k} ON public.calls_copy `)));
        await tx.execute(sql`drop table calls_copy`);
      }),
    );
    log(`  ${baseline.toFixed(1)} s`);

    log('convert…');
    const partitions = createCallPartitions({ db, clock: { now: () => new Date() }, logger: createLogger({ level: 'silent' }) });
    let made: Awaited<ReturnType<typeof partitions.convert>> | undefined;
    const convert = await seconds(async () => {
      made = await partitions.convert({ monthsAhead: 3 });
    });
    log(`  ${convert.toFixed(1)} s`);
    const status = await partitions.status();
    const inDefault = status.partitions.find((p) => p.name === 'calls_default')?.rows ?? -1;
    const total = status.partitions.reduce((n, p) => n + p.rows, 0);
    const [events] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from call_events e join calls c on c.id = e.call_id`));
    const checks = {
      everyCallKept: total === counts?.calls,
      noneInDefault: inDefault === 0,
      everyEventStillPointsAtItsCall: events?.n === counts?.calls,
      aPartitionPerMonth: status.partitions.filter((p) => p.rows > 0).length === counts?.months,
    };
    failed = Object.values(checks).some((v) => !v);
    const result = {
      calls: counts?.calls,
      months: counts?.months,
      partitions: made?.partitions.length,
      baselineSeconds: Number(baseline.toFixed(2)),
      convertSeconds: Number(convert.toFixed(2)),
      convertCallsPerSecond: Math.round((counts?.calls ?? 0) / convert),
      overBaseline: Number((convert / baseline).toFixed(2)),
      checks,
    };
    console.log(JSON.stringify(result, null, 2));
    console.log('');
    console.log('| step | seconds | calls/s |');
    console.log('|---|---:|---:|');
    console.log(`| baseline: copy + index a plain table | ${result.baselineSeconds} | ${Math.round((counts?.calls ?? 0) / baseline).toLocaleString('en')} |`);
    console.log(`| telehub calls partition | ${result.convertSeconds} | ${result.convertCallsPerSecond.toLocaleString('en')} |`);
    console.log(
      `\nchecks: ${Object.entries(checks)
        .map(([k, v]) => `${k} ${v ? 'ok' : 'FAILED'}`)
        .join(', ')}`,
    );
  } finally {
    await database.close();
    await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
