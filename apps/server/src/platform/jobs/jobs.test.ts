import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging.js';
import { createInProcessQueue, type JobQueue } from './jobs.js';

declare module './jobs.js' {
  interface JobPayloads {
    'test.echo': { n: number };
    'test.flaky': { failTimes: number };
  }
}

let q: JobQueue;
afterEach(() => q?.stop());

describe('in-process job queue', () => {
  it('runs jobs with their payload and respects concurrency', async () => {
    q = createInProcessQueue(createLogger({ level: 'silent' }));
    const seen: number[] = [];
    let concurrent = 0;
    let peak = 0;
    q.register(
      'test.echo',
      async ({ n }) => {
        concurrent++;
        peak = Math.max(peak, concurrent);
        await new Promise((r) => setTimeout(r, 5));
        seen.push(n);
        concurrent--;
      },
      { concurrency: 2 },
    );
    for (let n = 0; n < 6; n++) await q.enqueue('test.echo', { n });
    await q.idle();
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('retries with backoff and drops duplicates by job id', async () => {
    q = createInProcessQueue(createLogger({ level: 'silent' }));
    const attempts: number[] = [];
    q.register(
      'test.flaky',
      async ({ failTimes }, ctx) => {
        attempts.push(ctx.attempt);
        if (ctx.attempt <= failTimes) throw new Error('not yet');
      },
      { attempts: 4, backoffMs: 5 },
    );
    expect(await q.enqueue('test.flaky', { failTimes: 2 }, { jobId: 'one' })).toBe(true);
    expect(await q.enqueue('test.flaky', { failTimes: 2 }, { jobId: 'one' })).toBe(false);
    await q.idle();
    expect(attempts).toEqual([1, 2, 3]);
    // Once done, the same id may run again.
    expect(await q.enqueue('test.flaky', { failTimes: 0 }, { jobId: 'one' })).toBe(true);
    await q.idle();
  });

  it('gives up after the last attempt', async () => {
    q = createInProcessQueue(createLogger({ level: 'silent' }));
    let calls = 0;
    q.register(
      'test.flaky',
      async () => {
        calls++;
        throw new Error('always');
      },
      { attempts: 3, backoffMs: 1 },
    );
    await q.enqueue('test.flaky', { failTimes: 99 });
    await q.idle();
    expect(calls).toBe(3);
  });
});
