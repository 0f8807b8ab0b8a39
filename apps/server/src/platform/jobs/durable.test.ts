import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { systemClock } from '../context.js';
import { redisProblem, TEST_REDIS_URL, testPrefix, until } from '../events/testing/redis.js';
import { createLogger } from '../logging.js';
import { createOutageProxy, type OutageProxy } from '../testing/outage-proxy.js';
import { createBullmqQueue } from './bullmq-queue.js';
import { createDurableJobQueue, type DurableJobQueue, isUnavailable } from './durable.js';
import { createInProcessQueue, type JobQueue } from './jobs.js';
import { jobLedger } from './jobs.tables.js';

declare module './jobs.js' {
  interface JobPayloads {
    'test.ledger.echo': { n: number };
    'test.ledger.fail': { n: number };
  }
}

const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const redis = await redisProblem('job ledger over BullMQ');

let t: TestDatabase;
let open: JobQueue[] = [];
let proxies: OutageProxy[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});
afterEach(async () => {
  await Promise.all(open.map((q) => q.stop()));
  await Promise.all(proxies.map((p) => p.close()));
  open = [];
  proxies = [];
  await t.database.db.delete(jobLedger);
});

function durable(inner: JobQueue, sweepEveryMs = 1_000): DurableJobQueue {
  const q = createDurableJobQueue({ inner, db: t.database.db, clock: systemClock, logger, handOverTimeoutMs: 500, sweepEveryMs });
  open.push(q);
  return q;
}

const ledger = () => t.database.db.select().from(jobLedger);

