/**
 * Streaming transcript segments into PostgreSQL: many live calls, each sending a segment every
 * few hundred milliseconds (what a streaming speech-to-text engine produces), through the real
 * ingestion path. Measured twice in one run on one fresh database and a pool of 10 connections
 * (the server's): the batched writer (segments outside the call's row lock, one insert per batch)
 * and, as the baseline, the path segments took before (a transaction per segment that locks the
 * call, stores a provider event, stores the segment and marks the event applied).
 *
 * Reports, per path: segments offered and stored per second, store latency p50/p95/p99 (from
 * the provider's event to the stored, published segment), SQL statements per segment and the
 * process CPU per segment. The load is open: a path that falls behind shows it in latency.
 *
 *   npm run bench:transcript [-- --calls 300 --every 400 --seconds 20]
 * Needs DATABASE_URL (PostgreSQL); prints one JSON object, then a table.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import { createTranscriptWriter } from '../../apps/server/src/modules/calls/calls.transcripts.js';
import { type Db, openDatabase, rowsOf } from '../../apps/server/src/platform/db/client.js';
import { createInProcessBus } from '../../apps/server/src/platform/events/bus.js';
import { createLogger } from '../../apps/server/src/platform/logging.js';
import type { ProviderEvent } from '../../apps/server/src/providers/telephony/index.js';
import { createPostgresDatabase } from '../../apps/server/src/test/db.js';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '300' }, every: { type: 'string', default: '400' }, seconds: { type: 'string', default: '20' } },
});
const CALLS = Number(values.calls);
const EVERY_MS = Number(values.every);
const SECONDS = Number(values.seconds);
const base = process.env.DATABASE_URL;
if (!base) {
  console.error('The transcript benchmark needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}

const pct = (sorted: number[], p: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN).toFixed(1));

const t = await createPostgresDatabase(base);
const database = await openDatabase({ kind: 'postgres', url: t.url ?? base, poolSize: 10 });
const db = database.db;
const logger = createLogger({ level: 'silent' });

/** Counts the statements run through `db` until stopped. */
function countStatements(d: Db) {
  const session = (d as unknown as { session: { logger: DrizzleLogger; options: { logger?: DrizzleLogger } } }).session;
  const before = { logger: session.logger, option: session.options.logger };
  let n = 0;
  const counting: DrizzleLogger = { logQuery: () => void n++ };
  session.logger = counting;
  session.options.logger = counting;
  return () => {
    session.logger = before.logger;
    session.options.logger = before.option;
    return n;
  };
}

/** The path segments took before: one transaction each, under the call's lock, through call_events. */
function oldPath(d: Db, bus: ReturnType<typeof createInProcessBus>) {
  return async (e: ProviderEvent) => {
    const seg = e.segment;
    if (!seg || !e.callId) return;
    const stored = await d.transaction(async (tx) => {
      const [call] = rowsOf<{ id: string; agent_id: string | null }>(
        await tx.execute(sql`select id, agent_id from calls where id = ${e.callId} for no key update`),
      );
      if (!call) return null;
      const [ev] = rowsOf<{ id: number }>(
        await tx.execute(sql`
          insert into call_events (call_id, provider, provider_event_id, type, payload, created_at)
          values (${call.id}, ${e.provider}, ${e.providerEventId}, 'transcript', ${JSON.stringify(e.raw)}::jsonb, now())
          on conflict do nothing returning id`),
      );
      if (!ev) return null;
      const [row] = rowsOf<{ id: number }>(
        await tx.execute(sql`
          insert into transcript_segments (call_id, seq, speaker, language, text, start_ms, end_ms)
          values (${call.id}, ${seg.seq}, ${seg.speaker}, ${seg.language}, ${seg.text}, ${seg.startMs}, ${seg.endMs})
          on conflict do nothing returning id`),
      );
      if (!row) return null;
      await tx.execute(sql`update call_events set applied_at = now() where id = ${ev.id}`);
      return { id: row.id, agentId: call.agent_id };
    });
    if (stored) await bus.publish('transcript.segment', { segment: { ...seg, id: String(stored.id), callId: e.callId }, agentId: stored.agentId });
  };
}

async function run(name: string, ingest: (e: ProviderEvent) => Promise<unknown>, callIds: string[]) {
  await db.execute(sql`truncate transcript_segments, call_events`);
  const latencies: number[] = [];
  const pending: Promise<unknown>[] = [];
  const seq = new Map<string, number>(callIds.map((id) => [id, 0]));
  const stopCounting = countStatements(db);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + SECONDS * 1000;
  let offered = 0;
  // Each call speaks every EVERY_MS, its first line at a random offset, as calls do.
  const next = new Map(callIds.map((id) => [id, start + Math.random() * EVERY_MS]));
  while (performance.now() < end) {
    const now = performance.now();
    for (const id of callIds) {
      if ((next.get(id) ?? end) > now) continue;
      next.set(id, (next.get(id) ?? now) + EVERY_MS);
      const n = seq.get(id) ?? 0;
      seq.set(id, n + 1);
      offered++;
      const event: ProviderEvent = {
        provider: 'simulator',
        providerEventId: `${id}:seg:${n}`,
        providerCallId: `BENCH-${id}`,
        callId: id,
        kind: 'transcript',
        occurredAt: new Date(),
        segment: {
          seq: n,
          speaker: n % 2 ? 'lead' : 'agent',
          language: 'hinglish',
          text: `haan ji, fees ke baare mein batayiye ${n}`,
          startMs: n * EVERY_MS,
          endMs: n * EVERY_MS + 300,
        },
        raw: { seq: n },
      };
      const at = performance.now();
      pending.push(ingest(event).then(() => latencies.push(performance.now() - at)));
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(pending);
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const statements = stopCounting();
  const stored = Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from transcript_segments`))[0]?.n);
  latencies.sort((a, b) => a - b);
  return {
    path: name,
    offered,
    offeredPerSecond: Math.round(offered / SECONDS),
    storedPerSecond: Math.round(stored / wall),
    stored,
    p50Ms: pct(latencies, 50),
    p95Ms: pct(latencies, 95),
    p99Ms: pct(latencies, 99),
    statementsPerSegment: Number((statements / Math.max(1, stored)).toFixed(2)),
    cpuMsPerSegment: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, stored)).toFixed(3)),
  };
}

try {
  const [lead] = rowsOf<{ id: string }>(await db.execute(sql`insert into leads (name, phone) values ('Bench Lead', '+919999900000') returning id`));
  const callIds = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into calls (lead_id, provider, provider_call_id, status, started_at, answered_at)
      select ${lead?.id}, 'simulator', 'BENCH-pending-' || i, 'in_progress', now(), now() from generate_series(1, ${CALLS}) i
      returning id`),
  ).map((r) => r.id);
  await db.execute(sql`update calls set provider_call_id = 'BENCH-' || id`);
  const bus = createInProcessBus(logger);
  let published = 0;
  bus.subscribe('transcript.segment', () => void published++);

  const writer = createTranscriptWriter({ db, bus, logger });
  const batched = await run('batched (outside the call lock)', (e) => writer.write(e), callIds);
  const baseline = await run('per segment, under the call lock (before)', oldPath(db, bus), callIds);
  const result = {
    benchmark: 'transcript-segments',
    calls: CALLS,
    segmentEveryMs: EVERY_MS,
    seconds: SECONDS,
    poolSize: 10,
    published,
    batched,
    baseline,
  };
  console.log(JSON.stringify(result, null, 2));
  console.table([batched, baseline]);
} finally {
  await database.close();
  await t.drop();
}
