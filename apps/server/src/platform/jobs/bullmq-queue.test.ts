import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminConnection, dropKeys, redisProblem, TEST_REDIS_URL, testPrefix, until } from '../events/testing/redis.js';
import { createLogger } from '../logging.js';
import { type BullmqQueueOptions, createBullmqQueue, toBullmqJobId } from './bullmq-queue.js';
import { createJobQueue } from './index.js';
import type { JobContext, JobQueue } from './jobs.js';

declare module './jobs.js' {
  interface JobPayloads {
    'test.bull.echo': { n: number };
    'test.bull.flaky': { failTimes: number };
    'test.bull.slow': { id: string };
  }
}

/** Several queue instances on one Redis stand for several nodes. */
const problem = await redisProblem('BullMQ job queue');
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

let prefix: string;
let admin: Redis;
let nodes: JobQueue[] = [];
const node = (extra: Partial<BullmqQueueOptions> = {}) => {
  const q = createBullmqQueue({ redisUrl: TEST_REDIS_URL, logger, prefix, nodeId: `n${nodes.length}`, idlePollMs: 20, ...extra });
  nodes.push(q);
  return q;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(problem !== null)('BullMQ job queue', () => {
  beforeAll(() => {
    admin = adminConnection();
  });
  afterAll(async () => {
    await admin.quit();
  });
  // Each test gets its own key prefix, so it never sees another's jobs or ids.
  beforeEach(() => {
    prefix = testPrefix();
  });
  afterEach(async () => {
    await Promise.all(nodes.map((q) => q.stop()));
    nodes = [];
    await dropKeys(admin, prefix);
  });

  it('runs jobs with their payload and respects concurrency', async () => {
    const q = node();
    const seen: number[] = [];
    let concurrent = 0;
    let peak = 0;
    q.register(
      'test.bull.echo',
      async ({ n }) => {
        concurrent++;
        peak = Math.max(peak, concurrent);
        await sleep(30);
        seen.push(n);
        concurrent--;
      },
      { concurrency: 2 },
    );
    for (let n = 0; n < 6; n++) expect(await q.enqueue('test.bull.echo', { n })).toBe(true);
    await q.idle();
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('retries with exponential backoff and drops duplicates by job id', async () => {
    const q = node();
    const attempts: { attempt: number; jobId: string; at: number }[] = [];
    q.register(
      'test.bull.flaky',
      async ({ failTimes }, ctx) => {
        attempts.push({ attempt: ctx.attempt, jobId: ctx.jobId, at: Date.now() });
        if (ctx.attempt <= failTimes) throw new Error('not yet');
      },
      { attempts: 4, backoffMs: 100 },
    );
    // Ids with colons, as the modules use them, come back unchanged.
    expect(await q.enqueue('test.bull.flaky', { failTimes: 2 }, { jobId: 'import:one' })).toBe(true);
    expect(await q.enqueue('test.bull.flaky', { failTimes: 2 }, { jobId: 'import:one' })).toBe(false);
    await q.idle();
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(new Set(attempts.map((a) => a.jobId))).toEqual(new Set(['import:one']));
    const [first, second, third] = attempts.map((a) => a.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(90);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(190);
    // Unlike the in-process runner, a completed id stays a duplicate for a while, so a repeat
    // arriving shortly after (another node, a retried webhook) does not run the work twice.
    expect(await q.enqueue('test.bull.flaky', { failTimes: 0 }, { jobId: 'import:one' })).toBe(false);
    await q.idle();
    expect(attempts).toHaveLength(3);
  });

  it('lets a job name opt out of remembering completed ids', async () => {
    const q = node({ keepCompletedMsByJob: { 'test.bull.echo': 0 } });
    const seen: number[] = [];
    q.register('test.bull.echo', async ({ n }) => void seen.push(n));
    expect(await q.enqueue('test.bull.echo', { n: 1 }, { jobId: 'kick' })).toBe(true);
    await q.idle();
    expect(await q.enqueue('test.bull.echo', { n: 2 }, { jobId: 'kick' })).toBe(true);
    await q.idle();
    expect(seen).toEqual([1, 2]);
  });

  it('gives up after the last attempt, and the same id may then run again', async () => {
    const q = node();
    const calls: number[] = [];
    q.register(
      'test.bull.flaky',
      async ({ failTimes }, ctx) => {
        calls.push(ctx.attempt);
        if (ctx.attempt <= failTimes) throw new Error('always');
      },
      { attempts: 3, backoffMs: 5 },
    );
    await q.enqueue('test.bull.flaky', { failTimes: 99 }, { jobId: '42' });
    await q.idle();
    expect(calls).toEqual([1, 2, 3]);
    expect(await q.enqueue('test.bull.flaky', { failTimes: 0 }, { jobId: '42' })).toBe(true);
    await q.idle();
    expect(calls).toEqual([1, 2, 3, 1]);
  });

  it('runs a delayed job after its delay, and idle() waits for it', async () => {
    const q = node();
    const ran: number[] = [];
    q.register('test.bull.echo', async () => void ran.push(Date.now()));
    const started = Date.now();
    await q.enqueue('test.bull.echo', { n: 1 }, { delayMs: 400 });
    await q.idle();
    expect(ran).toHaveLength(1);
    expect((ran[0] ?? 0) - started).toBeGreaterThanOrEqual(390);
  });

  it('runs a job enqueued on two nodes once, on one of them', async () => {
    const a = node();
    const b = node();
    const ranOn: string[] = [];
    const handler =
      (who: string) =>
      async ({ n }: { n: number }) => {
        await sleep(20);
        ranOn.push(`${who}:${n}`);
      };
    a.register('test.bull.echo', handler('a'));
    b.register('test.bull.echo', handler('b'));
    const added = await Promise.all([a.enqueue('test.bull.echo', { n: 1 }, { jobId: 'same' }), b.enqueue('test.bull.echo', { n: 1 }, { jobId: 'same' })]);
    expect(added.filter(Boolean)).toHaveLength(1);
    // Many more, each enqueued on both: still once each.
    for (let n = 2; n <= 20; n++) {
      await Promise.all([a.enqueue('test.bull.echo', { n }, { jobId: `same:${n}` }), b.enqueue('test.bull.echo', { n }, { jobId: `same:${n}` })]);
    }
    await Promise.all([a.idle(), b.idle()]);
    const numbers = ranOn.map((r) => Number(r.split(':')[1])).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('runs a job on the node that has its handler, wherever it was enqueued', async () => {
    const a = node();
    const b = node();
    const ran: { n: number; ctx: JobContext }[] = [];
    b.register('test.bull.echo', async ({ n }, ctx) => void ran.push({ n, ctx }));
    expect(await a.enqueue('test.bull.echo', { n: 7 }, { jobId: 'from:a' })).toBe(true);
    await b.idle();
    expect(ran.map((r) => [r.n, r.ctx.jobId, r.ctx.attempt])).toEqual([[7, 'from:a', 1]]);
  });

  it('takes the retry policy from the node that runs the job', async () => {
    const a = node();
    const b = node();
    let calls = 0;
    b.register(
      'test.bull.flaky',
      async () => {
        calls++;
        throw new Error('always');
      },
      { attempts: 2, backoffMs: 5 },
    );
    await a.enqueue('test.bull.flaky', { failTimes: 99 });
    await b.idle();
    expect(calls).toBe(2);
  });

  it('stops gracefully: a job cut short by shutdown runs again on another node', async () => {
    const a = node();
    const b = node();
    const runs: string[] = [];
    let aborted = false;
    a.register(
      'test.bull.slow',
      async (_p, ctx) => {
        runs.push(`a:${ctx.attempt}`);
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
        aborted = true;
        throw new Error('shutting down');
      },
      { backoffMs: 50 },
    );
    await a.enqueue('test.bull.slow', { id: 'x' }, { jobId: 'slow:x' });
    await until('the job to start on a', () => runs.length === 1);
    b.register('test.bull.slow', async (_p, ctx) => void runs.push(`b:${ctx.attempt}`), { backoffMs: 50 });
    await a.stop();
    expect(aborted).toBe(true);
    await expect(a.enqueue('test.bull.slow', { id: 'y' })).rejects.toThrow(/stopped/);
    await until('the job to run on b', () => runs.length === 2);
    await b.idle();
    expect(runs).toEqual(['a:1', 'b:2']);
  });

  it('lets an API-only node enqueue for a node with workers, and never runs a job itself', async () => {
    const api = node({ workers: false });
    const ran: { on: string; n: number; ctx: JobContext }[] = [];
    // Both register the handler, as every node does at start; only the worker node runs it.
    api.register('test.bull.echo', async ({ n }, ctx) => void ran.push({ on: 'api', n, ctx }));
    expect(await api.enqueue('test.bull.echo', { n: 1 }, { jobId: 'import:api' })).toBe(true);
    expect(await api.enqueue('test.bull.echo', { n: 1 }, { jobId: 'import:api' })).toBe(false);
    // Nothing here runs it, and idle() says so at once instead of waiting for a worker node.
    await api.idle();
    await sleep(100);
    expect(ran).toEqual([]);
    expect(await admin.exists(`${prefix}:test.bull.echo:${toBullmqJobId('import:api')}`)).toBe(1);

    const worker = node();
    worker.register('test.bull.echo', async ({ n }, ctx) => void ran.push({ on: 'worker', n, ctx }));
    // The worker node enqueues the same id too, as a restart's resume() does: still one run.
    expect(await worker.enqueue('test.bull.echo', { n: 1 }, { jobId: 'import:api' })).toBe(false);
    await until('the job to run on the worker node', () => ran.length === 1);
    await worker.idle();
    expect(ran.map((r) => [r.on, r.n, r.ctx.jobId, r.ctx.attempt])).toEqual([['worker', 1, 'import:api', 1]]);
  });

  it('refuses a node without workers when there is no Redis', () => {
    expect(() => createJobQueue({ logger, workers: false })).toThrow(/REDIS_URL/);
  });

  it('is chosen by the factory when a Redis URL is given, in-process otherwise', async () => {
    const local = createJobQueue({ logger });
    const remote = createJobQueue({ redisUrl: TEST_REDIS_URL, logger, prefix });
    nodes.push(local, remote);
    for (const q of [local, remote]) {
      const seen: number[] = [];
      q.register('test.bull.echo', async ({ n }) => void seen.push(n));
      await q.enqueue('test.bull.echo', { n: 3 });
      await q.idle();
      expect(seen).toEqual([3]);
    }
    expect(await admin.exists(`${prefix}:test.bull.echo:meta`)).toBe(1);
  });
});
