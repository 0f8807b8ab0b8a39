/**
 * Reports over a year of a busy floor. Generates 10,000,000 calls and 1,000,000 leads in
 * PostgreSQL (300 telecallers in 10 teams with a manager each, 20 campaigns, a year of working
 * days from 9:00 to 19:00 India time) with their presence log (about 20 million state changes)
 * and a QA score for every answered call, lays down the report facts with one set-based SQL each that
 * mirrors callFact/leadFact (proved field by field against the JS on a sample of 5,000 calls and
 * 2,000 leads), builds each rollup from them with sumsFromFacts, and times:
 *  - the incremental path on its own: applyCalls over 20,000 existing calls in batches of 500,
 *    then the rollups checked against the facts for the days it touched;
 *  - each report (funnel, campaigns, telecallers, hours, compliance, sources) over the last full
 *    month and the whole year, as an admin, as a manager of one team, and with a campaign and a
 *    telecaller filter,
 *    through the real reports service; p50/p95 after a warm-up run;
 *  - the baseline in the same run: the same figures computed from the raw calls, leads,
 *    activities, presence log and scores tables (a GROUP BY over the rows of the period), what
 *    the rollups replace;
 *  - an export of the month's campaigns report as xlsx and csv: rows/s, peak RSS and heap.
 *
 *   npm run bench:reports [-- --calls 10000000 --leads 1000000 --runs 15 --baseline-runs 15 --baseline-year-runs 3 --fresh]
 *                         [-- --only telecallers,hours]
 * Needs DATABASE_URL (PostgreSQL). The generated data is kept in a database of its own
 * (telehub_bench_reports on DATABASE_URL's server) and reused by later runs made with the same
 * options; --fresh generates it again. Prints one JSON object, then a table. Exits 1 when the SQL
 * facts differ from callFact/leadFact, or the rollups from the facts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { ReportFilters, ReportKind } from '@telehub/shared';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { loadConfig } from '../../apps/server/src/config.js';
import { presenceDaysFromLog } from '../../apps/server/src/modules/agents/index.js';
import { createCallFacts } from '../../apps/server/src/modules/calls/index.js';
import { qaScoreDaysFromScores } from '../../apps/server/src/modules/qa/index.js';
import { CALL_MEASURES, callFact, LEAD_MEASURES, leadFact } from '../../apps/server/src/modules/reports/reports.facts.js';
import { instantsOf } from '../../apps/server/src/modules/reports/reports.read.js';
import { CALL_ROLLUPS, LEAD_ROLLUPS, sumsFromFacts } from '../../apps/server/src/modules/reports/reports.rollups.js';
import { type Actor, SYSTEM_ACTOR } from '../../apps/server/src/platform/context.js';
import { type Db, openDatabase, rowsOf } from '../../apps/server/src/platform/db/client.js';
import { loadMigrations, migrate } from '../../apps/server/src/platform/db/migrate.js';
import { createLogger } from '../../apps/server/src/platform/logging.js';
import { createServices } from '../../apps/server/src/services.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '10000000' },
    leads: { type: 'string', default: '1000000' },
    agents: { type: 'string', default: '300' },
    teams: { type: 'string', default: '10' },
    year: { type: 'string', default: '2025' },
    runs: { type: 'string', default: '15' },
    'baseline-runs': { type: 'string', default: '15' },
    'baseline-year-runs': { type: 'string', default: '3' },
    incremental: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '500' },
    database: { type: 'string', default: 'telehub_bench_reports' },
    fresh: { type: 'boolean', default: false },
    /** Only these reports (comma-separated kinds), e.g. to measure one again on a quiet machine. */
    only: { type: 'string' },
  },
});
const CALLS = Number(values.calls);
const LEADS = Number(values.leads);
const AGENTS = Number(values.agents);
const TEAMS = Number(values.teams);
/** Two campaigns per team, each working alternate months. */
const CAMPAIGNS = 2 * TEAMS;
const YEAR = Number(values.year);
const RUNS = Number(values.runs);
const BASELINE_RUNS = Number(values['baseline-runs']);
const BASELINE_YEAR_RUNS = Number(values['baseline-year-runs']);
const INCREMENTAL = Number(values.incremental);
const BATCH = Number(values.batch);
const DB_NAME = values.database;
/** Bumped whenever what is generated changes: a kept database made by another version is made again. */
const GENERATOR = 2;

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('The reports benchmark needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) {
  console.error(`--database must be a plain lower-case name, not ${DB_NAME}`);
  process.exit(2);
}
if (LEADS < AGENTS || AGENTS < TEAMS || CALLS < 1000) {
  console.error('Need at least as many leads as telecallers, as many telecallers as teams, and 1,000 calls.');
  process.exit(2);
}

/** The organisation's zone (services.ts builds the reports with it). */
const ZONE = 'Asia/Kolkata';
const MONTH = { from: `${YEAR}-12-01`, to: `${YEAR}-12-31` };
const FULL_YEAR = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
const TARGET_MS = { month: 500, year: 2000 };
const PASSWORD = 'bench-reports-password';
const started = performance.now();
/** The machine's load when the run started: a busy machine makes every figure slower. */
const loadAtStart = os.loadavg().map((n) => Math.round(n * 100) / 100);

