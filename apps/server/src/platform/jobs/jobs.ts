/**
 * Background jobs behind one interface: typed payloads, retries with exponential backoff,
 * de-duplication by job id. This is the in-process runner (embedded store, tests); a Redis-backed
 * runner can implement the same interface for several nodes.
 *
 * Modules declare their payloads by augmenting JobPayloads:
 *   declare module '../../platform/jobs/jobs.js' { interface JobPayloads { 'imports.run': { importId: string } } }
 */
import type { Logger } from '../logging.js';

// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging in each module
export interface JobPayloads {}
export type JobName = keyof JobPayloads & string;

export type JobContext = { attempt: number; jobId: string; signal: AbortSignal };
export type JobHandler<K extends JobName> = (payload: JobPayloads[K], ctx: JobContext) => Promise<void>;
export type JobOptions = { attempts?: number; backoffMs?: number; maxBackoffMs?: number; concurrency?: number };
export type EnqueueOptions = {
  jobId?: string;
  delayMs?: number;
  /**
   * Not kept in the job ledger: for a nudge whose work is kept elsewhere and done on a schedule
   * anyway (the CRM outbox's "deliver now"). It is dropped while the runner is unreachable.
   */
  transient?: boolean;
};

export interface JobQueue {
  register<K extends JobName>(name: K, handler: JobHandler<K>, opts?: JobOptions): void;
  /** Returns false when a job with the same id is already waiting or running. */
  enqueue<K extends JobName>(name: K, payload: JobPayloads[K], opts?: EnqueueOptions): Promise<boolean>;
  /**
   * Whether the runner remembers this id as a job that finished (BullMQ keeps finished ids for a
   * while and answers an enqueue of one as a duplicate; the in-process runner forgets them, so it
   * has no need of this). Lets the job ledger drop a row whose job already ran.
   */
  finished?(name: JobName, jobId: string): Promise<boolean>;
  /** Resolves when nothing is waiting, delayed or running (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Registered = { handler: JobHandler<JobName>; opts: Required<JobOptions>; running: number; waiting: Pending[] };
type Pending = { jobId: string; payload: unknown; attempt: number };

const DEFAULTS: Required<JobOptions> = { attempts: 5, backoffMs: 1000, maxBackoffMs: 5 * 60_000, concurrency: 1 };

export function createInProcessQueue(logger: Logger): JobQueue {
  const registry = new Map<string, Registered>();
  const known = new Set<string>(); // job ids waiting, delayed or running
  const timers = new Set<NodeJS.Timeout>();
  const controller = new AbortController();
  let busy = 0;
  let idleWaiters: (() => void)[] = [];
  let seq = 0;

  const checkIdle = () => {
    if (known.size === 0 && busy === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      for (const r of w) r();
    }
  };

  function pump(name: string) {
    const reg = registry.get(name);
    if (!reg || controller.signal.aborted) return;
    while (reg.running < reg.opts.concurrency && reg.waiting.length > 0) {
      const job = reg.waiting.shift() as Pending;
      reg.running++;
      busy++;
      void run(name, reg, job);
    }
  }

  async function run(name: string, reg: Registered, job: Pending) {
    const started = Date.now();
    try {
      await reg.handler(job.payload as never, { attempt: job.attempt, jobId: job.jobId, signal: controller.signal });
      known.delete(job.jobId);
      logger.debug({ job: name, jobId: job.jobId, attempt: job.attempt, ms: Date.now() - started }, 'job done');
    } catch (err) {
      if (job.attempt < reg.opts.attempts && !controller.signal.aborted) {
        const delay = Math.min(reg.opts.maxBackoffMs, reg.opts.backoffMs * 2 ** (job.attempt - 1));
        logger.warn({ err, job: name, jobId: job.jobId, attempt: job.attempt, retryInMs: delay }, 'job failed; will retry');
        schedule(name, { ...job, attempt: job.attempt + 1 }, delay);
      } else {
        logger.error({ err, job: name, jobId: job.jobId, attempt: job.attempt }, 'job failed for good');
        known.delete(job.jobId);
      }
    } finally {
      reg.running--;
      busy--;
      pump(name);
      checkIdle();
    }
  }

  function schedule(name: string, job: Pending, delayMs: number) {
    const reg = registry.get(name);
    if (!reg) throw new Error(`No handler registered for job ${name}`);
    if (delayMs <= 0) {
      reg.waiting.push(job);
      pump(name);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      reg.waiting.push(job);
      pump(name);
    }, delayMs);
    timers.add(timer);
  }

  return {
    register(name, handler, opts) {
      if (registry.has(name)) throw new Error(`Job ${name} is already registered`);
      registry.set(name, { handler: handler as JobHandler<JobName>, opts: { ...DEFAULTS, ...opts }, running: 0, waiting: [] });
    },
    async enqueue(name, payload, opts = {}) {
      if (controller.signal.aborted) throw new Error('The job queue is stopped');
      const jobId = opts.jobId ?? `${name}:${++seq}`;
      if (known.has(jobId)) return false;
      known.add(jobId);
      schedule(name, { jobId, payload, attempt: 1 }, opts.delayMs ?? 0);
      return true;
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    async stop() {
      controller.abort();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const reg of registry.values()) {
        for (const j of reg.waiting) known.delete(j.jobId);
        reg.waiting = [];
      }
      // Running handlers see the aborted signal; wait for them to return.
      while (busy > 0) await new Promise((r) => setTimeout(r, 20));
      known.clear();
      checkIdle();
    },
  };
}
