import { PassThrough, Writable } from 'node:stream';
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool, defaultPoolSize, taskModule, WorkerPoolError } from './pool.js';
import type * as Tasks from './testing/tasks.js';

const TASKS = taskModule<typeof Tasks>(import.meta.url, './testing/tasks');

/** A Writable that keeps what it is given; `delayMs` makes it slow, `failAt` makes it fail once it holds that many bytes. */
function sink(opts: { delayMs?: number; failAt?: number; highWaterMark?: number } = {}) {
  const chunks: Buffer[] = [];
  let held = 0;
  let mostBuffered = 0;
  const stream: Writable = new Writable({
    highWaterMark: opts.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      mostBuffered = Math.max(mostBuffered, stream.writableLength);
      chunks.push(chunk);
      held += chunk.length;
      if (opts.failAt !== undefined && held >= opts.failAt) return callback(new Error('the disk is full'));
      if (opts.delayMs) setTimeout(callback, opts.delayMs);
      else callback();
    },
  });
  stream.on('error', () => undefined);
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), buffer: () => Buffer.concat(chunks), mostBuffered: () => mostBuffered };
}

/** `count` items, counting how many were taken and whether the source was closed. */
function source(count: number, opts: { failAt?: number } = {}) {
  const seen = { taken: 0, closed: false };
  async function* items() {
    try {
      for (let n = 0; n < count; n++) {
        if (n === opts.failAt) throw new Error('the database went away');
        seen.taken++;
        yield { n, at: new Date(Date.UTC(2024, 4, 1) + n * 1000) };
      }
    } finally {
      seen.closed = true;
    }
  }
  return { items: items(), seen };
}

const expectedLines = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, n) => `${prefix}${n}@${new Date(Date.UTC(2024, 4, 1) + n * 1000).toISOString()}\n`).join('');

describe('the worker pool, on threads', () => {
  const pool = createWorkerPool({ size: 2 });
  afterAll(() => pool.close());

  it('runs a task in a thread of its own and gives back its result', async () => {
    const where = await pool.run(TASKS, 'whereAmI', []);
    expect(where.isMainThread).toBe(false);
    expect(where.threadId).not.toBe(threadId);
    expect(await pool.run(TASKS, 'add', [2, 3])).toBe(5);
  });

  it('moves a transferred buffer to the thread instead of copying it', async () => {
    const bytes = new Uint8Array(1_000_000).fill(3);
    expect(await pool.run(TASKS, 'sum', [bytes], [bytes.buffer])).toEqual({ total: 3_000_000, length: 1_000_000 });
    // Gone from this thread.
    expect(bytes.byteLength).toBe(0);
  });

  it('rejects with the error the task threw: its type, message and code', async () => {
    const error = await pool.run(TASKS, 'refuse', ['not today']).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'RangeError', message: 'not today', code: 'TEST_REFUSED' });
    await expect(pool.run(TASKS, 'nothing' as 'add', [1, 1])).rejects.toThrow('exports no task nothing');
  });

  it('spreads tasks over its `size` threads', async () => {
    const threads = await Promise.all(Array.from({ length: 6 }, () => pool.run(TASKS, 'hold', [100])));
    expect(new Set(threads).size).toBe(2);
  });

  it('fails the task of a thread that dies, saying so, and runs the next tasks on a new thread', async () => {
    const before = await Promise.all([pool.run(TASKS, 'hold', [50]), pool.run(TASKS, 'hold', [50])]);
    const lost = await pool.run(TASKS, 'crash', []).catch((err: unknown) => err);
    expect(lost).toBeInstanceOf(WorkerPoolError);
    expect(lost).toMatchObject({ code: 'WORKER_DIED', message: 'the worker thread running crash stopped (the thread fell over); the task did not finish' });
    const after = await Promise.all([pool.run(TASKS, 'hold', [50]), pool.run(TASKS, 'hold', [50])]);
    expect(new Set(after).size).toBe(2);
    // One of the two threads is new.
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
    expect(await pool.run(TASKS, 'add', [1, 1])).toBe(2);
  });

  it('streams the input to the task and its output back, in order, with its progress', async () => {
    const { items, seen } = source(5_000);
    const out = sink();
    const progress: number[] = [];
    const result = await pool.stream(TASKS, 'lines', ['#'], { input: items, out: out.stream, onProgress: (n) => progress.push(n) });
    expect(result.items).toBe(5_000);
    expect(result.threadId).not.toBe(threadId);
    expect(out.text()).toBe(expectedLines('#', 5_000));
    expect(out.stream.writableFinished).toBe(true);
    expect(progress.at(-1)).toBe(5_000);
    expect(seen.closed).toBe(true);
  });

  it('leaves a finished output whole for its reader, who may read it after the task is done', async () => {
    // A PassThrough finishes once it has taken the bytes, before its reader has read them (a
    // report going to the file store or a reply): the task's own output closing after it ended
    // must not destroy the real one and lose what is still unread.
    for (let round = 0; round < 20; round++) {
      const out = new PassThrough();
      const written = await pool.stream(TASKS, 'bytes', [3, 1000], { out });
      expect(written).toBe(3000);
      expect(out.destroyed).toBe(false);
      const chunks: Buffer[] = [];
      for await (const chunk of out) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).length).toBe(3000);
    }
  });

  it('holds only a bounded amount of output when the output is slow', async () => {
    const out = sink({ delayMs: 1, highWaterMark: 64 * 1024 });
    const written = await pool.stream(TASKS, 'bytes', [64, 256 * 1024], { out: out.stream });
    expect(written).toBe(16 * 1024 * 1024);
    const all = out.buffer();
    expect(all.length).toBe(written);
    for (let i = 0; i < 64; i++) expect(all[i * 256 * 1024 + 7]).toBe(i);
    // 16 MiB went through; never more than the task's window (1 MiB) and a chunk or two waited here.
    expect(out.mostBuffered()).toBeLessThan(2 * 1024 * 1024);
  });

  it('reads the input only a few batches ahead, and closes it when the task stops reading', async () => {
    const { items, seen } = source(1_000_000);
    const out = sink();
    await expect(pool.stream(TASKS, 'breakAfter', [10], { input: items, out: out.stream })).rejects.toThrow('gave up after 10');
    expect(seen.taken).toBeLessThan(5_000);
    expect(seen.closed).toBe(true);
    // The task destroyed its output with the error: so was the real one.
    expect(out.stream.destroyed).toBe(true);
  });

  it('fails with the input’s own error when the input fails, and destroys the output', async () => {
    const { items } = source(10_000, { failAt: 1_234 });
    const out = sink();
    const error = await pool.stream(TASKS, 'lines', ['>'], { input: items, out: out.stream }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('the database went away');
    expect(out.stream.destroyed).toBe(true);
  });

  it('fails with the output’s error when the output fails, and stops reading the input', async () => {
    const { items, seen } = source(1_000_000);
    const out = sink({ failAt: 100_000 });
    await expect(pool.stream(TASKS, 'lines', ['!'], { input: items, out: out.stream })).rejects.toThrow('the disk is full');
    expect(seen.closed).toBe(true);
    expect(seen.taken).toBeLessThan(1_000_000);
  });
});

