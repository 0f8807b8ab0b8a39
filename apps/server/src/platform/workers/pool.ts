/**
 * A fixed pool of worker threads for CPU-heavy work (report files, recording measures), so that a
 * request never waits behind it. A task is a function exported by a module (named by its URL, see
 * taskModule) and its arguments: the arguments are copied to the thread (or moved, when listed in
 * `transfer`), and the result or the error comes back. Streaming tasks (stream) read items the
 * caller feeds them and write bytes the caller writes out, with backpressure (streams.ts).
 *
 * Threads start as work arrives, up to `size`, and stay; an idle thread does not keep the process
 * alive. Once each thread has a task, a thread takes more, up to `tasksPerThread`, and the rest
 * wait in a queue. A thread that dies takes its tasks with it (they fail, saying so) and another
 * takes its place. Size 0 runs every task on the calling thread, the same function with the same
 * arguments (not copied): the fallback, and what tests compare the threads with.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type Transferable, Worker } from 'node:worker_threads';
import { type StreamIo, serveTaskStreams, type TaskStreams } from './streams.js';
import type { TaskReply, TaskRequest, WireError } from './worker.js';

/** The extension of this module's own file: `.ts` when running from sources (tests, tsx), `.js` when built. */
const EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** A module whose exported functions run in the pool. `tasks` is never set: it carries the module's type. */
export type TaskModule<M> = { readonly url: string; readonly tasks?: M };

/**
 * The task module `specifier` (without its extension) next to `from` (the caller's
 * import.meta.url), as built or as sources, whichever the caller is.
 */
export function taskModule<M>(from: string, specifier: string): TaskModule<M> {
  return { url: new URL(`${specifier}${from.endsWith('.ts') ? '.ts' : '.js'}`, from).href };
}

/**
 * The pool failed a task it could not finish (its thread died, or the pool closed), as opposed to
 * an error the task itself threw: worth trying again later.
 */
export class WorkerPoolError extends Error {
  constructor(
    readonly code: 'WORKER_DIED' | 'WORKER_POOL_CLOSED',
    message: string,
  ) {
    super(message);
    this.name = 'WorkerPoolError';
  }
}

type Fn = (...args: never[]) => unknown;
/** The names of a module's exported functions. */
export type TaskName<M> = { [K in keyof M]: M[K] extends Fn ? K : never }[keyof M] & string;
type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;
type ResultOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;
/** A streaming task's arguments after its streams. */
type StreamArgsOf<F> = F extends (io: never, ...args: infer A) => unknown ? A : never;
type InputOf<F> = F extends (io: TaskStreams<infer In>, ...args: never[]) => unknown ? In : never;

export type WorkerPool = {
  /** Threads in the pool; 0 when tasks run on the calling thread. */
  readonly size: number;
  /** Runs `name(...args)` of the module in a thread; `transfer` lists buffers moved there instead of copied. */
  run<M, K extends TaskName<M>>(module: TaskModule<M>, name: K, args: ArgsOf<M[K]>, transfer?: readonly Transferable[]): Promise<ResultOf<M[K]>>;
  /**
   * Runs the streaming task `name(streams, ...args)`: it reads `io.input` and writes into `io.out`
   * (which it ends) from its thread. A failure of the input or the output is the task's failure.
   */
  stream<M, K extends TaskName<M>>(module: TaskModule<M>, name: K, args: StreamArgsOf<M[K]>, io: StreamIo<InputOf<M[K]>>): Promise<ResultOf<M[K]>>;
  /** Fails the queued tasks, stops the threads (their running tasks fail) and refuses new tasks. */
  close(): Promise<void>;
};

/** One fewer thread than the machine has CPUs (the main thread keeps one), at least 1 and at most 2. */
export function defaultPoolSize(): number {
  return Math.min(2, Math.max(1, os.availableParallelism() - 1));
}