const log = (msg: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${msg}\n`);
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const round = (n: number, d = 1) => Number(n.toFixed(d));
const seconds = (since: number) => round((performance.now() - since) / 1000);
const mb = (bytes: number) => round(bytes / 1_048_576);
const dialect = new PgDialect();

function urlOf(name: string): string {
  const u = new URL(base as string);
  u.pathname = `/${name}`;
  return u.toString();
}

// ── Raw connections for the generation: session settings of their own ──────────────────────────

type Stmt = { label: string; text: string; params?: unknown[] };
const stmt = (label: string, q: SQL | string): Stmt => {
  if (typeof q === 'string') return { label, text: q };
  const r = dialect.sqlToQuery(q);
  return { label, text: r.sql, params: r.params };
};

async function rawClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, application_name: 'telehub-bench-reports' });
  await c.connect();
  // A bulk load: no fsync wait per commit, room to sort and hash, parallel index builds, no
  // foreign-key triggers (the rows are consistent by construction) and no JIT (compiling the
  // generators' expressions took longer than running them). The measured queries keep the defaults.
  await c.query(
    `set synchronous_commit = off; set work_mem = '256MB'; set maintenance_work_mem = '1GB'; set max_parallel_maintenance_workers = 2;
     set session_replication_role = replica; set jit = off; set timezone = 'UTC'`,
  );
  return c;
}

/** Runs statements on `clients` connections at once, each as soon as one is free. */
async function runAll(url: string, stmts: Stmt[], clients: number): Promise<void> {
  const queue = [...stmts];
  const pool = await Promise.all(Array.from({ length: Math.min(clients, stmts.length) }, () => rawClient(url)));
  try {
    await Promise.all(
      pool.map(async (c) => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          const t = performance.now();
          await c.query(s.text, s.params);
          log(`  ${s.label} (${seconds(t)} s)`);
        }
      }),
    );
  } finally {
    await Promise.all(pool.map((c) => c.end()));
  }
}

/** Drops a table's indexes that back no constraint, and returns their definitions to make them again. */
async function dropIndexes(c: pg.Client, table: string): Promise<string[]> {
  const { rows } = await c.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename = $1
       and not exists (select 1 from pg_constraint k where k.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    [table],
  );
  for (const r of rows) await c.query(`drop index "${r.indexname}"`);
  return rows.map((r) => r.indexdef);
}

// ── What a call and a lead count for, in SQL: the mirror of callFact and leadFact ──────────────

const LIVE = `('queued', 'dialing', 'ringing', 'in_progress')`;
/** seconds(from, to) of reports.facts.ts: whole seconds from one instant to the next, never negative; 0 without both. */
const secs = (from: string, to: string) =>
  `(case when ${from} is null or ${to} is null then 0 else greatest(0, round(extract(epoch from ${to}) - extract(epoch from ${from})))::int end)`;
const CONTACTED = `('contacted', 'interested', 'callback', 'not_interested', 'converted', 'lost')`;
const INTERESTED = `('interested', 'converted')`;

const CALL_FACT_COLUMNS = [
  'call_id',
  'lead_id',
  'day',
  'hour',
  'local_dow',
  'local_hour',
  'agent_id',
  'team_id',
  'campaign_id',
  'source',
  'direction',
  ...CALL_MEASURES.map(snake),
];
const LEAD_FACT_COLUMNS = ['lead_id', 'day', 'source', 'team_id', 'owner_id', 'campaign_id', ...LEAD_MEASURES.map(snake)];

/**
 * The fact of every ended call matching `where` (on calls c, leads l, users u, campaigns cp): the
 * day it started in the organisation's zone, the top of its hour, weekday (0 Monday) and hour in
 * the lead's zone, the agent's team or else the campaign's first, and what it counts for.
 */
function callFactsFrom(where: SQL): SQL {
  return sql`select c.id as call_id, c.lead_id,
      (a.at at time zone ${sql.raw(`'${ZONE}'`)})::date as day,
      to_timestamp(floor(extract(epoch from a.at) / 3600) * 3600) as hour,
      (extract(isodow from a.at at time zone a.zone) - 1)::smallint as local_dow,
      extract(hour from a.at at time zone a.zone)::smallint as local_hour,
      c.agent_id,
      case when c.agent_id is not null then u.team_id when c.campaign_id is not null then (cp.team_ids ->> 0)::uuid end as team_id,
      c.campaign_id, l.origin_source as source, c.direction,
      1 as dials, b.connected::int as connects, a.machine::int as machine, (c.status = 'abandoned')::int as abandons,
      d.talk as talk_seconds, d.handled::int as handled, case when d.handled then d.talk + w.wrap else 0 end as handle_seconds,
      w.wrap as wrap_seconds, coalesce(c.disposition = 'converted', false)::int as conversions,
      c.recording_available::int as recorded, (c.recording_available and c.recording_notice)::int as noticed
    from calls c
    left join leads l on l.id = c.lead_id
    left join users u on u.id = c.agent_id
    left join campaigns cp on cp.id = c.campaign_id
    cross join lateral (select coalesce(c.started_at, c.created_at) as at, coalesce(l.timezone, ${sql.raw(`'${ZONE}'`)}) as zone,
      coalesce(c.answered_by = 'machine', false) as machine) a
    cross join lateral (select c.answered_at is not null and not a.machine and c.status <> 'abandoned' as connected) b
    cross join lateral (select b.connected and c.disposition_at is not null as handled,
      case when b.connected then coalesce(c.duration_seconds, ${sql.raw(secs('c.answered_at', 'c.ended_at'))}) else 0 end as talk) d
    cross join lateral (select case when d.handled then ${sql.raw(secs('coalesce(c.ended_at, c.answered_at)', 'c.disposition_at'))} else 0 end as wrap) w
    where c.status not in ${sql.raw(LIVE)} and ${where}`;
}

/**
 * The fact of every live lead matching `where` (on leads l): its cohort day, source, owner and
 * owner's team, the campaign of its first campaign call, each stage reached (first time it had
 * one of the stage's statuses, from its status changes; the creation time for a status it was
 * created with) moved no earlier than the stage before, and the seconds between them.
 */
function leadFactsFrom(where: SQL): SQL {
  return sql`select l.id as lead_id, (l.created_at at time zone ${sql.raw(`'${ZONE}'`)})::date as day, l.origin_source as source,
      case when l.owner_id is not null then u.team_id end as team_id, l.owner_id, fc.campaign_id,
      1 as created, (g1.contacted_at is not null)::int as contacted, (g2.interested_at is not null)::int as interested,
      (g3.converted_at is not null)::int as converted, (l.status = 'not_interested')::int as not_interested,
      (l.status = 'lost')::int as lost, (l.status = 'invalid')::int as invalid,
      ${sql.raw(secs('l.created_at', 'g1.contacted_at'))} as contacted_seconds,
      ${sql.raw(secs('g1.contacted_at', 'g2.interested_at'))} as interested_seconds,
      ${sql.raw(secs('g2.interested_at', 'g3.converted_at'))} as converted_seconds
    from leads l
    left join users u on u.id = l.owner_id
    left join lateral (select c.campaign_id from calls c where c.lead_id = l.id and c.campaign_id is not null order by c.created_at limit 1) fc on true
    cross join lateral (
      select min(a.created_at) filter (where a.data ->> 'to' = 'converted') as conv,
        min(a.created_at) filter (where a.data ->> 'to' in ${sql.raw(INTERESTED)}) as intr,
        min(a.created_at) filter (where a.data ->> 'to' in ${sql.raw(CONTACTED)}) as cont,
        coalesce(bool_or(a.data ->> 'to' = l.status), false) as has_own
      from activities a where a.lead_id = l.id and a.type = 'status_change' and a.data ? 'to') fa
    cross join lateral (select case when fa.has_own then null else l.created_at end as own) o
    cross join lateral (select least(fa.conv, case when l.status = 'converted' then o.own end) as conv,
      least(fa.intr, case when l.status in ${sql.raw(INTERESTED)} then o.own end) as intr,
      least(fa.cont, case when l.status in ${sql.raw(CONTACTED)} then o.own end) as cont) f
    cross join lateral (select case when coalesce(f.cont, f.intr) < l.created_at then l.created_at else coalesce(f.cont, f.intr) end as contacted_at) g1
    cross join lateral (select case when f.intr < g1.contacted_at then g1.contacted_at else f.intr end as interested_at) g2
    cross join lateral (select case when f.conv < g2.interested_at then g2.interested_at else f.conv end as converted_at) g3
    where l.deleted_at is null and l.merged_into_id is null and l.erased_at is null and ${where}`;
}

// ── Generation ──────────────────────────────────────────────────────────────────────────────────

const YEAR_START = Date.parse(`${YEAR}-01-01T00:00:00+05:30`) / 1000;
const DAYS = Math.round((Date.parse(`${YEAR + 1}-01-01T00:00:00Z`) - Date.parse(`${YEAR}-01-01T00:00:00Z`)) / 86_400_000);
const SOURCES = ['import', 'crm', 'manual', 'inbound', 'mysql'];
/** Connect rate by hour from 9:00 to 18:00 India time: slow mornings and lunch, best late afternoon. */
const CONNECT_BY_HOUR = [0.3, 0.37, 0.43, 0.41, 0.33, 0.36, 0.41, 0.46, 0.49, 0.43];
const FIRST = ['Priya', 'Rahul', 'Sunita', 'Amit', 'Kavya', 'Imran', 'Lakshmi', 'Arjun', 'Fatima', 'Rohan', 'पूजा', 'राहुल'];
const LAST = ['Sharma', 'Verma', 'Reddy', 'Iyer', 'Khan', 'Patil', 'Das', 'Singh', 'Nair', 'Gupta', 'Yadav', 'मिश्रा'];
const sqlList = (xs: (string | number)[]) => xs.map((x) => (typeof x === 'number' ? String(x) : `'${x}'`)).join(', ');

/** Options that decide what is generated: a kept database made with others is made again. */
async function generationKey() {
  const migrations = (await loadMigrations()).map((m) => m.hash.slice(0, 8)).join('');
  return { generator: GENERATOR, calls: CALLS, leads: LEADS, agents: AGENTS, teams: TEAMS, year: YEAR, migrations };
}

/**
 * One lead per row of l in [lo, hi): created evenly over the year, owned by telecaller l % agents
 * (2% unowned), most new or contacted; 4% came with their status and no status changes; a few in
 * other zones, deleted, reached a stage before the one it follows or moved before they were created.
 */
function leadsSource(lo: number, hi: number): string {
  return `select l as ix, md5('bench-lead-' || l)::uuid as id,
      to_timestamp(${YEAR_START} + floor((l + bench.u(l, 2)) * ${DAYS * 86400}::float8 / ${LEADS})) as created_at,
      case when r.u3 < 0.34 then 'new' when r.u3 < 0.58 then 'contacted' when r.u3 < 0.67 then 'callback' when r.u3 < 0.75 then 'interested'
           when r.u3 < 0.90 then 'not_interested' when r.u3 < 0.93 then 'lost' when r.u3 < 0.97 then 'invalid' else 'converted' end as status,
      case when r.u1 < 0.01 then 'Asia/Dubai' when r.u1 < 0.02 then 'Europe/London' else '${ZONE}' end as timezone,
      (array[${sqlList(SOURCES)}])[1 + (case when r.u6 < 0.4 then 0 when r.u6 < 0.65 then 1 when r.u6 < 0.8 then 2 when r.u6 < 0.9 then 3 else 4 end)] as source,
      case when r.u7 < 0.02 then null else a.id end as owner_id,
      r.u5 < 0.002 as deleted, bench.u(l, 4) < 0.04 as imported,
      bench.u(l, 12) < 0.03 as flip, bench.u(l, 12) < 0.02 as out_of_order, bench.u(l, 11) < 0.005 as skew,
      600 + floor(-ln(1 - bench.u(l, 8)) * 86400) as g1, 3600 + floor(-ln(1 - bench.u(l, 9)) * 4 * 86400) as g2,
      3600 + floor(-ln(1 - bench.u(l, 10)) * 7 * 86400) as g3
    from generate_series(${lo}, ${hi - 1}) as l
    join bench.agents a on a.ix = l % ${AGENTS}
    cross join lateral (select bench.u(l, 1) as u1, bench.u(l, 3) as u3, bench.u(l, 5) as u5, bench.u(l, 6) as u6, bench.u(l, 7) as u7) r`;
}

function insertLeads(lo: number, hi: number): string {
  return `insert into leads (id, name, phone, email, status, city, language, timezone, owner_id, origin_source, created_at, updated_at, deleted_at, assigned_at)
    select s.id, (array[${sqlList(FIRST)}])[1 + s.ix % ${FIRST.length}] || ' ' || (array[${sqlList(LAST)}])[1 + (s.ix / ${FIRST.length}) % ${LAST.length}],
      '+91' || (6000000000 + s.ix)::text, case when s.ix % 3 = 0 then 'lead' || s.ix || '@example.org' end, s.status,
      (array['Delhi','Mumbai','Pune','Lucknow','Patna','Chennai'])[1 + s.ix % 6], (array['hi','en','mr','ta'])[1 + s.ix % 4],
      s.timezone, s.owner_id, s.source, s.created_at, s.created_at, case when s.deleted then s.created_at + interval '30 days' end,
      case when s.owner_id is not null then s.created_at end
    from (${leadsSource(lo, hi)}) s`;
}

/** The status changes of the leads that moved: new → contacted → interested → converted or lost, and the other ways out. */
function insertActivities(lo: number, hi: number): string {
  return `insert into activities (lead_id, type, actor_id, data, created_at)
    select s.id, 'status_change', s.owner_id, jsonb_build_object('from', v.fr, 'to', v.tt), v.at
    from (${leadsSource(lo, hi)}) s
    cross join lateral (select case when s.skew then s.created_at - interval '1 hour' else s.created_at + make_interval(secs => s.g1) end as t1) t1
    cross join lateral (select t1.t1 + make_interval(secs => s.g2) as t2) t2
    cross join lateral (select case when s.out_of_order and s.status = 'converted' then t2.t2 - interval '2 hours' else t2.t2 + make_interval(secs => s.g3) end as t3) t3
    cross join lateral (values
      ('new', case when s.status = 'invalid' then 'invalid' else 'contacted' end, t1.t1),
      ('contacted', case when s.flip and s.status = 'interested' then 'converted' when s.status in ('callback', 'interested', 'not_interested') then s.status
                         when s.status in ('lost', 'converted') then 'interested' end, t2.t2),
      (case when s.flip and s.status = 'interested' then 'converted' else 'interested' end,
       case when s.flip and s.status = 'interested' then 'interested' when s.status in ('lost', 'converted') then s.status end, t3.t3)
    ) v(fr, tt, at)
    where s.status <> 'new' and not s.imported and v.tt is not null`;
}

/**
 * Calls i in [lo, hi): call i goes to agent-day i % M (every telecaller works 7 days in 10, Monday
 * to Saturday), at slot i / M of the day from 9:00 India time, to one of the telecaller's leads
 * created by then (mostly recent ones). Connect rate by hour of day (and weekday); machines,
 * abandons (no agent), failures, busy, no answer; talk time, dispositions 10–60 s after the end
 * (converted on 4% of connects), recordings; 88% of outbound calls in the team's campaign of the month.
 */
function insertCalls(lo: number, hi: number, agentDays: number): string {
  const perDay = Math.ceil(CALLS / agentDays);
  const slot = 36_000 / perDay;
  return `insert into calls (id, lead_id, agent_id, campaign_id, direction, provider, provider_call_id, status, created_at, started_at,
      answered_at, ended_at, duration_seconds, disposition, disposition_at, recording_available, recording_notice, answered_by, updated_at)
    select md5('bench-call-' || i)::uuid, md5('bench-lead-' || (a.ix + ${AGENTS} * k.j))::uuid,
      case when o.kind = 'abandoned' then null else a.id end, cp.id, case when k.inbound then 'inbound' else 'outbound' end,
      'simulator', case when o.kind = 'failed' and bench.u(i, 13) < 0.5 then null else 'bench-' || i end,
      case when o.kind in ('connect', 'machine') then 'completed' else o.kind end,
      t.at - interval '2 seconds', case when o.kind = 'failed' and bench.u(i, 13) < 0.3 then null else t.at end,
      e.answered, e.ended,
      case when o.kind = 'connect' and bench.u(i, 9) >= 0.02 then e.dur when o.kind = 'machine' then e.dur end,
      e.disposition, case when e.disposition is not null then e.ended + make_interval(secs => 10 + floor(bench.u(i, 10) * 50)) end,
      o.kind = 'connect' and bench.u(i, 11) < 0.9, o.kind = 'connect' and bench.u(i, 11) < 0.9 and bench.u(i, 12) < 0.95,
      case when o.kind = 'connect' and bench.u(i, 14) < 0.2 then null when o.kind = 'machine' then 'machine' when o.kind in ('connect', 'abandoned') then 'human' end,
      coalesce(e.ended + make_interval(secs => 60), t.at)
    from generate_series(${lo}, ${hi - 1}) as i
    join bench.agent_days ad on ad.n = i % ${agentDays}
    join bench.agents a on a.ix = ad.agent_ix
    join bench.days d on d.day_ix = ad.day_ix
    cross join lateral (select floor((i / ${agentDays}) * ${slot}::float8 + bench.u(i, 1) * ${Math.max(1, slot - 45)}) as off) q
    cross join lateral (select to_timestamp(${YEAR_START} + d.day_ix * 86400 + 9 * 3600 + q.off) as at,
      (array[${CONNECT_BY_HOUR.join(', ')}]::float8[])[1 + least(9, floor(q.off / 3600))::int]
        + case d.dow when 6 then 0.04 when 1 then -0.02 else 0 end as pc) t
    cross join lateral (select case when u < t.pc then 'connect' when u < t.pc + 0.03 then 'machine' when u < t.pc + 0.045 then 'abandoned'
      when u < t.pc + 0.105 then 'failed' when u < t.pc + 0.235 then 'busy' else 'no_answer' end as kind from bench.u(i, 3) as u) o
    cross join lateral (select bench.u(i, 4) < 0.04 as inbound,
      (${LEADS} - a.ix + ${AGENTS - 1}) / ${AGENTS} as per_agent) k0
    cross join lateral (select k0.inbound, greatest(1, least(k0.per_agent, (k0.per_agent::bigint * (d.day_ix + 1)) / ${DAYS}))::int as pool) k1
    cross join lateral (select k1.inbound, k1.pool - 1 - floor(k1.pool * bench.u(i, 14) ^ 2)::int as j,
      not k1.inbound and bench.u(i, 5) < 0.88 as in_campaign) k
    left join bench.campaigns cp on k.in_campaign and cp.ix = a.team_ix + ${TEAMS} * (((d.day_ix / 30) + a.team_ix) % 2)
    cross join lateral (select case o.kind when 'connect' then least(1800, 15 + floor(-ln(1 - bench.u(i, 7)) * 160))::int
        when 'machine' then 8 + floor(bench.u(i, 7) * 20)::int when 'abandoned' then 3 else 0 end as dur,
      case when o.kind in ('connect', 'machine', 'abandoned') then t.at + make_interval(secs => 5 + floor(bench.u(i, 6) * 20)) end as answered) e0
    cross join lateral (select e0.dur, e0.answered,
      case when e0.answered is not null then e0.answered + make_interval(secs => e0.dur)
           when o.kind = 'no_answer' then t.at + interval '30 seconds' when o.kind = 'busy' then t.at + interval '4 seconds'
           else t.at + interval '1 second' end as ended,
      case when o.kind <> 'connect' then null when bench.u(i, 8) < 0.03 then null when bench.u(i, 8) < 0.07 then 'converted'
           when bench.u(i, 8) < 0.27 then 'interested' when bench.u(i, 8) < 0.52 then 'callback' when bench.u(i, 8) < 0.87 then 'not_interested'
           else 'wrong_number' end as disposition) e`;
}

/**
 * Each telecaller-day of agent-days [lo, hi) in the presence log: available from 8:55, then per
 * call slot on a call for 60% of it and available for the rest, offline from 19:00 to 8:55 the
 * next morning (a row across midnight). About 300 state changes a day, as a floor that dials
 * every two or three minutes makes: the rows a year's signed-in time would otherwise be read from.
 */
function insertPresence(lo: number, hi: number, agentDays: number): string {
  const perDay = Math.ceil(CALLS / agentDays);
  const slot = Math.floor(36_000 / perDay);
  const busy = Math.floor(slot * 0.6);
  return `insert into agent_presence_log (user_id, state, started_at, ended_at)
    select a.id, v.state, v.s, v.e
    from bench.agent_days ad
    join bench.agents a on a.ix = ad.agent_ix
    cross join lateral (select to_timestamp(${YEAR_START} + ad.day_ix * 86400) as d0) d
    cross join lateral (
      select 'available' as state, d.d0 + interval '8 hours 55 minutes' as s, d.d0 + interval '9 hours' as e
      union all
      select case when k % 2 = 0 then 'on_call' else 'available' end,
        d.d0 + make_interval(secs => 32400 + (k / 2) * ${slot} + (k % 2) * ${busy}),
        d.d0 + make_interval(secs => 32400 + (k / 2) * ${slot} + case when k % 2 = 0 then ${busy} else ${slot} end)
      from generate_series(0, ${2 * perDay - 1}) as k
      union all
      select 'offline', d.d0 + interval '19 hours', d.d0 + interval '32 hours 55 minutes'
    ) v
    where ad.n >= ${lo} and ad.n < ${hi}`;
}

/** A QA score (40–100, whole points) for every answered call with a disposition, as the automatic scoring gives each one. */
function insertScores(where: SQL): SQL {
  return sql`insert into call_scores (call_id, agent_id, campaign_id, call_at, scorecard_id, scorecard_name, scorecard_version, auto_score, score, scored_at)
    select c.id, c.agent_id, c.campaign_id, c.answered_at, sc.id, sc.name, 1, v.score, v.score, c.disposition_at
    from calls c
    cross join (select id, name from qa_scorecards where name = 'Bench scorecard') sc
    cross join lateral (select (40 + abs(hashtext(c.id::text)) % 61)::real as score) v
    where c.agent_id is not null and c.answered_at is not null and c.disposition is not null and ${where}`;
}

type People = { admin: string; managers: string[]; teams: string[]; agents: { id: string; team: number }[]; campaigns: string[] };

/** Telecallers in teams with a manager each, an admin and the campaigns, through the app's services. */
async function makePeople(services: Awaited<ReturnType<typeof createServices>>): Promise<People> {
  const { users, campaigns } = services;
  const admin = await users.create(SYSTEM_ACTOR, { email: 'admin@bench.example', name: 'Bench Admin', role: 'admin', password: PASSWORD });
  const managers: string[] = [];
  const teams: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    const m = await users.create(SYSTEM_ACTOR, { email: `manager${t}@bench.example`, name: `Manager ${t + 1}`, role: 'manager', password: PASSWORD });
    const team = await users.createTeam(SYSTEM_ACTOR, { name: `Floor ${t + 1}`, managerId: m.id });
    managers.push(m.id);
    teams.push(team.id);
  }
  const agents: { id: string; team: number }[] = new Array(AGENTS);
  const queue = Array.from({ length: AGENTS }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const team = i % TEAMS;
        const u = await users.create(SYSTEM_ACTOR, {
          email: `agent${i}@bench.example`,
          name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
          role: 'telecaller',
          password: PASSWORD,
          teamId: teams[team] ?? null,
        });
        agents[i] = { id: u.id, team };
      }
    }),
  );
  const campaignIds: string[] = [];
  for (let c = 0; c < CAMPAIGNS; c++) {
    const team = c % TEAMS;
    const teamIds = [teams[team] as string, ...(c % 4 === 0 && TEAMS > 1 ? [teams[(c + 3) % TEAMS] as string] : [])];
    const made = await campaigns.create(SYSTEM_ACTOR, {
      name: `Drive ${c + 1} (${c < TEAMS ? 'odd' : 'even'} months)`,
      teamIds,
      cost: c % 3 === 2 ? null : 50_000 + c * 12_500,
      startDate: `${YEAR}-01-01`,
      endDate: `${YEAR}-12-31`,
    });
    campaignIds.push(made.id);
  }
  return { admin: admin.id, managers, teams, agents, campaigns: campaignIds };
}

type Timings = Record<string, number>;

async function generate(url: string, db: Db, services: Awaited<ReturnType<typeof createServices>>, key: Record<string, unknown>): Promise<Timings> {
  const t: Timings = {};
  const c = await rawClient(url);
  try {
    let s = performance.now();
    log('people and campaigns (users, teams, campaigns services)…');
    const people = await makePeople(services);
    await c.query(`create schema bench;
      create function bench.u(i bigint, salt int) returns float8 language sql immutable parallel safe
        as $$ select (hashint8extended(i, salt) & 9007199254740991)::float8 / 9007199254740992.0 $$;
      create table bench.agents (ix int primary key, id uuid not null, team_ix int not null);
      create table bench.campaigns (ix int primary key, id uuid not null);
      create table bench.marker (key jsonb not null, timings jsonb not null, people jsonb not null, finished_at timestamptz not null default now());`);
    await c.query(`insert into bench.agents select (a->>'ix')::int, (a->>'id')::uuid, (a->>'team')::int from jsonb_array_elements($1::jsonb) a`, [
      JSON.stringify(people.agents.map((a, ix) => ({ ix, ...a }))),
    ]);
    await c.query(`insert into bench.campaigns select ord - 1, id::uuid from jsonb_array_elements_text($1::jsonb) with ordinality as x(id, ord)`, [
      JSON.stringify(people.campaigns),
    ]);
    await c.query(`create table bench.days as
        select k as day_ix, extract(isodow from date '${YEAR}-01-01' + k)::int as dow from generate_series(0, ${DAYS - 1}) k
        where extract(isodow from date '${YEAR}-01-01' + k) < 7;
      alter table bench.days add primary key (day_ix);
      create table bench.agent_days as
        select (row_number() over (order by d.day_ix, a.ix) - 1)::int as n, a.ix as agent_ix, d.day_ix
        from bench.days d cross join bench.agents a where (d.day_ix + a.ix) % 10 < 7;
      alter table bench.agent_days add primary key (n);`);
    const agentDays = Number((await c.query<{ n: string }>('select count(*) as n from bench.agent_days')).rows[0]?.n ?? 0);
    t.people = seconds(s);

    const dropped: string[] = [];
    for (const table of ['leads', 'activities', 'calls', 'agent_presence_log', 'call_scores']) dropped.push(...(await dropIndexes(c, table)));
    const chunks = (total: number, size: number) =>
      Array.from({ length: Math.ceil(total / size) }, (_, k) => [k * size, Math.min(total, (k + 1) * size)] as const);

    s = performance.now();
    log(`${LEADS.toLocaleString('en')} leads…`);
    await runAll(
      url,
      chunks(LEADS, 250_000).map(([lo, hi]) => stmt(`leads ${lo}–${hi}`, insertLeads(lo, hi))),
      2,
    );
    t.leads = seconds(s);
    s = performance.now();
    log('their status changes…');
    await runAll(
      url,
      chunks(LEADS, 250_000).map(([lo, hi]) => stmt(`status changes of leads ${lo}–${hi}`, insertActivities(lo, hi))),
      2,
    );
    t.activities = seconds(s);
    s = performance.now();
    log(`${CALLS.toLocaleString('en')} calls over ${agentDays.toLocaleString('en')} telecaller-days…`);
    await runAll(
      url,
      chunks(CALLS, 500_000).map(([lo, hi]) => stmt(`calls ${lo}–${hi}`, insertCalls(lo, hi, agentDays))),
      2,
    );
    t.calls = seconds(s);
    s = performance.now();
    log('the presence log (about 300 state changes per telecaller-day)…');
    await runAll(
      url,
      chunks(agentDays, 8_000).map(([lo, hi]) => stmt(`presence of telecaller-days ${lo}–${hi}`, insertPresence(lo, hi, agentDays))),
      2,
    );
    t.presence = seconds(s);
    s = performance.now();
    log('QA scores of the answered calls…');
    await c.query(`insert into qa_scorecards (name, sections) values ('Bench scorecard', '[]'::jsonb)`);
    const scoreMonths = Array.from({ length: 12 }, (_, m) => `${YEAR}-${String(m + 1).padStart(2, '0')}-01`);
    await runAll(
      url,
      scoreMonths.map((m, k) => {
        const lo = k === 0 ? sql`true` : sql`c.created_at >= ${`${m}T00:00:00+05:30`}::timestamptz`;
        const hi = k === 11 ? sql`true` : sql`c.created_at < ${`${scoreMonths[k + 1]}T00:00:00+05:30`}::timestamptz`;
        return stmt(`scores of calls from ${m}`, insertScores(sql`${lo} and ${hi}`));
      }),
      2,
    );
    t.scores = seconds(s);
    s = performance.now();
    log('indexes of leads, activities, calls, presence and scores…');
    await runAll(
      url,
      dropped.map((d) => stmt(d.replace(/ ON .*/, ''), d)),
      2,
    );
    await c.query('analyze leads; analyze activities; analyze calls; analyze users; analyze campaigns; analyze agent_presence_log; analyze call_scores');
    t.sourceIndexes = seconds(s);

    // The facts, in one set-based statement each (split by month of the call, two at a time).
    s = performance.now();
    log('call facts (SQL mirror of callFact)…');
    const factIndexes = [...(await dropIndexes(c, 'report_call_facts')), ...(await dropIndexes(c, 'report_lead_facts'))];
    const months = Array.from({ length: 12 }, (_, m) => `${YEAR}-${String(m + 1).padStart(2, '0')}-01`);
    await runAll(
      url,
      months.map((m, k) => {
        const lo = k === 0 ? sql`true` : sql`c.created_at >= ${`${m}T00:00:00+05:30`}::timestamptz`;
        const hi = k === 11 ? sql`true` : sql`c.created_at < ${`${months[k + 1]}T00:00:00+05:30`}::timestamptz`;
        return stmt(
          `call facts from ${m}`,
          sql`insert into report_call_facts (${sql.raw(CALL_FACT_COLUMNS.join(', '))}) select ${sql.raw(CALL_FACT_COLUMNS.join(', '))} from (${callFactsFrom(sql`${lo} and ${hi}`)}) f`,
        );
      }),
      2,
    );
    t.callFacts = seconds(s);
    s = performance.now();
    log('lead facts (SQL mirror of leadFact)…');
    await runAll(
      url,
      months.map((m, k) => {
        const lo = k === 0 ? sql`true` : sql`l.created_at >= ${`${m}T00:00:00+05:30`}::timestamptz`;
        const hi = k === 11 ? sql`true` : sql`l.created_at < ${`${months[k + 1]}T00:00:00+05:30`}::timestamptz`;
        return stmt(
          `lead facts from ${m}`,
          sql`insert into report_lead_facts (${sql.raw(LEAD_FACT_COLUMNS.join(', '))}) select ${sql.raw(LEAD_FACT_COLUMNS.join(', '))} from (${leadFactsFrom(sql`${lo} and ${hi}`)}) f`,
        );
      }),
      2,
    );
    t.leadFacts = seconds(s);
    s = performance.now();
    log('fact indexes…');
    await runAll(
      url,
      factIndexes.map((d) => stmt(d.replace(/ ON .*/, ''), d)),
      2,
    );
    t.factIndexes = seconds(s);

    // Each rollup summed from the facts (in key order, so its unique index fills from one end).
    s = performance.now();
    log('rollups (sumsFromFacts)…');
    const rollupIndexes: string[] = [];
    const rollupStmts: Stmt[] = [];
    for (const [rollups, measures] of [
      [CALL_ROLLUPS, CALL_MEASURES],
      [LEAD_ROLLUPS, LEAD_MEASURES],
    ] as const) {
      for (const r of rollups) {
        rollupIndexes.push(...(await dropIndexes(c, r.table)));
        const cols = [...r.dims, ...measures].map(snake).join(', ');
        rollupStmts.push(
          stmt(
            r.table,
            sql`insert into ${sql.identifier(r.table)} (${sql.raw(cols)}) select * from (${sumsFromFacts(r, measures)}) s order by ${sql.raw(r.dims.map(snake).join(', '))}`,
          ),
        );
      }
    }
    // Presence and QA scores by day, as migration 0026 fills them (the load ran without its triggers).
    rollupStmts.push(
      stmt('agent_presence_days', sql`insert into agent_presence_days (day, user_id, state, seconds) ${presenceDaysFromLog(ZONE)}`),
      stmt('qa_score_days', sql`insert into qa_score_days (day, agent_id, scored, score_sum) ${qaScoreDaysFromScores(ZONE)}`),
    );
    await runAll(url, rollupStmts, 2);
    await runAll(
      url,
      rollupIndexes.map((d) => stmt(d.replace(/ ON .*/, ''), d)),
      2,
    );
    t.rollups = seconds(s);

    s = performance.now();
    log('vacuum analyze…');
    await c.query(`vacuum (analyze) leads, activities, calls, report_call_facts, report_lead_facts, report_call_hours, report_call_days,
      report_call_agent_days, report_call_week_hours, report_lead_days, agent_presence_log, agent_presence_days, call_scores, qa_score_days`);
    t.vacuum = seconds(s);
    // The rollups are complete: the walk that fills them for older data has nothing to do.
    await db.execute(sql`insert into report_state (name, value) values
      ('calls.walk', '{"afterId":null,"done":true}'), ('leads.walk', '{"afterId":null,"done":true}'), ('leads.sweep', ${JSON.stringify({ at: new Date().toISOString() })}::jsonb)
      on conflict (name) do update set value = excluded.value`);
    t.total = round(Object.values(t).reduce((a, b) => a + b, 0));
    await c.query('insert into bench.marker (key, timings, people) values ($1, $2, $3)', [JSON.stringify(key), JSON.stringify(t), JSON.stringify(people)]);
    return t;
  } finally {
    await c.end();
  }
}

/** Whether two generation keys are the same (jsonb keeps its own order of keys). */
const sameKey = (a: unknown, b: Record<string, unknown>) => {
  const sorted = (o: unknown) => JSON.stringify(Object.entries(o as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)));
  return sorted(a) === sorted(b);
};

/** The kept database when it was made with these options, else a new one (made and migrated). */
async function openBenchDatabase(key: Record<string, unknown>): Promise<{ reused: boolean; marker?: { timings: Timings; people: People } }> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [DB_NAME])).rowCount === 1;
    if (exists && !values.fresh) {
      const c = new pg.Client({ connectionString: urlOf(DB_NAME) });
      await c.connect();
      try {
        const has = (await c.query(`select to_regclass('bench.marker') as t`)).rows[0]?.t;
        const marker = has
          ? (await c.query<{ key: unknown; timings: Timings; people: People }>('select key, timings, people from bench.marker')).rows[0]
          : undefined;
        if (marker && sameKey(marker.key, key)) return { reused: true, marker };
        log(marker ? 'the kept database was made with other options: making it again' : 'the kept database is incomplete: making it again');
      } finally {
        await c.end();
      }
    }
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.query(`create database ${DB_NAME}`);
    return { reused: false };
  } finally {
    await admin.end();
  }
}

// ── Measuring ───────────────────────────────────────────────────────────────────────────────────

type Timed = { runs: number; p50Ms: number; p95Ms: number };

/** Times `runs` runs of fn after a warm-up run, whose answer it returns. */
async function timeRuns<T>(fn: () => Promise<T>, runs: number): Promise<Timed & { first: T }> {
  const first = await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => round(samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? 0);
  return { runs, p50Ms: pct(50), p95Ms: pct(95), first };
}

function peakMemory() {
  let rss = 0;
  let heap = 0;
  const tick = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  tick();
  const timer = setInterval(tick, 100);
  return () => {
    clearInterval(timer);
    tick();
    return { peakRssMB: mb(rss), peakHeapMB: mb(heap) };
  };
}

const CALL_SUMS = sql.raw(CALL_MEASURES.map((m) => `coalesce(sum(${snake(m)}), 0)::float8 as "${m}"`).join(', '));
const LEAD_SUMS = sql.raw(LEAD_MEASURES.map((m) => `coalesce(sum(${snake(m)}), 0)::float8 as "${m}"`).join(', '));
const uuidList = (ids: string[]) => sql`(select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`;

type Scope = { from: string; to: string; teamIds?: string[]; campaignId?: string; agentId?: string };

/** The scope's filters on fact columns (as the reader's whereOf), for the baseline. */
function scopeWhere(s: Scope, lead: boolean): SQL {
  const parts: SQL[] = [sql`true`];
  if (s.teamIds) parts.push(sql`team_id in ${uuidList(s.teamIds)}`);
  if (s.campaignId) parts.push(sql`campaign_id = ${s.campaignId}::uuid`);
  if (s.agentId) parts.push(lead ? sql`owner_id = ${s.agentId}::uuid` : sql`agent_id = ${s.agentId}::uuid`);
  return sql.join(parts, sql` and `);
}

/** The baseline: each report's figures summed from the raw tables, the same queries the reader runs on the rollups. */
function createBaseline(db: Db, people: People) {
  const callSums = async (s: Scope, group: string[], extra?: SQL) => {
    const { start, end } = instantsOf(s.from, s.to, ZONE);
    const at = sql.raw('coalesce(c.started_at, c.created_at)');
    const period = sql`${at} >= ${start.toISOString()}::timestamptz and ${at} < ${end.toISOString()}::timestamptz`;
    const select = group.length > 0 ? sql.raw(`${group.join(', ')}, `) : sql``;
    const groupBy = group.length > 0 ? sql.raw(` group by ${group.join(', ')}`) : sql``;
    return rowsOf<Record<string, number>>(
      await db.execute(
        sql`select ${select}${CALL_SUMS} from (${callFactsFrom(period)}) f where ${scopeWhere(s, false)}${extra ? sql` and ${extra}` : sql``}${groupBy}`,
      ),
    );
  };
  const leadSums = async (s: Scope, group: string[]) => {
    const { start, end } = instantsOf(s.from, s.to, ZONE);
    const period = sql`l.created_at >= ${start.toISOString()}::timestamptz and l.created_at < ${end.toISOString()}::timestamptz`;
    const select = group.length > 0 ? sql.raw(`${group.join(', ')}, `) : sql``;
    const groupBy = group.length > 0 ? sql.raw(` group by ${group.join(', ')}`) : sql``;
    return rowsOf<Record<string, number>>(
      await db.execute(sql`select ${select}${LEAD_SUMS} from (${leadFactsFrom(period)}) f where ${scopeWhere(s, true)}${groupBy}`),
    );
  };
  const total = (rows: Record<string, number>[], m: string) => rows.reduce((n, r) => n + Number(r[m] ?? 0), 0);
  /** Each report's queries, at once as the service runs them; returns the figures checked against the service's. */
  return {
    async funnel(s: Scope) {
      const [totals] = await Promise.all([leadSums(s, []), leadSums(s, ['source']), leadSums(s, ['campaign_id'])]);
      return ['created', 'contacted', 'interested', 'converted'].map((m) => total(totals, m));
    },
    async campaigns(s: Scope) {
      const [, totals] = await Promise.all([
        callSums(s, ['campaign_id']),
        callSums(s, []),
        callSums(s, ['day']),
        callSums(s, ['campaign_id', 'local_hour'], sql`local_hour is not null`),
      ]);
      return ['dials', 'connects', 'conversions', 'talkSeconds'].map((m) => total(totals, m));
    },
    async telecallers(s: Scope) {
      // Signed-in time from the presence log row by row, and QA scores from every scored call.
      const { start, end } = instantsOf(s.from, s.to, ZONE);
      const ids = people.agents
        .filter((a) => (!s.teamIds || s.teamIds.includes(people.teams[a.team] as string)) && (!s.agentId || a.id === s.agentId))
        .map((a) => a.id);
      const [byAgent, , presence, scores] = await Promise.all([
        callSums(s, ['agent_id'], sql`agent_id is not null`),
        callSums(s, ['agent_id', 'day'], sql`agent_id is not null`),
        db.execute(sql`select sum(extract(epoch from (least(coalesce(l.ended_at, ${end.toISOString()}::timestamptz), ${end.toISOString()}::timestamptz)
            - greatest(l.started_at, ${start.toISOString()}::timestamptz))))::float8 as seconds
          from agent_presence_log l where l.user_id in ${uuidList(ids)} and l.state <> 'offline'
            and l.started_at < ${end.toISOString()}::timestamptz and (l.ended_at is null or l.ended_at > ${start.toISOString()}::timestamptz)`),
        db.execute(sql`select agent_id, avg(score)::float8 as score from call_scores
          where agent_id in ${uuidList(ids)} and call_at >= ${start.toISOString()}::timestamptz and call_at < ${end.toISOString()}::timestamptz
            and score is not null group by agent_id`),
      ]);
      const loggedIn = Math.round(Number(rowsOf<{ seconds: number }>(presence)[0]?.seconds ?? 0));
      const qa = rowsOf<{ score: number }>(scores).reduce((n, r) => n + Math.round(Number(r.score) * 10) / 10, 0);
      return [...['dials', 'connects', 'conversions', 'talkSeconds'].map((m) => total(byAgent, m)), loggedIn, Math.round(qa * 10)];
    },
    async hours(s: Scope) {
      const cells = await callSums(s, ['local_dow', 'local_hour'], sql`local_dow is not null`);
      return ['dials', 'connects'].map((m) => total(cells, m));
    },
    async compliance(s: Scope) {
      const byCampaignDay = await callSums(s, ['campaign_id', 'day']);
      return ['abandons', 'connects', 'recorded', 'noticed'].map((m) => total(byCampaignDay, m));
    },
    async sources(s: Scope) {
      const bySource = await leadSums(s, ['source']);
      return ['created', 'contacted', 'converted'].map((m) => total(bySource, m));
    },
  };
}

/** The figures of a report the baseline's are checked against. */
function figuresOf(kind: ReportKind, r: unknown): number[] {
  if (kind === 'funnel') return (r as { stages: { leads: number }[] }).stages.map((s) => s.leads);
  if (kind === 'campaigns') {
    const t = (r as { totals: Record<string, number> }).totals;
    return ['dials', 'connects', 'conversions', 'talkSeconds'].map((m) => t[m] ?? 0);
  }
  if (kind === 'telecallers') {
    const items = (r as { items: Record<string, number>[] }).items;
    const sum = (m: string) => items.reduce((n, i) => n + (i[m] ?? 0), 0);
    return [...['dials', 'connects', 'conversions', 'talkSeconds'].map(sum), sum('loggedInSeconds'), Math.round(sum('qaScore') * 10)];
  }
  if (kind === 'compliance') {
    const c = r as { abandons: { items: { abandons: number }[] }; recordings: { connects: number; recorded: number; noticed: number } };
    return [c.abandons.items.reduce((n, i) => n + i.abandons, 0), c.recordings.connects, c.recordings.recorded, c.recordings.noticed];
  }
  if (kind === 'sources') {
    const items = (r as { items: Record<string, number>[] }).items;
    return ['created', 'contacted', 'converted'].map((m) => items.reduce((n, i) => n + (i[m] ?? 0), 0));
  }
  const cells = (r as { cells: { dials: number; connects: number }[] }).cells;
  return [cells.reduce((n, c) => n + c.dials, 0), cells.reduce((n, c) => n + c.connects, 0)];
}

// ── Proofs ──────────────────────────────────────────────────────────────────────────────────────

type Mismatch = { id: string; field: string; js: unknown; sql: unknown };

/** Fact rows of `ids` as the JS facts name their fields (day as text, hour as epoch ms). */
async function sqlFacts(db: Db, table: 'report_call_facts' | 'report_lead_facts', id: string, keys: readonly string[], ids: string[]) {
  const cols = [id, ...keys].map((k) =>
    k === 'day' ? `day::text as "day"` : k === 'hour' ? `(extract(epoch from hour) * 1000)::float8 as "hour"` : `${snake(k)} as "${k}"`,
  );
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${sql.raw(cols.join(', '))} from ${sql.identifier(table)} where ${sql.raw(snake(id))} in ${uuidList(ids)}`),
  );
  return new Map(rows.map((r) => [String(r[id]), r]));
}

