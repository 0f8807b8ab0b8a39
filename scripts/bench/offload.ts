/**
 * Heavy work off the main thread: how late the server's event loop runs, and how long it takes to
 * answer a trivial request, while it makes a large Excel export (every call of a month, with the
 * calls behind the report), a run of PDF reports and the audio measures of long recordings; once
 * with the worker pool at its default size and once with the work on the main thread
 * (TELEHUB_WORKER_THREADS=0), in the same run, on the same data, through the real app.
 *
 * Data: --calls calls over March 2026 by 8 telecallers to 20,000 leads (inserted in SQL, then
 * counted into the reports by the real maintenance), and --recordings dual-channel recordings of
 * --recording-seconds each (generated, stored encrypted by the real recording store).
 * The load, all at once: the telecallers report of the month as .xlsx with its calls (to a sink),
 * --pdfs PDF reports one after another (each kind, in English and Hindi), and `analysis.run` on
 * each recorded call one after another (as the analysis job does). Meanwhile a thread of the
 * benchmark's own asks GET /healthz over HTTP every --poll-ms (its own event loop, so its timing
 * is not the server's), and the server's event-loop delay is sampled every millisecond
 * (monitorEventLoopDelay: a figure includes that millisecond). The same figures with no load come
 * first, as the floor.
 *
 *   npm run bench:offload [-- --calls 120000 --recordings 6 --recording-seconds 600 --pdfs 12 --poll-ms 20]
 * PostgreSQL with DATABASE_URL (a database of its own, dropped after), else the embedded database.
 * Prints one JSON object, then a table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { ReportKind } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/config.js';
import { type Actor, SYSTEM_ACTOR } from '../../apps/server/src/platform/context.js';
import { rowsOf } from '../../apps/server/src/platform/db/client.js';
import { createLogger } from '../../apps/server/src/platform/logging.js';
import { defaultPoolSize } from '../../apps/server/src/platform/workers/index.js';
import type { Services } from '../../apps/server/src/services.js';
import { createTestDatabase } from '../../apps/server/src/test/db.js';
import { generateCall } from '../../apps/server/src/test/recordings.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '120000' },
    recordings: { type: 'string', default: '6' },
    'recording-seconds': { type: 'string', default: '600' },
    pdfs: { type: 'string', default: '12' },
    'poll-ms': { type: 'string', default: '20' },
    'idle-seconds': { type: 'string', default: '3' },
  },
});
const CALLS = Number(values.calls);
const RECORDINGS = Number(values.recordings);
const RECORDING_SECONDS = Number(values['recording-seconds']);
const PDFS = Number(values.pdfs);
const POLL_MS = Number(values['poll-ms']);
const IDLE_SECONDS = Number(values['idle-seconds']);
const LEADS = 20_000;
const TELECALLERS = 8;
const MONTH = { from: '2026-03-01', to: '2026-03-31' };
const KINDS: ReportKind[] = ['funnel', 'campaigns', 'telecallers', 'hours', 'compliance', 'sources'];
const database = process.env.DATABASE_URL ? 'postgres' : 'pglite';

const started = performance.now();
const log = (msg: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);
const round = (n: number, d = 1) => Number(n.toFixed(d));
const seconds = (since: number) => round((performance.now() - since) / 1000, 2);

type Spread = { p50: number; p99: number; max: number; n: number };
function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => round(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0);
  return { p50: at(0.5), p99: at(0.99), max: round(s[s.length - 1] ?? 0), n: s.length };
}

/** A Writable that counts the bytes it is given and keeps none. */
function sink() {
  let bytes = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  return { stream, bytes: () => bytes };
}

/**
 * A thread that asks `url` every `everyMs` (or as soon as the last answer came, when it took
 * longer) until told to stop, and gives each request's start (ms since the epoch) and latency.
 */