export type WorkerPoolOptions = {
  /** Threads; 0 runs the tasks on the calling thread. Default: defaultPoolSize(). */
  size?: number;
  /**
   * Tasks a thread takes at once when every thread has one (default 4). A thread runs one thing
   * at a time; the others go on whenever it waits: a long export waits for its next rows, and a
   * PDF somebody is waiting for is drawn in those gaps rather than after the export.
   */
  tasksPerThread?: number;
};

export function createWorkerPool(opts: WorkerPoolOptions = {}): WorkerPool {
  const size = opts.size ?? defaultPoolSize();
  const tasksPerThread = opts.tasksPerThread ?? 4;
  if (!Number.isInteger(size) || size < 0) throw new Error(`a worker pool needs a whole number of threads, not ${size}`);
  if (!Number.isInteger(tasksPerThread) || tasksPerThread < 1) throw new Error(`a thread takes at least one task at a time, not ${tasksPerThread}`);
  return size === 0 ? inlinePool() : threadPool(size, tasksPerThread);
}

// ── On threads ──────────────────────────────────────────────────────────────────────────────────

type Job = { request: TaskRequest; transfer: readonly Transferable[]; resolve(value: unknown): void; reject(error: Error): void };
type Thread = { worker: Worker; jobs: Map<number, Job> };

/** tsx's ESM API (`tsx/esm/api` as an import resolves it), found through its package.json. */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, { import?: { default?: string } }> };
  const target = exports?.['./esm/api']?.import?.default;
  if (!target) throw new Error(`${manifest} names no ESM API (tsx/esm/api): worker threads cannot run TypeScript sources`);
  return new URL(target, pathToFileURL(manifest)).href;
}

/** A thread running worker.ts: as built, or from sources with tsx loaded first (the dev dependency the tests run on). */
function startThread(): Worker {
  const entry = new URL(`./worker${EXTENSION}`, import.meta.url);
  if (EXTENSION === '.js') return new Worker(entry);
  // A worker's execArgv cannot --import (Node 20): the eval'd starter registers tsx, then loads the entry.
  const starter = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(starter, {
    eval: true,
    execArgv: ['--conditions=source'],
  });
}

/** The error a task threw, as it came back: its name, message, code and the stack from its thread. */
function errorFrom(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  if (wire.code !== undefined) Object.assign(error, { code: wire.code });
  return error;
}

