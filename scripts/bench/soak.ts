/**
 * Soak: the compiled server runs a demo floor of 100 virtual telecallers on the simulator for an
 * hour of simulated time (SIMULATOR_SPEED, 30x by default: two minutes), on PostgreSQL and Redis,
 * while Redis, then PostgreSQL, then both go away for a while in the middle (each through a proxy
 * that drops every connection and refuses new ones, as a restart does, so the shared servers keep
 * running). Afterwards it checks that nothing was lost and that no call is left live with nobody
 * behind it, and compares the server's memory after the outages with its memory before them
 * (the baseline, same run).
 *
 * - lost events: domain events not dispatched, jobs not finished, recordings not fetched, and
 *   simulator events the server never took, counted once whatever the last outage interrupted
 *   is due again: a domain event a node had claimed when PostgreSQL went away stays claimed for
 *   the outbox's claim (2 minutes) before any node runs it again, so the count waits that long,
 *   and `eventsWaiting` says what still waits and why; a job still unfinished then gets up to
 *   `--drain-seconds` more (the floor keeps dialling meanwhile) and counts as late (`jobsLate`)
 *   if it finishes, as lost if not (`jobsWaiting` says what and why);
 * - ghost calls: calls the database shows live (queued, dialing, ringing, in progress) with no
 *   event for longer than any real call can last at this speed, sampled throughout the run;
 * - memory: the server's RSS, median of the calm minute before the first outage vs median of the
 *   last part of the run (growth in MB and per cent).
 *
 *   npm run bench:soak [-- --agents 100 --speed 30 --sim-minutes 60 --outage-seconds 15 --drain-seconds 180]
 * Needs DATABASE_URL (PostgreSQL) and REDIS_URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DEFAULT_CLAIM_MS } from '../../apps/server/src/platform/events/domain.js';
import { toBullmqJobId } from '../../apps/server/src/platform/jobs/bullmq-queue.js';
import { SERVER_NODE_FLAGS } from '../../apps/server/src/platform/runtime.js';
import { createOutageProxy, type OutageProxy } from '../../apps/server/src/platform/testing/outage-proxy.js';
import { createPostgresDatabase } from '../../apps/server/src/test/db.js';
import { freePort } from '../../apps/server/src/test/process.js';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '100' },
    speed: { type: 'string', default: '30' },
    'sim-minutes': { type: 'string', default: '60' },
    'outage-seconds': { type: 'string', default: '15' },
    'drain-seconds': { type: 'string', default: '180' },
  },
});
const AGENTS = Number(values.agents);
const SPEED = Number(values.speed);
const RUN_SECONDS = (Number(values['sim-minutes']) * 60) / SPEED;
const OUTAGE_SECONDS = Number(values['outage-seconds']);
const DRAIN_SECONDS = Number(values['drain-seconds']);
const base = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!base || !redisUrl) {
  console.error('The soak benchmark needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL.');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIVE = `('queued','dialing','ringing','in_progress')`;
// Ring time (30 s) plus the longest simulated conversation (5 min) at this speed, plus slack for
// the floor's own pace: a live call silent longer than this has nobody behind it.
const GHOST_AFTER_SECONDS = Math.ceil((30 + 300) / SPEED) + 60;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) / 1024;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor(s.length / 2)] as number);
};
/** Least-squares slope of RSS over time, in MB per minute. */
const slopePerMinute = (xs: { t: number; rss: number }[]) => {
  if (xs.length < 2) return Number.NaN;
  const mt = xs.reduce((a, x) => a + x.t, 0) / xs.length;
  const mr = xs.reduce((a, x) => a + x.rss, 0) / xs.length;
  const num = xs.reduce((a, x) => a + (x.t - mt) * (x.rss - mr), 0);
  const den = xs.reduce((a, x) => a + (x.t - mt) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
};
const hostPort = (url: string, port: number) => ({ host: new URL(url).hostname, port: Number(new URL(url).port || port) });

type Server = { child: ChildProcess; log: string[] };

function start(env: Record<string, string>, port: number): Promise<Server> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, 'apps/server/dist/main.js')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.includes('"level"')) log.push(line);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return (async () => {
    for (let i = 0; i < 1200; i++) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${log.slice(-5).join('\n')}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return { child, log };
      await sleep(100);
    }
    child.kill('SIGKILL');
    throw new Error('the server did not become ready');
  })();
}

