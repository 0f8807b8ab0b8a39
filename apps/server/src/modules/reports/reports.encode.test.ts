/**
 * Report files encoded in a worker thread are the files encoded on the main thread, byte for byte
 * (Excel: part for part, its zip stamps the time), and while a large export encodes in the thread
 * the main thread is mostly free for requests, where encoding it on the main thread keeps it busy.
 * Both go through the real reading of the rows from a real database; only the pool differs.
 */
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import type { ReportFormat } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import unzipper from 'unzipper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { createWorkerPool, type WorkerPool } from '../../platform/workers/index.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createReportFiles } from './reports.files.js';
import { createReportReader } from './reports.read.js';

/** Calls in the month: enough for the encoding to take the main thread a good while. */
const CALLS = 24_000;
const MONTH = { from: '2026-03-01', to: '2026-03-31' };

let t: TestApp;
let admin: Actor;
const threads = createWorkerPool({ size: 1 });
const inline = createWorkerPool({ size: 0 });

beforeAll(async () => {
  t = await createTestApp();
  const s = t.app.services;
  const db = t.db.database.db;
  admin = { id: t.cast.admin.id, role: 'admin', teamId: null };
  const lead = await s.leads.create(admin, { name: 'प्रिया Export', phone: '9001144800', ownerId: t.cast.telecaller.id });
  const ids = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into calls (lead_id, agent_id, provider, provider_call_id, status, started_at, answered_at, ended_at, duration_seconds, created_at)
      select ${lead.id}::uuid, ${t.cast.telecaller.id}::uuid, 'simulator', 'enc-' || i, 'completed',
        timestamptz '2026-03-02 03:30:00+00' + i * interval '97 seconds',
        timestamptz '2026-03-02 03:30:05+00' + i * interval '97 seconds',
        timestamptz '2026-03-02 03:31:05+00' + i * interval '97 seconds' + (i % 300) * interval '1 second',
        60 + i % 300,
        timestamptz '2026-03-02 03:30:00+00' + i * interval '97 seconds'
      from generate_series(1, ${CALLS}) as i
      returning id`),
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 2_000) await s.reportMaintenance.applyCalls(ids.slice(i, i + 2_000));
}, 300_000);

afterAll(async () => {
  await threads.close();
  await t?.close();
});

/** Report files as the app makes them, encoded in `workers`, made at a fixed time (the PDF names it). */
function filesIn(workers: WorkerPool) {
  const s = t.app.services;
  return createReportFiles({
    clock: { now: () => new Date('2026-04-01T06:30:00Z') },
    reports: s.reports,
    reader: createReportReader({ db: t.db.database.db, timeZone: 'Asia/Kolkata' }),
    audit: s.audit,
    names: {
      users: (ids) => s.users.namesByIds(ids),
      teams: async (actor) => new Map((await s.users.listTeams(actor)).map((team) => [team.id, team.name])),
      campaigns: async () => new Map((await s.campaigns.briefs()).map((c) => [c.id, c.name])),
      leads: (ids) => s.leads.facts.briefs(ids),
    },
    workers,
  });
}

/** Writes the month's telecaller report in `format` and gives the file. */
async function file(workers: WorkerPool, format: Exclude<ReportFormat, 'json'>, lang: 'en' | 'hi' = 'en') {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const progress: number[] = [];
  const { rows } = await filesIn(workers).write(admin, 'telecallers', { ...MONTH, format, lang }, out, (n) => progress.push(n));
  return { bytes: Buffer.concat(chunks), rows, progress };
}

/** The parts of a zip (an .xlsx), by path. */
async function parts(xlsx: Buffer): Promise<Map<string, string>> {
  const dir = await unzipper.Open.buffer(xlsx);
  const out = new Map<string, string>();
  for (const f of dir.files) out.set(f.path, (await f.buffer()).toString('utf8'));
  return out;
}

/** How much of the main thread `work` took: its event-loop utilisation, and how often a 1 ms timer got to run. */
async function mainThreadDuring(work: () => Promise<unknown>) {
  let ticks = 0;
  const timer = setInterval(() => {
    ticks++;
  }, 1);
  const utilisation = performance.eventLoopUtilization();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const busy = performance.eventLoopUtilization(utilisation).utilization;
  clearInterval(timer);
  return { busy, ticksPerSecond: ticks / seconds };
}

describe('report files encoded in a worker thread', () => {
  it('are the files encoded on the main thread, with the same rows and progress', async () => {
    const pdfThread = await file(threads, 'pdf', 'hi');
    const pdfInline = await file(inline, 'pdf', 'hi');
    expect(pdfThread.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfThread.bytes.equals(pdfInline.bytes)).toBe(true);

    const csvThread = await file(threads, 'csv');
    const csvInline = await file(inline, 'csv');
    expect(csvThread.rows).toBe(CALLS);
    expect(csvThread.bytes.equals(csvInline.bytes)).toBe(true);
    expect(csvThread.progress).toEqual(csvInline.progress);

    const xlsxThread = await file(threads, 'xlsx', 'hi');
    const xlsxInline = await file(inline, 'xlsx', 'hi');
    expect(xlsxThread.rows).toBe(CALLS);
    expect(xlsxThread.progress).toEqual(xlsxInline.progress);
    expect(xlsxThread.progress.at(-1)).toBe(CALLS);
    const [a, b] = [await parts(xlsxThread.bytes), await parts(xlsxInline.bytes)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    // Only when it was written differs (exceljs stamps the time of writing).
    const unstamped = (xml: string | undefined) => xml?.replace(/<dcterms:modified [^>]*>[^<]*<\/dcterms:modified>/, '');
    for (const [path, xml] of a) expect(unstamped(xml), path).toBe(unstamped(b.get(path)));
    // The calls behind the report are all there: header rows and one row per call.
    const calls = [...a.entries()].find(([path, xml]) => path.startsWith('xl/worksheets/') && xml.includes(`<row r="${CALLS + 3}"`));
    expect(calls).toBeDefined();
  });

  it('leave the main thread free while a large export encodes, where encoding on it keeps it busy', async () => {
    // Turn about, twice each, so that neither gains from going first or last.
    const runs = { onThread: [] as Awaited<ReturnType<typeof mainThreadDuring>>[], onMain: [] as Awaited<ReturnType<typeof mainThreadDuring>>[] };
    for (let i = 0; i < 2; i++) {
      runs.onThread.push(await mainThreadDuring(() => file(threads, 'xlsx')));
      runs.onMain.push(await mainThreadDuring(() => file(inline, 'xlsx')));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const onThread = { busy: mean(runs.onThread.map((r) => r.busy)), ticksPerSecond: mean(runs.onThread.map((r) => r.ticksPerSecond)) };
    const onMain = { busy: mean(runs.onMain.map((r) => r.busy)), ticksPerSecond: mean(runs.onMain.map((r) => r.ticksPerSecond)) };
    // Reading the rows stays on the main thread (with the embedded database, the query itself), encoding them does not:
    // well clear of the few per cent two runs of the same kind differ by.
    expect(onThread.busy).toBeLessThan(0.85 * onMain.busy);
    expect(onThread.ticksPerSecond).toBeGreaterThan(1.5 * onMain.ticksPerSecond);
  });
});
