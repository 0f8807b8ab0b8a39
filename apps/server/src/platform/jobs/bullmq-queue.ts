/**
 * Background jobs across nodes on BullMQ (Redis): one BullMQ queue and one worker per job name,
 * so each name keeps its own concurrency. A job runs on one node at a time, whichever node
 * enqueued it, and a job id is unique across nodes.
 *
 * Differences from the in-process runner that callers should know:
 * - Payloads are stored as JSON: pass JSON-safe values (ISO strings, not Dates).
 * - Delivery is at-least-once: a node that dies mid-job leaves it to be picked up again by
 *   another node once its lock expires (BullMQ's stalled-job check). Handlers must be idempotent.
 * - A completed job id is remembered for `keepCompletedMs` (one hour by default), so the same id
 *   enqueued again within that window is a duplicate and does not run again. BullMQ trims old
 *   completed jobs only when a later job of the same name completes, so the window can be longer.
 *   Coalescing "kick" jobs that must run again right after finishing set 0 for their name.
 * - A job that failed for good is dropped at once, so enqueuing its id again runs it again.
 * - A node started without workers (an API-only node) only enqueues: its jobs wait in Redis until
 *   a node with workers for their name takes them.
 */
import { randomUUID } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logging.js';
import type { JobContext, JobHandler, JobName, JobOptions, JobQueue } from './jobs.js';

export type BullmqQueueOptions = {
  redisUrl: string;
  logger: Logger;
  /** Key namespace in Redis (default `telehub`); tests use a random one each. */
  prefix?: string;
  /** Shown on the jobs a node processes and on its log lines. */
  nodeId?: string;
  /** How long a completed job id keeps blocking the same id (default one hour). */
  keepCompletedMs?: number;
  /** Per job name overrides of keepCompletedMs. */
  keepCompletedMsByJob?: Partial<Record<JobName, number>>;
  /** How often idle() looks at the job counts (default 50 ms). */
  idlePollMs?: number;
  /**
   * Run the registered handlers on this node (default true). False makes a node that only
   * enqueues: register() keeps the handler's options but starts no worker.
   */
  workers?: boolean;
};

/** What a BullMQ job carries: the payload, the caller's id, and who created it. */
type Envelope = { payload: unknown; jobId: string | null; token: string };
/** `worker` is null on a node without workers. */
type Registered = { handler: JobHandler<JobName>; opts: Required<JobOptions>; worker: Worker<Envelope, void, string> | null };

const DEFAULTS: Required<JobOptions> = { attempts: 5, backoffMs: 1000, maxBackoffMs: 5 * 60_000, concurrency: 1 };
// The worker that holds the handler decides when to give up (its backoff strategy returns -1),
// so the node that enqueues needs no knowledge of the handler's options. BullMQ only consults
// that strategy while the job's own attempt count allows a retry, hence a ceiling nobody reaches.
const ATTEMPTS_CEILING = 1_000_000;
const BACKOFF_TYPE = 'telehub';
const HOUR_MS = 3_600_000;

/**
 * BullMQ refuses ids that contain ':' (except its own three-part ids) or look like integers, and
 * ours are often `import:<uuid>`: escape them reversibly and put a letter in front.
 */
export const toBullmqJobId = (id: string) => `j-${id.replace(/%/g, '%25').replace(/:/g, '%3A')}`;