function startPoller(url: string, everyMs: number) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { performance } = require('node:perf_hooks');
    const samples = [];
    let failures = 0;
    let stop = false;
    parentPort.on('message', () => { stop = true; });
    (async () => {
      while (!stop) {
        const t = performance.now();
        try {
          const res = await fetch(workerData.url);
          await res.arrayBuffer();
          if (!res.ok) failures++;
        } catch { failures++; }
        const ms = performance.now() - t;
        samples.push([performance.timeOrigin + t, ms]);
        if (ms < workerData.everyMs) await new Promise((r) => setTimeout(r, workerData.everyMs - ms));
      }
      parentPort.postMessage({ samples, failures });
    })();`;
  const worker = new Worker(code, { eval: true, workerData: { url, everyMs } });
  return {
    /** The latencies of the requests started between `from` and `to` (ms since the epoch). */
    async stop(from: number, to: number): Promise<{ latencies: number[]; failures: number }> {
      const done = new Promise<{ samples: [number, number][]; failures: number }>((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      const { samples, failures } = await done;
      await worker.terminate();
      return { latencies: samples.filter(([at]) => at >= from && at <= to).map(([, ms]) => ms), failures };
    },
  };
}

/** The main thread's event-loop delay and use while `work` runs, and GET /healthz's latency from another thread. */
async function watch<T>(port: number, work: () => Promise<T>) {
  const poller = startPoller(`http://127.0.0.1:${port}/healthz`, POLL_MS);
  // The poller's first requests open its connection: leave them out.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let rssPeak = process.memoryUsage().rss;
  const rss = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 100);
  const utilisation = performance.eventLoopUtilization();
  const from = performance.timeOrigin + performance.now();
  const t = performance.now();
  const result = await work();
  const elapsed = seconds(t);
  const to = performance.timeOrigin + performance.now();
  const busy = performance.eventLoopUtilization(utilisation).utilization;
  delay.disable();
  clearInterval(rss);
  const http = await poller.stop(from, to);
  const ms = (ns: number) => round(ns / 1e6);
  return {
    result,
    seconds: elapsed,
    eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    mainThreadBusy: round(busy, 3),
    healthzMs: { ...spread(http.latencies), failures: http.failures },
    rssPeakMb: round(rssPeak / 1_048_576, 0),
  };
}

// ── The data ────────────────────────────────────────────────────────────────────────────────────

const test = await createTestDatabase();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-bench-offload-'));
const logger = createLogger({ level: 'silent' });

/** The app on the benchmark's database, listening on a port of its own; `threads` unset is the default pool. */
async function startApp(threads?: number) {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    TELEHUB_DEMO: '0',
    TELEHUB_WEB_DIR: '/nonexistent',
    TELEHUB_DATA_DIR: dataDir,
    ...(threads === undefined ? {} : { TELEHUB_WORKER_THREADS: String(threads) }),
  });
  const app = await buildApp({ config, database: test.database, logger });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.server.address() as AddressInfo).port };
}

type Seeded = { admin: Actor; recorded: string[] };