function compare(js: Map<string, Record<string, unknown>>, stored: Map<string, Record<string, unknown>>, keys: string[], out: Mismatch[]): number {
  let bad = 0;
  for (const id of new Set([...js.keys(), ...stored.keys()])) {
    const a = js.get(id);
    const b = stored.get(id);
    let wrong = false;
    if (!a || !b) {
      wrong = true;
      out.push({ id, field: a ? '(no SQL row)' : '(no JS fact)', js: a ?? null, sql: b ?? null });
    } else {
      for (const k of keys) {
        const x = a[k] instanceof Date ? (a[k] as Date).getTime() : (a[k] ?? null);
        const y = b[k] ?? null;
        if (x === y || (typeof x === 'number' && Number(y) === x)) continue;
        wrong = true;
        if (out.length < 20) out.push({ id, field: k, js: x, sql: y });
      }
    }
    if (wrong) bad++;
  }
  return bad;
}

/**
 * The SQL facts against callFact/leadFact in JS on a sample: 4 in 5 drawn at random, the rest from
 * the odd cases (leads in other zones, abandoned and machine calls, no talk time reported, no start,
 * inbound, deleted leads, status with no status change, stages out of order).
 */
async function factCheck(db: Db, services: Awaited<ReturnType<typeof createServices>>) {
  const seed = Math.floor(Math.random() * 1e6);
  const ids = (rows: unknown) => rowsOf<{ id: string }>(rows).map((r) => r.id);
  // Sample pages of the tables (a few times more rows than needed), then rows at random from them.
  const pct = (want: number, of: number) => Math.min(100, (want * 500) / of);
  const oddCalls = ids(
    await db.execute(sql`select c.id from calls c tablesample system (${pct(5000, CALLS)}) repeatable (${seed}) join leads l on l.id = c.lead_id
      where l.timezone <> ${ZONE} or c.status = 'abandoned' or (c.answered_by is distinct from 'human' and c.answered_at is not null)
        or (c.answered_at is not null and c.duration_seconds is null) or c.started_at is null or c.direction = 'inbound'
      order by random() limit 1000`),
  );
  const someCalls = ids(
    await db.execute(sql`select id from calls tablesample system (${pct(5000, CALLS)}) repeatable (${seed + 1}) order by random() limit 5000`),
  ).filter((id) => !oddCalls.includes(id));
  const callIds = [...oddCalls, ...someCalls].slice(0, 5000);
  const oddLeads = ids(
    await db.execute(sql`select l.id from leads l tablesample system (${pct(2000, LEADS)}) repeatable (${seed})
      where l.deleted_at is not null or l.timezone <> ${ZONE} or l.status in ('converted', 'lost', 'interested', 'invalid')
        or (l.status <> 'new' and not exists (select 1 from activities a where a.lead_id = l.id))
      order by random() limit 500`),
  );
  const someLeads = ids(
    await db.execute(sql`select id from leads tablesample system (${pct(2000, LEADS)}) repeatable (${seed + 1}) order by random() limit 2000`),
  ).filter((id) => !oddLeads.includes(id));
  const leadIds = [...oddLeads, ...someLeads].slice(0, 2000);

  // The contexts built the way createRollups builds them.
  const teams = await services.users.allTeams();
  const campaignTeams = new Map((await services.campaigns.list()).map((c) => [c.id, c.teamIds[0] ?? null]));
  const callFacts = createCallFacts({ db });
  const mismatches: Mismatch[] = [];

  const callRows = await callFacts.rows(callIds);
  const sources = await services.leads.facts.sourcesOf(callRows.map((r) => r.leadId));
  const jsCalls = new Map<string, Record<string, unknown>>();
  for (const r of callRows) {
    const teamId = r.agentId ? (teams.get(r.agentId) ?? null) : r.campaignId ? (campaignTeams.get(r.campaignId) ?? null) : null;
    const f = callFact(r, { timeZone: ZONE, lead: sources.get(r.leadId), teamId });
    if (f) jsCalls.set(f.callId, f);
  }
  const callKeys = ['leadId', 'day', 'hour', 'localDow', 'localHour', 'agentId', 'teamId', 'campaignId', 'source', 'direction', ...CALL_MEASURES];
  const badCalls = compare(jsCalls, await sqlFacts(db, 'report_call_facts', 'callId', callKeys, callIds), callKeys, mismatches);

  const leadRows = await services.leads.facts.rows(leadIds);
  const firstCampaigns = await callFacts.firstCampaigns(leadRows.map((r) => r.id));
  const jsLeads = new Map<string, Record<string, unknown>>();
  for (const r of leadRows) {
    const f = leadFact(r, { timeZone: ZONE, teamId: r.ownerId ? (teams.get(r.ownerId) ?? null) : null, campaignId: firstCampaigns.get(r.id) ?? null });
    if (f) jsLeads.set(f.leadId, f);
  }
  const leadKeys = ['day', 'source', 'teamId', 'ownerId', 'campaignId', ...LEAD_MEASURES];
  const badLeads = compare(jsLeads, await sqlFacts(db, 'report_lead_facts', 'leadId', leadKeys, leadIds), leadKeys, mismatches);
  return { calls: callIds.length, leads: leadIds.length, mismatches: badCalls + badLeads, examples: mismatches.slice(0, 10) };
}