function threadPool(size: number, tasksPerThread: number): WorkerPool {
  const queue: Job[] = [];
  const threads = new Set<Thread>();
  let nextId = 1;
  let closed = false;

  function start(): Thread {
    const thread: Thread = { worker: startThread(), jobs: new Map() };
    thread.worker.on('message', (reply: TaskReply) => {
      const job = thread.jobs.get(reply.id);
      if (!job) return;
      thread.jobs.delete(reply.id);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(errorFrom(reply.error));
      dispatch();
    });
    const lost = (cause: string) => {
      if (!threads.delete(thread)) return;
      const jobs = [...thread.jobs.values()];
      thread.jobs.clear();
      void thread.worker.terminate();
      for (const job of jobs) {
        job.reject(new WorkerPoolError('WORKER_DIED', `the worker thread running ${job.request.name} stopped (${cause}); the task did not finish`));
      }
      // Another thread takes its place, if there is work waiting for one.
      dispatch();
    };
    thread.worker.on('error', (err) => lost(err.message));
    thread.worker.on('messageerror', (err) => lost(`a message could not be read: ${err.message}`));
    thread.worker.on('exit', (code) => lost(`exit code ${code}`));
    threads.add(thread);
    return thread;
  }

  /** An idle thread, else a new one while there are fewer than `size`, else the least busy with room for a task. */
  function threadFor(): Thread | undefined {
    let best: Thread | undefined;
    for (const t of threads) if (!best || t.jobs.size < best.jobs.size) best = t;
    if (best && best.jobs.size === 0) return best;
    if (threads.size < size) return start();
    return best && best.jobs.size < tasksPerThread ? best : undefined;
  }

  function dispatch(): void {
    while (queue.length > 0 && !closed) {
      let thread: Thread | undefined;
      try {
        thread = threadFor();
      } catch (err) {
        // No thread could be started (sources without tsx): the task waiting for it fails.
        (queue.shift() as Job).reject(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (!thread) break;
      const job = queue.shift() as Job;
      thread.jobs.set(job.request.id, job);
      thread.worker.ref();
      try {
        thread.worker.postMessage(job.request, job.transfer);
      } catch (err) {
        // Arguments that cannot be copied: this task fails, the thread is fine.
        thread.jobs.delete(job.request.id);
        job.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
    // Idle threads let the process exit.
    for (const t of threads) if (t.jobs.size === 0) t.worker.unref();
  }

  function submit(request: Omit<TaskRequest, 'id'>, transfer: readonly Transferable[]): Promise<unknown> {
    if (closed) return Promise.reject(new WorkerPoolError('WORKER_POOL_CLOSED', `the worker pool is closed: ${request.name} was not run`));
    return new Promise((resolve, reject) => {
      queue.push({ request: { ...request, id: nextId++ }, transfer, resolve, reject });
      dispatch();
    });
  }

  return {
    size,
    run: (module, name, args, transfer = []) => submit({ url: module.url, name, args }, transfer) as never,

    async stream(module, name, args, io) {
      const { port1, port2 } = new MessageChannel();
      const served = serveTaskStreams(port1, io);
      try {
        const value = await submit({ url: module.url, name, args, port: port2 }, [port2]);
        // The last messages on the port (progress) may come after the result.
        await served.finished;
        // A task that carried on after the output failed has not written it.
        if (served.failure) throw served.failure;
        return value as never;
      } catch (err) {
        const failure = served.failure ?? (err instanceof Error ? err : new Error(String(err)));
        // A thread that died leaves the output half written: it must not look complete.
        const out = io.out as NodeJS.WritableStream & { destroyed?: boolean; destroy?(error?: Error): void };
        if (!out.destroyed) {
          // The caller hears of the failure from the rejection; an output nobody else listens to must not throw it again.
          out.on('error', () => undefined);
          out.destroy?.(failure);
        }
        throw failure;
      } finally {
        served.close();
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) job.reject(new WorkerPoolError('WORKER_POOL_CLOSED', `the worker pool closed before ${job.request.name} ran`));
      await Promise.all(
        [...threads].map(async (thread) => {
          threads.delete(thread);
          const jobs = [...thread.jobs.values()];
          thread.jobs.clear();
          await thread.worker.terminate();
          for (const job of jobs) job.reject(new WorkerPoolError('WORKER_POOL_CLOSED', `the worker pool closed while ${job.request.name} ran`));
        }),
      );
    },
  };
}

// ── On the calling thread ───────────────────────────────────────────────────────────────────────

async function functionOf(module: TaskModule<unknown>, name: string): Promise<(...args: unknown[]) => unknown> {
  const loaded: Record<string, unknown> = await import(module.url);
  const fn = loaded[name];
  if (typeof fn !== 'function') throw new Error(`${module.url} exports no task ${name}`);
  return fn as (...args: unknown[]) => unknown;
}

async function* nothing(): AsyncGenerator<never> {}

function inlinePool(): WorkerPool {
  let closed = false;
  const check = (name: string) => {
    if (closed) throw new WorkerPoolError('WORKER_POOL_CLOSED', `the worker pool is closed: ${name} was not run`);
  };
  return {
    size: 0,
    async run(module, name, args) {
      check(name);
      return (await (
        await functionOf(module, name)
      )(...args)) as never;
    },
    async stream(module, name, args, io) {
      check(name);
      const streams: TaskStreams<unknown> = { input: io.input ?? nothing(), out: io.out, progress: (count) => io.onProgress?.(count) };
      return (await (
        await functionOf(module, name)
      )(streams, ...args)) as never;
    },
    async close() {
      closed = true;
    },
  };
}