async function stop(s: Server) {
  s.child.kill('SIGTERM');
  await new Promise((r) => s.child.once('exit', r));
}

/** 100 telecallers: the demo's, and more like them in the demo teams, each owning a share of the demo leads. */
async function growFloor(url: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows: teams } = await db.query<{ id: string }>('select id from teams order by name');
    const { rows: setting } = await db.query<{ value: { telecallers: string[] } }>(`select value from app_settings where key = 'demo.seeded'`);
    const accounts = setting[0]?.value;
    if (!accounts || teams.length === 0) throw new Error('the demo data did not load');
    const { rows: model } = await db.query<{ password_hash: string }>(`select password_hash from users where role = 'telecaller' limit 1`);
    const extra: string[] = [];
    for (let i = accounts.telecallers.length; i < AGENTS; i++) {
      const email = `floor${i}@soak.example`;
      await db.query(`insert into users (id, email, name, role, password_hash, team_id, languages) values ($1, $2, $3, 'telecaller', $4, $5, '{hi,en}')`, [
        randomUUID(),
        email,
        `Floor Agent ${i}`,
        model[0]?.password_hash ?? 'x',
        teams[i % teams.length]?.id,
      ]);
      extra.push(email);
    }
    const telecallers = [...accounts.telecallers, ...extra];
    await db.query(`update app_settings set value = $1 where key = 'demo.seeded'`, [JSON.stringify({ ...accounts, telecallers })]);
    const { rows: agents } = await db.query<{ id: string }>(`select id from users where role = 'telecaller' and email = any($1)`, [telecallers]);
    // Every lead goes to an agent of its team, round robin, so each agent has a queue to work.
    await db.query(
      `with a as (select id, row_number() over (order by id) - 1 as k from users where id = any($1)),
            l as (select id, row_number() over (order by id) - 1 as k from leads where merged_into_id is null and erased_at is null)
       update leads set owner_id = a.id, assigned_at = now()
       from l, a where leads.id = l.id and a.k = l.k % $2`,
      [agents.map((a) => a.id), agents.length],
    );
    return telecallers.length;
  } finally {
    await db.end();
  }
}