/** Rollup rows that differ from the facts summed again, on the rows `where` picks (day or hour of the rollup). */
async function rollupDrift(db: Db, callIds: string[], leadIds: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [rollups, measures, facts, id, ids] of [
    [CALL_ROLLUPS, CALL_MEASURES, 'report_call_facts', 'call_id', callIds],
    [LEAD_ROLLUPS, LEAD_MEASURES, 'report_lead_facts', 'lead_id', leadIds],
  ] as const) {
    for (const r of rollups) {
      const key = r.dims.includes('day') ? 'day' : 'hour';
      const where = sql`${sql.raw(key)} in (select distinct ${sql.raw(key)} from ${sql.identifier(facts)} where ${sql.raw(id)} in ${uuidList([...ids])})`;
      const cols = sql.raw([...r.dims, ...measures].map(snake).join(', '));
      const nonZero = sql.raw(measures.map((m) => `${snake(m)} <> 0`).join(' or '));
      const stored = sql`select ${cols} from ${sql.identifier(r.table)} where ${where} and (${nonZero})`;
      const fresh = sumsFromFacts(r, measures, where);
      const [row] = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from ((${stored} except all ${fresh}) union all (${fresh} except all ${stored})) d`),
      );
      out[r.table] = row?.n ?? -1;
    }
  }
  return out;
}

/**
 * The product's incremental path alone: `calls` recent calls re-disposed and re-timed (as a
 * disposition or a late recording changes them), applied through reportMaintenance.applyCalls in
 * batches (what the call events do), the rollups checked against the facts; then put back and
 * applied again, so the kept database is as generated.
 */
async function incremental(db: Db, services: Awaited<ReturnType<typeof createServices>>) {
  const apply = services.reportMaintenance.applyCalls;
  await db.execute(
    sql`create table if not exists bench.incremental_backup (id uuid primary key, disposition text, disposition_at timestamptz, duration_seconds int)`,
  );
  const applyAll = async (ids: string[]) => {
    const s = performance.now();
    for (let i = 0; i < ids.length; i += BATCH) await apply(ids.slice(i, i + BATCH));
    const secs = (performance.now() - s) / 1000;
    return { seconds: round(secs), callsPerSecond: Math.round(ids.length / secs) };
  };
  const restore = async () => {
    await db.execute(sql`update calls c set disposition = b.disposition, disposition_at = b.disposition_at, duration_seconds = b.duration_seconds
      from bench.incremental_backup b where c.id = b.id`);
    const ids = rowsOf<{ id: string }>(await db.execute(sql`select id from bench.incremental_backup order by id`)).map((r) => r.id);
    return ids;
  };
  // A run that stopped half way put back first.
  const left = await restore();
  if (left.length > 0) {
    log(`putting back ${left.length} calls an earlier run changed…`);
    await applyAll(left);
    await db.execute(sql`truncate bench.incremental_backup`);
  }
  const lastDay = Date.parse(`${YEAR}-12-31T00:00:00+05:30`);
  const since = new Date(lastDay - 2 * 86_400_000).toISOString();
  await db.execute(sql`insert into bench.incremental_backup
    select id, disposition, disposition_at, duration_seconds from calls where created_at >= ${since}::timestamptz order by random() limit ${INCREMENTAL}`);
  const ids = rowsOf<{ id: string }>(await db.execute(sql`select id from bench.incremental_backup`)).map((r) => r.id);
  const leadIds = rowsOf<{ id: string }>(await db.execute(sql`select distinct lead_id as id from calls where id in ${uuidList(ids)}`)).map((r) => r.id);
  await db.execute(sql`update calls c set disposition = case when c.disposition = 'converted' then 'interested' else 'converted' end,
      disposition_at = coalesce(c.disposition_at, c.ended_at + interval '20 seconds'), duration_seconds = c.duration_seconds + 7
    where c.id in (select id from bench.incremental_backup)`);
  log(`incremental: applyCalls over ${ids.length} changed calls in batches of ${BATCH}…`);
  const changed = await applyAll(ids);
  const driftChanged = await rollupDrift(db, ids, leadIds);
  await restore();
  log('incremental: put back and applied again…');
  const putBack = await applyAll(ids);
  const driftBack = await rollupDrift(db, ids, leadIds);
  await db.execute(sql`truncate bench.incremental_backup`);
  const drift = Object.values(driftChanged).reduce((a, b) => a + b, 0) + Object.values(driftBack).reduce((a, b) => a + b, 0);
  return {
    calls: ids.length,
    leads: leadIds.length,
    batch: BATCH,
    changed,
    putBack,
    rollupRowsOff: { changed: driftChanged, putBack: driftBack },
    rollupsTrue: drift === 0,
  };
}

// ── The run ─────────────────────────────────────────────────────────────────────────────────────

const key = await generationKey();
const opened = await openBenchDatabase(key);
const url = urlOf(DB_NAME);
const database = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-bench-reports-'));
let exitCode = 0;
try {
  if (!opened.reused) await migrate(database.db);
  const { db } = database;
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', TELEHUB_DEMO: '0', TELEHUB_DATA_DIR: dataDir });
  const services = await createServices({ config, database, logger: createLogger({ level: 'silent' }) });

  let timings: Timings;
  let people: People;
  if (opened.reused && opened.marker) {
    log(`reusing ${DB_NAME} (generated earlier; --fresh to make it again)`);
    // In the order they ran (jsonb keeps its own order of keys).
    const phases = [
      'people',
      'leads',
      'activities',
      'calls',
      'presence',
      'scores',
      'sourceIndexes',
      'callFacts',
      'leadFacts',
      'factIndexes',
      'rollups',
      'vacuum',
      'total',
    ];
    const kept = opened.marker.timings;
    timings = Object.fromEntries(
      [...phases.filter((p) => p in kept), ...Object.keys(kept).filter((p) => !phases.includes(p))].map((p) => [p, kept[p] as number]),
    );
    people = opened.marker.people;
  } else {
    log(`generating ${DB_NAME}…`);
    timings = await generate(url, db, services, key);
    people = rowsOf<{ people: People }>(await db.execute(sql`select people from bench.marker`))[0]?.people as People;
  }

  log('fact check: SQL facts against callFact/leadFact…');
  const check = await factCheck(db, services);
  if (check.mismatches > 0) {
    exitCode = 1;
    log(`fact check FAILED: ${JSON.stringify(check.examples, null, 2)}`);
  }

  const inc = await incremental(db, services);
  if (!inc.rollupsTrue) exitCode = 1;

  // The reports, as the API runs them, and the baseline.
  const admin: Actor = { id: people.admin, role: 'admin', teamId: null };
  const manager: Actor = { id: people.managers[0] as string, role: 'manager', teamId: null };
  const managerTeams = [people.teams[0] as string];
  const campaignId = people.campaigns[TEAMS] as string; // team 1's campaign of December
  const agentId = people.agents[0]?.id as string;
  type Case = { kind: ReportKind; who: string; actor: Actor; filters: Partial<ReportFilters>; scope: Omit<Scope, 'from' | 'to'> };
  const ALL = ['funnel', 'campaigns', 'telecallers', 'hours', 'compliance', 'sources'] as const;
  const cases: Case[] = [
    ...ALL.map((kind) => ({ kind, who: 'admin', actor: admin, filters: {}, scope: {} })),
    ...ALL.map((kind) => ({
      kind,
      who: 'manager (1 team)',
      actor: manager,
      filters: {},
      scope: { teamIds: managerTeams },
    })),
    { kind: 'campaigns', who: 'admin, 1 campaign', actor: admin, filters: { campaignId }, scope: { campaignId } },
    { kind: 'telecallers', who: 'admin, 1 telecaller', actor: admin, filters: { agentId }, scope: { agentId } },
  ];
  const only = values.only ? new Set(values.only.split(',').map((k) => k.trim())) : null;
  if (only) cases.splice(0, cases.length, ...cases.filter((c) => only.has(c.kind)));
  const baseline = createBaseline(db, people);
  const results: {
    period: 'month' | 'year';
    report: ReportKind;
    who: string;
    rollups: Timed;
    baseline: Timed;
    speedup: number;
    agrees: boolean;
    targetMs: number;
    met: boolean;
  }[] = [];
  for (const [period, days] of [
    ['month', MONTH],
    ['year', FULL_YEAR],
  ] as const) {
    for (const c of cases) {
      const f = { ...days, ...c.filters } as ReportFilters;
      const run = (): Promise<unknown> => services.reports[c.kind](c.actor, f);
      const naive = (): Promise<number[]> => baseline[c.kind]({ ...days, ...c.scope });
      log(`${period} ${c.kind} as ${c.who}…`);
      const { first: report, ...fast } = await timeRuns(run, RUNS);
      const { first: figures, ...slow } = await timeRuns(naive, period === 'year' ? BASELINE_YEAR_RUNS : BASELINE_RUNS);
      const agrees = JSON.stringify(figuresOf(c.kind, report)) === JSON.stringify(figures);
      if (!agrees) {
        exitCode = 1;
        log(`  the baseline's figures differ: ${JSON.stringify(figuresOf(c.kind, report))} vs ${JSON.stringify(figures)}`);
      }
      const targetMs = TARGET_MS[period];
      results.push({
        period,
        report: c.kind,
        who: c.who,
        rollups: fast,
        baseline: slow,
        speedup: round(slow.p50Ms / Math.max(0.1, fast.p50Ms)),
        agrees,
        targetMs,
        met: fast.p95Ms < targetMs,
      });
    }
  }

  // Exports: the month's campaigns report with every call behind it.
  const exports: Record<string, unknown> = {};
  for (const format of ['xlsx', 'csv'] as const) {
    log(`export: campaigns, month, ${format}…`);
    const before = process.memoryUsage();
    let bytes = 0;
    let progress = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    const stop = peakMemory();
    const s = performance.now();
    const { rows } = await services.reportFiles.write(admin, 'campaigns', { ...MONTH, format, lang: 'en' }, sink, (n) => {
      progress = n;
    });
    const secs = (performance.now() - s) / 1000;
    const peak = stop();
    exports[format] = {
      rows,
      progressReported: progress,
      seconds: round(secs),
      rowsPerSecond: Math.round(rows / secs),
      fileMB: mb(bytes),
      rssBeforeMB: mb(before.rss),
      heapBeforeMB: mb(before.heapUsed),
      ...peak,
    };
  }

  // What the rollups cost on disk, and how many rows each report reads from.
  const tables = [
    'calls',
    'leads',
    'activities',
    'report_call_facts',
    'report_lead_facts',
    ...CALL_ROLLUPS.map((r) => r.table),
    ...LEAD_ROLLUPS.map((r) => r.table),
    'agent_presence_log',
    'agent_presence_days',
    'call_scores',
    'qa_score_days',
  ];
  const sizes: Record<string, { rows: number; tableMB: number; indexesMB: number; totalMB: number }> = {};
  for (const table of tables) {
    const [r] = rowsOf<{ rows: number; t: number; i: number; total: number }>(
      await db.execute(sql`select (select count(*) from ${sql.identifier(table)})::float8 as rows, pg_relation_size(${table}::regclass)::float8 as t,
        pg_indexes_size(${table}::regclass)::float8 as i, pg_total_relation_size(${table}::regclass)::float8 as total`),
    );
    sizes[table] = { rows: Number(r?.rows ?? 0), tableMB: mb(Number(r?.t ?? 0)), indexesMB: mb(Number(r?.i ?? 0)), totalMB: mb(Number(r?.total ?? 0)) };
  }
  const rollupTotal = [...CALL_ROLLUPS, ...LEAD_ROLLUPS].reduce((n, r) => n + (sizes[r.table]?.totalMB ?? 0), 0);

  const result = {
    benchmark: 'reports',
    database: DB_NAME,
    cpus: os.cpus().length,
    data: { calls: CALLS, leads: LEADS, telecallers: AGENTS, teams: TEAMS, campaigns: CAMPAIGNS, year: YEAR, month: MONTH },
    generation: { reused: opened.reused, seconds: timings },
    factCheck: { calls: check.calls, leads: check.leads, mismatches: check.mismatches },
    incremental: inc,
    runs: { rollups: RUNS, baselineMonth: BASELINE_RUNS, baselineYear: BASELINE_YEAR_RUNS, warmUp: 1 },
    reports: results,
    export: exports,
    sizes,
    rollupsTotalMB: round(rollupTotal),
    targets: { monthP95Ms: TARGET_MS.month, yearP95Ms: TARGET_MS.year },
    meetsTargets: results.every((r) => r.met),
    wallSeconds: seconds(started),
    loadAverage: { start: loadAtStart, end: os.loadavg().map((n) => round(n, 2)) },
  };
  console.log(JSON.stringify(result, null, 2));

  console.log('');
  console.log(
    `Generation${opened.reused ? ' (kept database, times from when it was made)' : ''}: ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')}`,
  );
  console.log(`factCheck: { calls: ${check.calls}, leads: ${check.leads}, mismatches: ${check.mismatches} }`);
  console.log(
    `Incremental: applyCalls ${inc.calls} calls (${inc.leads} leads) in batches of ${inc.batch}: ${inc.changed.callsPerSecond} calls/s changed, ${inc.putBack.callsPerSecond} calls/s put back; rollups equal the facts: ${inc.rollupsTrue ? 'yes' : 'NO'}`,
  );
  console.log('');
  console.log(
    '| period | report | as | rollups p50 ms | rollups p95 ms | baseline p50 ms | baseline p95 ms | baseline runs | speedup (p50) | same figures | target (p95) | met |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.period} | ${r.report} | ${r.who} | ${r.rollups.p50Ms} | ${r.rollups.p95Ms} | ${r.baseline.p50Ms} | ${r.baseline.p95Ms} | ${r.baseline.runs} | ${r.speedup}x | ${r.agrees ? 'yes' : 'NO'} | < ${r.targetMs} | ${r.met ? 'met' : 'MISSED'} |`,
    );
  }
  console.log(
    `Rollups: ${RUNS} runs each; baseline: ${BASELINE_RUNS} runs for a month, ${BASELINE_YEAR_RUNS} for a year (a naive pass over a year of calls takes tens of seconds); each after a warm-up run.`,
  );
  console.log('');
  console.log('| export (campaigns, month) | rows | seconds | rows/s | file MB | peak RSS MB | peak heap MB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [format, e] of Object.entries(exports) as [string, Record<string, number>][]) {
    console.log(`| ${format} | ${e.rows} | ${e.seconds} | ${e.rowsPerSecond} | ${e.fileMB} | ${e.peakRssMB} | ${e.peakHeapMB} |`);
  }
  console.log('');
  console.log('| table | rows | table MB | indexes MB | total MB |');
  console.log('|---|---|---|---|---|');
  for (const [table, s] of Object.entries(sizes)) console.log(`| ${table} | ${s.rows} | ${s.tableMB} | ${s.indexesMB} | ${s.totalMB} |`);
  console.log('');
  console.log(
    `Targets (p95 under ${TARGET_MS.month} ms for a month, ${TARGET_MS.year} ms for a year): ${result.meetsTargets ? 'all met' : `${results.filter((r) => !r.met).length} MISSED`}`,
  );
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