async function seed(s: Services): Promise<Seeded> {
  const db = test.database.db;
  const password = 'bench-offload-password';
  const team = await s.users.createTeam(SYSTEM_ACTOR, { name: 'North' });
  const adminUser = await s.users.create(SYSTEM_ACTOR, { email: 'admin@bench.example', name: 'Bench Admin', role: 'admin', password });
  const callers: string[] = [];
  for (let i = 0; i < TELECALLERS; i++) {
    const u = await s.users.create(SYSTEM_ACTOR, {
      email: `caller${i}@bench.example`,
      name: `Telecaller ${i + 1}`,
      role: 'telecaller',
      password,
      teamId: team.id,
    });
    callers.push(u.id);
  }
  await db.execute(sql`
    insert into leads (name, phone, status, city, language, created_at, updated_at)
    select (array['Priya','Rahul','Sunita','Amit','Kavya','Imran','पूजा','राहुल'])[1 + (i % 8)] || ' ' ||
           (array['Sharma','Verma','Reddy','Iyer','Khan','मिश्रा'])[1 + ((i / 8) % 6)] || ' ' || i,
           '+91' || (7000000000 + i)::text,
           (array['new','contacted','interested','callback','converted'])[1 + (i % 5)],
           (array['Delhi','Mumbai','Pune','Lucknow'])[1 + (i % 4)], 'hi',
           timestamptz '2026-02-01 00:00:00+00' + i * interval '1 minute', now()
    from generate_series(1, ${LEADS}) as i`);
  log(`${LEADS} leads`);
  const agents = sql`array[${sql.join(
    callers.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  // Working hours of the month, spread evenly: 9:00 India time on the 1st onwards.
  const gap = Math.max(1, Math.floor((30 * 86_400) / CALLS));
  const ids = rowsOf<{ id: string }>(
    await db.execute(sql`
      with l as (select id, (row_number() over (order by id) - 1)::int as k from leads)
      insert into calls (lead_id, agent_id, provider, provider_call_id, status, started_at, answered_at, ended_at, duration_seconds, disposition, created_at)
      select l.id, (${agents})[1 + i % ${TELECALLERS}], 'simulator', 'offload-' || i,
        case when i % 4 = 0 then 'no_answer' else 'completed' end,
        timestamptz '2026-03-01 03:30:00+00' + i * ${gap} * interval '1 second',
        case when i % 4 = 0 then null else timestamptz '2026-03-01 03:30:08+00' + i * ${gap} * interval '1 second' end,
        timestamptz '2026-03-01 03:31:00+00' + i * ${gap} * interval '1 second' + (i % 400) * interval '1 second',
        case when i % 4 = 0 then 0 else 52 + i % 400 end,
        case when i % 4 = 0 then null when i % 9 = 0 then 'converted' else 'interested' end,
        timestamptz '2026-03-01 03:30:00+00' + i * ${gap} * interval '1 second'
      from generate_series(1, ${CALLS}) as i join l on l.k = i % ${LEADS}
      returning id`),
  ).map((r) => r.id);
  const counting = performance.now();
  for (let i = 0; i < ids.length; i += 5_000) {
    await s.reportMaintenance.applyCalls(ids.slice(i, i + 5_000));
    if ((i / 5_000) % 5 === 4) log(`${i + 5_000} of ${ids.length} calls counted into the reports`);
  }
  log(`${ids.length} calls counted into the reports in ${seconds(counting)} s`);
  const recorded: string[] = [];
  for (let r = 0; r < RECORDINGS; r++) {
    const at = new Date(Date.parse('2026-03-20T06:00:00Z') + r * 3_600_000);
    const [row] = rowsOf<{ id: string }>(
      await db.execute(sql`
        insert into calls (lead_id, agent_id, provider, provider_call_id, status, started_at, answered_at, ended_at, duration_seconds, recording_available, disposition, created_at)
        values ((select id from leads order by id limit 1), ${callers[0] ?? null}::uuid, 'simulator', ${`offload-rec-${r}`}, 'completed', ${at.toISOString()}, ${at.toISOString()},
          ${new Date(at.getTime() + RECORDING_SECONDS * 1000).toISOString()}, ${RECORDING_SECONDS}, true, 'interested', ${at.toISOString()})
        returning id`),
    );
    const id = row?.id ?? '';
    const { wav } = generateCall(r + 1, { seconds: RECORDING_SECONDS, encoding: r % 2 ? 'pcm' : 'mulaw' });
    await s.recordings.save(id, wav, 'audio/wav');
    recorded.push(id);
  }
  await s.reportMaintenance.applyCalls(recorded);
  log(`${RECORDINGS} recordings of ${RECORDING_SECONDS} s stored`);
  return { admin: { id: adminUser.id, role: 'admin', teamId: null }, recorded };
}

// ── The load ────────────────────────────────────────────────────────────────────────────────────

async function load(s: Services, seeded: Seeded) {
  const xlsx = async () => {
    const t = performance.now();
    const out = sink();
    const { rows } = await s.reportFiles.write(seeded.admin, 'telecallers', { ...MONTH, format: 'xlsx', lang: 'en' }, out.stream);
    return { seconds: seconds(t), rows, mb: round(out.bytes() / 1_048_576) };
  };
  const pdfs = async () => {
    const t = performance.now();
    const each: number[] = [];
    for (let i = 0; i < PDFS; i++) {
      const p = performance.now();
      const kind = KINDS[i % KINDS.length] ?? 'funnel';
      await s.reportFiles.write(seeded.admin, kind, { ...MONTH, format: 'pdf', lang: Math.floor(i / KINDS.length) % 2 ? 'hi' : 'en' }, sink().stream);
      each.push(performance.now() - p);
    }
    return { seconds: seconds(t), eachMs: spread(each) };
  };
  const audio = async () => {
    const t = performance.now();
    const each: number[] = [];
    for (const id of seeded.recorded) {
      const a = performance.now();
      await s.analysis.run(id);
      each.push(performance.now() - a);
    }
    return { seconds: seconds(t), eachMs: spread(each) };
  };
  const [x, p, a] = await Promise.all([xlsx(), pdfs(), audio()]);
  return { xlsx: x, pdf: p, audio: a };
}

/** A little of each first, so that neither mode is timed loading code or starting its threads. */
async function warmUp(s: Services, seeded: Seeded) {
  await s.reportFiles.write(seeded.admin, 'telecallers', { from: '2026-03-01', to: '2026-03-01', format: 'xlsx', lang: 'en' }, sink().stream);
  await s.reportFiles.write(seeded.admin, 'funnel', { ...MONTH, format: 'pdf', lang: 'hi' }, sink().stream);
  const first = seeded.recorded[0];
  if (first) await s.analysis.run(first);
}

async function mode(threads: number | undefined, seeded: Seeded | null) {
  const { app, port } = await startApp(threads);
  try {
    const s = app.services;
    const data = seeded ?? (await seed(s));
    await warmUp(s, data);
    const idle = seeded ? null : await watch(port, () => new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000)));
    log(`${threads === 0 ? 'on the main thread' : `with ${s.workers.size} worker thread(s)`}: the export, the PDFs and the recordings at once…`);
    const loaded = await watch(port, () => load(s, data));
    const { result, ...figures } = loaded;
    return { seeded: data, idle, run: { poolSize: s.workers.size, ...figures, ...result } };
  } finally {
    await app.close();
  }
}

let exitCode = 0;
try {
  const pooled = await mode(undefined, null);
  const inline = await mode(0, pooled.seeded);
  const idle = pooled.idle;
  const report = {
    database,
    cpus: os.availableParallelism(),
    defaultPoolSize: defaultPoolSize(),
    calls: CALLS,
    recordings: { count: RECORDINGS, seconds: RECORDING_SECONDS },
    pdfs: PDFS,
    pollEveryMs: POLL_MS,
    idle: idle && { eventLoopDelayMs: idle.eventLoopDelayMs, healthzMs: idle.healthzMs },
    pool: pooled.run,
    inline: inline.run,
  };
  console.log(JSON.stringify(report));

  const rows: [string, (r: typeof pooled.run) => string, string][] = [
    [
      'event-loop delay p50 / p99 / max (ms)',
      (r) => `${r.eventLoopDelayMs.p50} / ${r.eventLoopDelayMs.p99} / ${r.eventLoopDelayMs.max}`,
      idle ? `${idle.eventLoopDelayMs.p50} / ${idle.eventLoopDelayMs.p99} / ${idle.eventLoopDelayMs.max}` : '-',
    ],
    [
      'GET /healthz p50 / p99 / max (ms)',
      (r) => `${r.healthzMs.p50} / ${r.healthzMs.p99} / ${r.healthzMs.max}`,
      idle ? `${idle.healthzMs.p50} / ${idle.healthzMs.p99} / ${idle.healthzMs.max}` : '-',
    ],
    ['GET /healthz answered (failed)', (r) => `${r.healthzMs.n} (${r.healthzMs.failures})`, idle ? `${idle.healthzMs.n} (${idle.healthzMs.failures})` : '-'],
    ['main thread busy', (r) => `${Math.round(r.mainThreadBusy * 100)}%`, '-'],
    ['whole load (s)', (r) => String(r.seconds), '-'],
    [`xlsx export (${CALLS} calls) s / MB`, (r) => `${r.xlsx.seconds} / ${r.xlsx.mb}`, '-'],
    [`${PDFS} PDFs: s, each p50 / max (ms)`, (r) => `${r.pdf.seconds}, ${r.pdf.eachMs.p50} / ${r.pdf.eachMs.max}`, '-'],
    [
      `${RECORDINGS} × ${RECORDING_SECONDS} s recordings: s, each p50 / max (ms)`,
      (r) => `${r.audio.seconds}, ${r.audio.eachMs.p50} / ${r.audio.eachMs.max}`,
      '-',
    ],
    ['peak RSS (MB)', (r) => String(r.rssPeakMb), '-'],
  ];
  const w = [46, 22, 30, 30];
  console.log(`\n${database === 'postgres' ? 'PostgreSQL' : 'embedded database'}, ${report.cpus} CPUs; GET /healthz every ${POLL_MS} ms from another thread`);
  console.log(
    `${''.padEnd(w[0] ?? 0)}${'idle'.padEnd(w[1] ?? 0)}${`pool (${pooled.run.poolSize} thread${pooled.run.poolSize === 1 ? '' : 's'})`.padEnd(w[2] ?? 0)}${'main thread (0)'.padEnd(w[3] ?? 0)}`,
  );
  for (const [label, f, idleText] of rows)
    console.log(`${label.padEnd(w[0] ?? 0)}${idleText.padEnd(w[1] ?? 0)}${f(pooled.run).padEnd(w[2] ?? 0)}${f(inline.run).padEnd(w[3] ?? 0)}`);
  if (pooled.run.xlsx.rows !== inline.run.xlsx.rows) {
    console.error(`the two exports differ: ${pooled.run.xlsx.rows} and ${inline.run.xlsx.rows} rows`);
    exitCode = 1;
  }
} finally {
  await test.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
