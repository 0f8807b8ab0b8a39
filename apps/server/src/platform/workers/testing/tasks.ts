/** Tasks the worker pool's tests run in its threads. */
import { once } from 'node:events';
import { isMainThread, threadId } from 'node:worker_threads';
import type { TaskStreams } from '../streams.js';

/** Which thread ran it. */
export function whereAmI(): { threadId: number; isMainThread: boolean } {
  return { threadId, isMainThread };
}

export async function add(a: number, b: number): Promise<number> {
  return a + b;
}

/** Fails with a coded error. */
export function refuse(message: string): never {
  throw Object.assign(new RangeError(message), { code: 'TEST_REFUSED' });
}

/** Kills its thread: an error thrown outside any task. */
export function crash(): Promise<never> {
  setTimeout(() => {
    throw new Error('the thread fell over');
  }, 0);
  return new Promise(() => undefined);
}

/** Resolves after `ms`, with the thread that waited. */
export async function hold(ms: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return threadId;
}

/**
 * Holds for `ms` and counts itself in `counter` while it does: [0] how many are running now, [1]
 * the most at once (the counter is shared by every thread).
 */
export async function busy(counter: Int32Array, ms: number): Promise<void> {
  const now = Atomics.add(counter, 0, 1) + 1;
  for (let most = Atomics.load(counter, 1); now > most; most = Atomics.load(counter, 1)) {
    if (Atomics.compareExchange(counter, 1, most, now) === most) break;
  }
  await new Promise((resolve) => setTimeout(resolve, ms));
  Atomics.sub(counter, 0, 1);
}

/** The sum of the bytes and how many there were. */
export function sum(bytes: Uint8Array): { total: number; length: number } {
  let total = 0;
  for (const b of bytes) total += b;
  return { total, length: bytes.length };
}

/** Writes each input item as a line, telling progress after each; ends the output. */
export async function lines(io: TaskStreams<{ n: number; at: Date }>, prefix: string): Promise<{ items: number; threadId: number }> {
  let items = 0;
  for await (const item of io.input) {
    const ok = io.out.write(`${prefix}${item.n}@${item.at.toISOString()}\n`);
    if (!ok) await once(io.out, 'drain');
    items++;
    io.progress(items);
  }
  await new Promise<void>((resolve, reject) => {
    io.out.once('error', reject);
    io.out.end(resolve);
  });
  return { items, threadId };
}

/** Writes `chunks` chunks of `size` bytes (each filled with its number), waiting when the output is full. */
export async function bytes(io: TaskStreams<never>, chunks: number, size: number): Promise<number> {
  for (let i = 0; i < chunks; i++) {
    if (!io.out.write(Buffer.alloc(size, i % 256))) await once(io.out, 'drain');
  }
  await new Promise<void>((resolve, reject) => {
    io.out.once('error', reject);
    io.out.end(resolve);
  });
  return chunks * size;
}

/** Reads `count` items, then destroys its output with an error and fails. */
export async function breakAfter(io: TaskStreams<unknown>, count: number): Promise<never> {
  let read = 0;
  for await (const _ of io.input) if (++read >= count) break;
  const error = new Error(`gave up after ${read}`);
  (io.out as NodeJS.WritableStream & { destroy(error?: Error): void }).destroy(error);
  throw error;
}