export function createBullmqQueue(options: BullmqQueueOptions): JobQueue {
  const prefix = options.prefix ?? 'telehub';
  const nodeId = options.nodeId ?? randomUUID().slice(0, 8);
  const log = options.logger.child({ component: 'bullmq', nodeId });
  const pollMs = options.idlePollMs ?? 50;
  const runsJobs = options.workers ?? true;
  if (!runsJobs) log.info({ prefix }, 'job workers off: this node only enqueues, nodes with workers run the jobs');
  // One connection for every producer (Queue). An outage fails an enqueue fast (no offline queue,
  // a command time-out) instead of holding the caller's request; the job ledger keeps the job.
  const producer = new Redis(options.redisUrl, {
    connectionName: `telehub:${nodeId}:jobs`,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: 2_000,
    connectTimeout: 5_000,
  });
  producer.on('error', (err) => log.warn({ err }, 'redis job producer connection error'));
  // Workers block on Redis: BullMQ requires their commands never to give up (null).
  const workerConnection = { url: options.redisUrl, maxRetriesPerRequest: null };

  const queues = new Map<string, Queue<Envelope, void, string>>();
  const registry = new Map<string, Registered>();
  const controller = new AbortController();
  let stopped = false;
  // Every caller of stop() waits for the same shutdown.
  let stopping: Promise<void> | undefined;

  function queueFor(name: string): Queue<Envelope, void, string> {
    let q = queues.get(name);
    if (!q) {
      q = new Queue<Envelope, void, string>(name, { connection: producer, prefix });
      q.on('error', (err) => log.warn({ err, job: name }, 'job queue error'));
      queues.set(name, q);
    }
    return q;
  }

  function keepCompleted(name: JobName): number | boolean {
    const ms = options.keepCompletedMsByJob?.[name] ?? options.keepCompletedMs ?? HOUR_MS;
    return ms <= 0 ? true : Math.max(1, Math.ceil(ms / 1000));
  }

  const delayAfter = (opts: Required<JobOptions>, attempt: number) => Math.min(opts.maxBackoffMs, opts.backoffMs * 2 ** (attempt - 1));

  async function runJob(name: string, reg: Registered, job: Job<Envelope, void, string>, jobSignal?: AbortSignal): Promise<void> {
    const attempt = job.attemptsMade + 1;
    const jobId = job.data.jobId ?? `${name}:${job.id ?? ''}`;
    // Stopping the node and BullMQ's own cancellation both reach the handler.
    const signal = jobSignal ? AbortSignal.any([controller.signal, jobSignal]) : controller.signal;
    const ctx: JobContext = { attempt, jobId, signal };
    const started = Date.now();
    try {
      await reg.handler(job.data.payload as never, ctx);
    } catch (err) {
      if (attempt < reg.opts.attempts) {
        const why = controller.signal.aborted ? 'job interrupted by shutdown; will retry' : 'job failed; will retry';
        log.warn({ err, job: name, jobId, attempt, retryInMs: delayAfter(reg.opts, attempt) }, why);
      } else {
        log.error({ err, job: name, jobId, attempt }, 'job failed for good');
      }
      // BullMQ reads the name and message of what it catches.
      throw err instanceof Error ? err : new Error(String(err));
    }
    log.info({ job: name, jobId, attempt, ms: Date.now() - started }, 'job done');
  }

  return {
    register(name, handler, opts) {
      if (registry.has(name)) throw new Error(`Job ${name} is already registered`);
      if (stopped) throw new Error('The job queue is stopped');
      const merged = { ...DEFAULTS, ...opts };
      if (!runsJobs) {
        registry.set(name, { handler: handler as JobHandler<JobName>, opts: merged, worker: null });
        return;
      }
      const worker = new Worker<Envelope, void, string>(name, (job, _token, signal) => runJob(name, reg, job, signal), {
        connection: workerConnection,
        prefix,
        name: nodeId,
        concurrency: merged.concurrency,
        settings: {
          // Called with the number of attempts made so far, the failed one included.
          backoffStrategy: (attemptsMade: number) => (attemptsMade >= merged.attempts ? -1 : delayAfter(merged, attemptsMade)),
        },
      });
      const reg: Registered = { handler: handler as JobHandler<JobName>, opts: merged, worker };
      worker.on('error', (err) => log.warn({ err, job: name }, 'job worker error'));
      worker.on('stalled', (jobId) => log.warn({ job: name, jobId }, 'job stalled on a node; it will run again'));
      registry.set(name, reg);
    },

    async enqueue(name, payload, opts = {}) {
      if (stopped) throw new Error('The job queue is stopped');
      const q = queueFor(name);
      const token = randomUUID();
      const envelope: Envelope = { payload, jobId: opts.jobId ?? null, token };
      const job = await q.add(name, envelope, {
        jobId: opts.jobId === undefined ? undefined : toBullmqJobId(opts.jobId),
        delay: opts.delayMs && opts.delayMs > 0 ? opts.delayMs : undefined,
        attempts: ATTEMPTS_CEILING,
        backoff: { type: BACKOFF_TYPE },
        removeOnComplete: keepCompleted(name),
        removeOnFail: true,
      });
      if (opts.jobId === undefined || job.id === undefined) return true;
      // BullMQ answers a duplicate id with the job that already exists, without saying so. The
      // add is atomic, so the stored token tells whose add created the job. A job already gone
      // (it failed for good in between) cannot be told apart; it counts as enqueued.
      const stored = await q.getJob(job.id);
      return stored === undefined || stored.data.token === token;
    },

    async finished(name, jobId) {
      return (await queueFor(name).getJobState(toBullmqJobId(jobId))) === 'completed';
    },

    /**
     * Waits until no job of a name this node works is waiting, delayed or running, on any node.
     * A node without workers resolves at once: nothing runs here, and whether a worker node is up
     * to drain the queue is not its to know, so waiting could last for ever.
     */
    async idle() {
      if (!runsJobs) return;
      const names = [...registry.keys()];
      while (!stopped && names.length > 0) {
        const counts = await Promise.all(names.map((n) => queueFor(n).getJobCounts('waiting', 'prioritized', 'delayed', 'active')));
        if (counts.every((c) => Object.values(c).every((v) => v === 0))) return;
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },

    stop() {
      stopping ??= (async () => {
        stopped = true;
        // Handlers see the aborted signal; the workers then wait for them to return. A handler that
        // gives up because of it is retried later, on this node after a restart or on another.
        controller.abort();
        await Promise.allSettled([...registry.values()].map((r) => r.worker?.close()));
        await Promise.allSettled([...queues.values()].map((q) => q.close()));
        if (producer.status === 'ready') await producer.quit().catch(() => producer.disconnect());
        else producer.disconnect();
      })();
      return stopping;
    },
  };
}