describe('job ledger', () => {
  it('runs a job and forgets it once it succeeded; the same id while waiting is a duplicate', async () => {
    const q = durable(createInProcessQueue(logger));
    const seen: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    q.register('test.ledger.echo', async ({ n }) => {
      await gate;
      seen.push(n);
    });
    expect(await q.enqueue('test.ledger.echo', { n: 1 }, { jobId: 'echo:1' })).toBe(true);
    expect(await q.enqueue('test.ledger.echo', { n: 1 }, { jobId: 'echo:1' })).toBe(false);
    expect((await ledger()).map((r) => r.jobId)).toEqual(['echo:1']);
    release();
    await q.idle();
    expect(seen).toEqual([1]);
    expect(await ledger()).toEqual([]);
    // A transient nudge is handed straight to the runner, never kept.
    expect(await q.enqueue('test.ledger.echo', { n: 2 }, { jobId: 'echo:2', transient: true })).toBe(true);
    expect(await ledger()).toEqual([]);
    await q.idle();
    expect(seen).toEqual([1, 2]);
  });

  it('keeps a job accepted by a process that died before running it, and the next process runs it', async () => {
    // The first process accepts the job; its runner never gets to it (the process is gone).
    const dead = createInProcessQueue(logger);
    const first = durable(dead);
    first.register('test.ledger.echo', async () => {
      throw new Error('never reached');
    });
    await dead.stop();
    expect(await first.enqueue('test.ledger.echo', { n: 7 }, { jobId: 'echo:7' })).toBe(true);
    expect(await first.backlog()).toEqual({ pending: 1, notHandedOver: 1 });

    const seen: number[] = [];
    const second = durable(createInProcessQueue(logger));
    second.register('test.ledger.echo', async ({ n }) => void seen.push(n));
    expect(await second.redeliver({ all: true })).toBe(1);
    await second.idle();
    expect(seen).toEqual([7]);
    expect(await ledger()).toEqual([]);
  });

  it('runs again later a job that gave up while a dependency was unreachable, and forgets one that failed on its own', async () => {
    const q = durable(createInProcessQueue(logger));
    let calls = 0;
    q.register(
      'test.ledger.fail',
      async ({ n }) => {
        calls++;
        if (n === 1) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        throw new Error('the file is not a spreadsheet');
      },
      { attempts: 2, backoffMs: 1 },
    );
    await q.enqueue('test.ledger.fail', { n: 1 }, { jobId: 'fail:unreachable' });
    await q.enqueue('test.ledger.fail', { n: 2 }, { jobId: 'fail:bad-input' });
    await q.idle();
    expect(calls).toBe(4);
    const left = await ledger();
    expect(left.map((r) => [r.jobId, r.pushedAt])).toEqual([['fail:unreachable', null]]);
    expect(left[0]?.lastError).toMatch(/ECONNREFUSED/);
    // The sweep hands it over again.
    expect(await q.redeliver()).toBe(1);
    await q.idle();
    expect(calls).toBe(6);
    // And a new enqueue of the same id, left for the sweep, runs it now rather than being a duplicate.
    expect(await q.enqueue('test.ledger.fail', { n: 1 }, { jobId: 'fail:unreachable' })).toBe(true);
    await q.idle();
    expect(calls).toBe(8);
  });

  it('tells unreachable dependencies from failures of the work', () => {
    expect(isUnavailable(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isUnavailable(new Error('Failed query', { cause: new Error('Connection terminated unexpectedly') }))).toBe(true);
    expect(isUnavailable(new Error('Command timed out'))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnavailable(new Error('The file is not a spreadsheet'))).toBe(false);
  });

  describe.skipIf(redis !== null)('over BullMQ with Redis unreachable', () => {
    it('accepts a job at once while Redis is down and runs it when Redis is back', async () => {
      const proxy = await createOutageProxy({ host: new URL(TEST_REDIS_URL).hostname, port: Number(new URL(TEST_REDIS_URL).port || 6379) });
      proxies.push(proxy);
      const bull = createBullmqQueue({ redisUrl: proxy.url(TEST_REDIS_URL), logger, prefix: testPrefix(), idlePollMs: 20 });
      const q = durable(bull, 300);
      const seen: number[] = [];
      q.register('test.ledger.echo', async ({ n }) => void seen.push(n));
      expect(await q.enqueue('test.ledger.echo', { n: 1 }, { jobId: 'bull:1' })).toBe(true);
      await until('the first job to run', () => seen.length === 1, 10_000);

      await proxy.down();
      const started = Date.now();
      expect(await q.enqueue('test.ledger.echo', { n: 2 }, { jobId: 'bull:2' })).toBe(true);
      // Bounded by the hand-over time-out (500 ms here), not by Redis reconnect attempts.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await q.backlog()).toEqual({ pending: 1, notHandedOver: 1 });

      await proxy.up();
      // The sweep (what the scheduler runs) hands it over once Redis answers.
      await until(
        'the job accepted during the outage to run',
        async () => {
          await q.redeliver();
          return seen.includes(2);
        },
        20_000,
      );
      await until('the ledger to empty', async () => (await ledger()).length === 0, 5_000);
    });

    it('forgets a row whose job the runner already finished, without running it again', async () => {
      const proxy = await createOutageProxy({ host: new URL(TEST_REDIS_URL).hostname, port: Number(new URL(TEST_REDIS_URL).port || 6379) });
      proxies.push(proxy);
      const q = durable(createBullmqQueue({ redisUrl: proxy.url(TEST_REDIS_URL), logger, prefix: testPrefix(), idlePollMs: 20 }), 300);
      const seen: number[] = [];
      q.register('test.ledger.echo', async ({ n }) => void seen.push(n));
      expect(await q.enqueue('test.ledger.echo', { n: 3 }, { jobId: 'bull:3' })).toBe(true);
      await until('the job to run', async () => seen.length === 1 && (await ledger()).length === 0, 10_000);

      // The same id again (an event delivered twice) while Redis is away: accepted, kept for the sweep.
      await proxy.down();
      expect(await q.enqueue('test.ledger.echo', { n: 3 }, { jobId: 'bull:3' })).toBe(true);
      expect(await q.backlog()).toEqual({ pending: 1, notHandedOver: 1 });
      await proxy.up();
      // Once Redis answers, the sweep finds the runner already finished it: the row goes.
      await until(
        'the row of the finished job to go',
        async () => {
          await q.redeliver({ all: true });
          return (await ledger()).length === 0;
        },
        10_000,
      );

      // A row whose deletion failed (the database went away as the job finished) goes the same way.
      await t.database.db
        .insert(jobLedger)
        .values({ jobId: 'bull:3', name: 'test.ledger.echo', payload: { n: 3 }, runAfter: new Date(), pushedAt: null, pushes: 1 });
      expect(await q.redeliver()).toBe(0);
      expect(await ledger()).toEqual([]);
      // An enqueue that takes such a row over does not run the finished job again either.
      await t.database.db
        .insert(jobLedger)
        .values({ jobId: 'bull:3', name: 'test.ledger.echo', payload: { n: 3 }, runAfter: new Date(), pushedAt: null, pushes: 1 });
      expect(await q.enqueue('test.ledger.echo', { n: 3 }, { jobId: 'bull:3' })).toBe(false);
      expect(await ledger()).toEqual([]);
      await q.idle();
      expect(seen).toEqual([3]);
      // A new job still runs once the worker is back (and only then may the queue stop: a BullMQ
      // worker stopped while its connection is still coming back waits minutes for it).
      expect(await q.enqueue('test.ledger.echo', { n: 4 }, { jobId: 'bull:4' })).toBe(true);
      await until('the new job to run', () => seen.includes(4), 20_000);
      expect(seen).toEqual([3, 4]);
    });
  });
});