async function main() {
  const database = await createPostgresDatabase(base as string);
  const url = database.url as string;
  await database.database.close();
  const prefix = `soak-${randomUUID().slice(0, 8)}`;
  const secret = randomUUID() + randomUUID();
  const common = {
    DATABASE_URL: url,
    REDIS_URL: redisUrl as string,
    TELEHUB_REDIS_PREFIX: prefix,
    TELEHUB_JWT_SECRET: secret,
    LOG_LEVEL: 'warn',
    TELEHUB_DEMO: '1',
    TELEPHONY_PROVIDER: 'simulator',
    SIMULATOR_SPEED: String(SPEED),
    SIMULATOR_ANSWER_RATE: '0.6',
    TELEHUB_CALLING_HOURS: '00:00-24:00',
  };

  // 1. Demo data, then the floor grown to AGENTS telecallers (setup, not measured).
  process.stderr.write('› loading demo data…\n');
  const seeder = await start({ ...common, TELEHUB_DEMO_FLOOR: '0' }, await freePort());
  await stop(seeder);
  const agents = await growFloor(url);

  // 2. The soak: the server reaches PostgreSQL and Redis through proxies that can take them away.
  const pgProxy: OutageProxy = await createOutageProxy(hostPort(url, 5432));
  const redisProxy: OutageProxy = await createOutageProxy(hostPort(redisUrl as string, 6379));
  const port = await freePort();
  const server = await start(
    {
      ...common,
      DATABASE_URL: pgProxy.url(url),
      REDIS_URL: redisProxy.url(redisUrl as string),
      TELEHUB_DEMO_FLOOR: '1',
      TELEHUB_DEMO_FLOOR_AGENTS: String(agents),
      TELEHUB_JOB_REDELIVER: '5s',
    },
    port,
  );
  const pid = server.child.pid as number;
  process.stderr.write(`› ${agents} agents on the floor for ${RUN_SECONDS} s (${values['sim-minutes']} simulated minutes at ${SPEED}x)\n`);

  const watch = new pg.Client({ connectionString: url });
  await watch.connect();
  const samples: { t: number; rss: number; phase: string }[] = [];
  let ghostMax = 0;
  let phase = 'calm';
  const began = Date.now();
  const elapsed = () => (Date.now() - began) / 1000;
  const sampler = setInterval(async () => {
    samples.push({ t: elapsed(), rss: rssMb(pid), phase });
    const { rows } = await watch.query<{ n: number }>(
      `select count(*)::int as n from calls where status in ${LIVE} and updated_at < now() - make_interval(secs => $1)`,
      [GHOST_AFTER_SECONDS],
    );
    ghostMax = Math.max(ghostMax, rows[0]?.n ?? 0);
  }, 2_000);

  // Calm first (the memory baseline), then the outages, then calm again to the end.
  const outages: { what: string; at: number; seconds: number }[] = [];
  const outage = async (what: string, proxies: OutageProxy[]) => {
    phase = `outage: ${what}`;
    outages.push({ what, at: Math.round(elapsed()), seconds: OUTAGE_SECONDS });
    await Promise.all(proxies.map((p) => p.down()));
    await sleep(OUTAGE_SECONDS * 1000);
    await Promise.all(proxies.map((p) => p.up()));
    phase = 'recovering';
  };
  const until = async (s: number) => {
    const wait = s * 1000 - (Date.now() - began);
    if (wait > 0) await sleep(wait);
  };
  await until(RUN_SECONDS * 0.3);
  await outage('redis', [redisProxy]);
  await until(RUN_SECONDS * 0.45);
  await outage('postgresql', [pgProxy]);
  await until(RUN_SECONDS * 0.6);
  await outage('redis and postgresql', [redisProxy, pgProxy]);
  const lastOutageEnded = elapsed();
  phase = 'calm after';
  // A claim the outage cut short runs out after the outbox's claim (2 minutes), then the 5 s sweep runs it.
  await until(Math.max(RUN_SECONDS, lastOutageEnded + DEFAULT_CLAIM_MS / 1000 + 15));
  clearInterval(sampler);

  // 3. What was lost: anything still waiting once the last outage's claims have run out. A job
  // still in the ledger then may only be queued behind others; those the runner finishes within the
  // drain time were late, the rest are lost (`runnerStates` says where the runner has them).
  const one = async (q: string) => (await watch.query<{ n: number }>(q)).rows[0]?.n ?? 0;
  type LedgerRow = { job_id: string; name: string };
  const late = (await watch.query<LedgerRow>(`select job_id, name from job_ledger where created_at < now() - interval '120 seconds'`)).rows;
  const drainStarted = Date.now();
  let unfinishedRows = late;
  while (unfinishedRows.length > 0 && Date.now() - drainStarted < DRAIN_SECONDS * 1000) {
    await sleep(2_000);
    unfinishedRows = (await watch.query<LedgerRow>('select job_id, name from job_ledger where job_id = any($1)', [unfinishedRows.map((r) => r.job_id)])).rows;
  }
  const unfinished = unfinishedRows.map((r) => r.job_id);
  const jobsLate = {
    count: late.length - unfinished.length,
    drainedInSeconds: unfinished.length === 0 ? Math.round((Date.now() - drainStarted) / 1000) : null,
  };
  const lost = {
    domainEvents: await one(`select count(*)::int as n from domain_events where dispatched_at is null and created_at < now() - interval '60 seconds'`),
    jobs: unfinished.length,
    recordings: await one(
      `select count(*)::int as n from calls where recording_url is not null and not recording_available and ended_at < now() - interval '120 seconds'`,
    ),
    simulatorEvents: server.log.filter((l) => l.includes('simulator event not ingested; given up')).length,
  };
  // Why what is still waiting waits, by name and last error: how many, their tries and how long past due the oldest is.
  const waiting = (
    await watch.query<{ name: string; last_error: string | null; n: number; attempts: number; overdue_s: number }>(
      `select name, left(last_error, 160) as last_error, count(*)::int as n, max(attempts) as attempts,
         round(extract(epoch from now() - min(next_attempt_at)))::int as overdue_s
       from domain_events where dispatched_at is null and created_at < now() - interval '60 seconds'
       group by 1, 2 order by n desc limit 10`,
    )
  ).rows;
  const jobsWaiting = (
    await watch.query<{ name: string; last_error: string | null; n: number; pushes: number; overdue_s: number }>(
      `select name, left(last_error, 160) as last_error, count(*)::int as n, max(pushes) as pushes,
         round(extract(epoch from now() - min(run_after)))::int as overdue_s
       from job_ledger where job_id = any($1)
       group by 1, 2 order by n desc limit 10`,
      [unfinished],
    )
  ).rows;
  // Where the runner has each unfinished job: waiting its turn, running, delayed for a retry,
  // completed (the ledger missed it) or unknown to it.
  const runnerStates: Record<string, number> = {};
  const queues = new Map<string, Queue>();
  const redis = new Redis(redisUrl as string, { maxRetriesPerRequest: 1 });
  for (const { job_id, name } of unfinishedRows) {
    const q = queues.get(name) ?? new Queue(name, { connection: redis, prefix });
    queues.set(name, q);
    const state = await q.getJobState(toBullmqJobId(job_id));
    runnerStates[`${name}: ${state}`] = (runnerStates[`${name}: ${state}`] ?? 0) + 1;
  }
  const runnerCounts = Object.fromEntries(
    await Promise.all([...queues].map(async ([name, q]) => [name, await q.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed')] as const)),
  );
  await Promise.all([...queues.values()].map((q) => q.close()));
  redis.disconnect();
  const ghostCalls = await one(
    `select count(*)::int as n from calls where status in ${LIVE} and updated_at < now() - interval '${GHOST_AFTER_SECONDS} seconds'`,
  );
  const totals = {
    calls: await one('select count(*)::int as n from calls'),
    completed: await one(`select count(*)::int as n from calls where status = 'completed'`),
    recordings: await one('select count(*)::int as n from calls where recording_available'),
    domainEvents: await one('select count(*)::int as n from domain_events'),
  };
  await watch.end();
  const peak = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) / 1024;
  await stop(server);
  await pgProxy.close();
  await redisProxy.close();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
  await admin.end();

  const before = median(samples.filter((s) => s.phase === 'calm' && s.t > 10).map((s) => s.rss));
  const after = median(samples.filter((s) => s.t > RUN_SECONDS * 0.85).map((s) => s.rss));
  const lostTotal = Object.values(lost).reduce((a, b) => a + b, 0);
  const growthMb = after - before;
  const result = {
    benchmark: 'soak',
    agents,
    simulatedMinutes: Number(values['sim-minutes']),
    speed: SPEED,
    realSeconds: Math.round(elapsed()),
    outages,
    totals,
    lost: { ...lost, total: lostTotal, eventsWaiting: waiting, jobsWaiting, runnerStates, runnerCounts },
    // Jobs unfinished when the count began that the runner then finished: late, not lost.
    jobsLate: { ...jobsLate, allowedSeconds: DRAIN_SECONDS },
    ghostCalls: { atEnd: ghostCalls, maxDuringRun: ghostMax, silentForSeconds: GHOST_AFTER_SECONDS },
    memoryMB: {
      baselineBeforeOutages: Math.round(before),
      end: Math.round(after),
      growth: Math.round(growthMb),
      growthPercent: Number(((growthMb / before) * 100).toFixed(1)),
      // The trend once the last outage is over: flat memory is a slope near zero.
      slopeAfterOutagesMBPerMinute: Number(slopePerMinute(samples.filter((s) => s.t > lastOutageEnded)).toFixed(2)),
      peak: Math.round(peak),
    },
    target: { lost: 0, ghostCalls: 0, memoryGrowthPercent: 20 },
    meetsTarget: lostTotal === 0 && ghostCalls === 0 && ghostMax === 0 && growthMb / before < 0.2,
  };
  console.log(JSON.stringify(result, null, 2));
  console.table({
    'calls placed': totals.calls,
    'calls completed': totals.completed,
    'recordings kept': totals.recordings,
    'domain events': totals.domainEvents,
    'lost (events, jobs, recordings, simulator)': `${lostTotal} (${lost.domainEvents}, ${lost.jobs}, ${lost.recordings}, ${lost.simulatorEvents})`,
    'late jobs (finished within the drain)': `${jobsLate.count}${jobsLate.drainedInSeconds === null ? '' : ` in ${jobsLate.drainedInSeconds} s`}`,
    'ghost calls (end / max)': `${ghostCalls} / ${ghostMax}`,
    'RSS MB (before outages → end)': `${Math.round(before)} → ${Math.round(after)} (${result.memoryMB.growthPercent}%)`,
  });
  if (!result.meetsTarget) process.exitCode = 1;
}

await main();