it('keeps the thread of a task that failed its output', async () => {
  const pool = createWorkerPool({ size: 1 });
  try {
    const first = await pool.run(TASKS, 'whereAmI', []);
    const { items } = source(100);
    await expect(pool.stream(TASKS, 'breakAfter', [5], { input: items, out: sink().stream })).rejects.toThrow('gave up after 5');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await pool.run(TASKS, 'whereAmI', [])).toEqual(first);
  } finally {
    await pool.close();
  }
});

it('runs at most `tasksPerThread` tasks on each of its threads at once, the rest waiting their turn', async () => {
  const pool = createWorkerPool({ size: 2, tasksPerThread: 3 });
  try {
    const counter = new Int32Array(new SharedArrayBuffer(8));
    await Promise.all(Array.from({ length: 20 }, () => pool.run(TASKS, 'busy', [counter, 60])));
    expect(Atomics.load(counter, 1)).toBe(6);
    expect(Atomics.load(counter, 0)).toBe(0);
  } finally {
    await pool.close();
  }
});

it('runs a short task while a long streaming one on the same thread waits for its input', async () => {
  const pool = createWorkerPool({ size: 1 });
  try {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow() {
      yield { n: 0, at: new Date(0) };
      await released;
      yield { n: 1, at: new Date(1000) };
    }
    const out = sink();
    const long = pool.stream(TASKS, 'lines', ['#'], { input: slow(), out: out.stream });
    // The export's thread takes the PDF while the export waits for rows.
    expect(await pool.run(TASKS, 'add', [1, 2])).toBe(3);
    release();
    expect((await long).items).toBe(2);
  } finally {
    await pool.close();
  }
});

describe('closing the pool', () => {
  it('fails the queued and running tasks, and refuses new ones', async () => {
    const pool = createWorkerPool({ size: 1, tasksPerThread: 1 });
    const running = pool.run(TASKS, 'hold', [60_000]).catch((err: unknown) => err);
    const queued = pool.run(TASKS, 'add', [1, 2]).catch((err: unknown) => err);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pool.close();
    expect(await queued).toMatchObject({ code: 'WORKER_POOL_CLOSED', message: 'the worker pool closed before add ran' });
    expect(await running).toMatchObject({ code: 'WORKER_POOL_CLOSED', message: 'the worker pool closed while hold ran' });
    await expect(pool.run(TASKS, 'add', [1, 2])).rejects.toThrow('the worker pool is closed');
  });
});

describe('the worker pool of size 0', () => {
  const pool = createWorkerPool({ size: 0 });

  it('runs the tasks on the calling thread', async () => {
    expect(pool.size).toBe(0);
    expect(await pool.run(TASKS, 'whereAmI', [])).toEqual({ threadId, isMainThread: true });
    expect(await pool.run(TASKS, 'add', [2, 3])).toBe(5);
    await expect(pool.run(TASKS, 'refuse', ['no'])).rejects.toMatchObject({ name: 'RangeError', message: 'no', code: 'TEST_REFUSED' });
  });

  it('streams as the threads do', async () => {
    const { items } = source(3_000);
    const out = sink();
    const result = await pool.stream(TASKS, 'lines', ['#'], { input: items, out: out.stream });
    expect(result).toEqual({ items: 3_000, threadId });
    expect(out.text()).toBe(expectedLines('#', 3_000));
  });

  it('refuses tasks once closed', async () => {
    await pool.close();
    await expect(pool.run(TASKS, 'add', [1, 2])).rejects.toThrow('the worker pool is closed');
  });
});

it('takes one thread fewer than the CPUs by default, at least 1 and at most 2', () => {
  expect(defaultPoolSize()).toBeGreaterThanOrEqual(1);
  expect(defaultPoolSize()).toBeLessThanOrEqual(2);
});
