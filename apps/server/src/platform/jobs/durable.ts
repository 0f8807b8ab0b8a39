/**
 * Jobs that survive their runner. Every accepted job is first written to the database (the job
 * ledger), then handed to the runner (BullMQ on Redis, or this process's queue). So:
 * - Redis down: enqueue still answers at once (the hand-over is bounded by a time-out); the job
 *   waits in the ledger and is handed over when Redis is back.
 * - Redis restarted without its data, or the process killed with jobs in memory: the ledger still
 *   holds them, and a sweep hands them over again.
 * - A handler that fails for good because the database or Redis was unreachable keeps its row, and
 *   runs again once they answer; any other failure for good ends the job, as before.
 * A row goes when its handler succeeds (or fails for good on its own). Delivery stays
 * at-least-once, as with BullMQ alone: handlers are idempotent.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Clock } from '../context.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logging.js';
import { within } from '../timeout.js';
import type { EnqueueOptions, JobHandler, JobName, JobOptions, JobPayloads, JobQueue } from './jobs.js';
import { jobLedger } from './jobs.tables.js';
import type { Task } from './scheduler.js';

export type DurableJobQueue = JobQueue & {
  /**
   * Hands the runner every due job it may have lost. `all` also takes the ones handed over
   * recently (at start-up, when an in-process runner holds nothing yet).
   */
  redeliver(opts?: { all?: boolean }): Promise<number>;
  /** Jobs accepted and not finished, and how many of them the runner has not taken yet. */
  backlog(): Promise<{ pending: number; notHandedOver: number }>;
  /** The ledger's sweep, for the scheduler. */
  schedules(): Task[];
};

export type DurableJobsOptions = {
  inner: JobQueue;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The longest a hand-over to the runner may take before the job is left to the sweep. */
  handOverTimeoutMs?: number;
  /** How often the sweep runs (a job the runner lost is handed over again within two of these). */
  sweepEveryMs?: number;
};

const DEFAULT_HANDOVER_MS = 2_000;
const DEFAULT_SWEEP_MS = 15_000;
/** A row still here this long after it was accepted is given up (it can no longer be told apart from a lost duplicate). */
const GIVE_UP_MS = 7 * 86_400_000;
const SWEEP_BATCH = 500;

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /connection is closed/i,
  /timeout exceeded when trying to connect/i,
  /command timed out/i,
  /stream isn't writeable/i,
  /max retries per request/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /client has encountered a connection error/i,
  /connect ECONNREFUSED/i,
];

/**
 * Whether an error says a dependency (the database, Redis) could not be reached, rather than
 * anything about the work itself. Looks through `cause` chains (drizzle wraps driver errors).
 */
export function isUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || /^08/.test(e.code) || /^57P0[123]$/.test(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isUnavailable(x, depth + 1))) return true;
  return isUnavailable(e.cause, depth + 1);
}

class HandOverTimeout extends Error {
  constructor(ms: number) {
    super(`The job runner did not take the job within ${ms} ms`);
    this.name = 'HandOverTimeout';
  }
}

export function createDurableJobQueue(opts: DurableJobsOptions): DurableJobQueue {
  const { inner, db, clock, logger } = opts;
  const log = logger.child({ component: 'jobs' });
  const handOverMs = opts.handOverTimeoutMs ?? DEFAULT_HANDOVER_MS;
  const sweepMs = opts.sweepEveryMs ?? DEFAULT_SWEEP_MS;
  const attemptsOf = new Map<string, number>();

  async function forget(jobId: string) {
    // A row that cannot be deleted now (the database went away) makes the job run again later:
    // at-least-once, never lost. Try a few times before leaving it to that.
    for (let i = 0; i < 3; i++) {
      try {
        await db.delete(jobLedger).where(eq(jobLedger.jobId, jobId));
        return;
      } catch (err) {
        if (i === 2) log.warn({ err, jobId }, 'finished job still in the ledger; it may run again');
        else await new Promise((r) => setTimeout(r, 200 * (i + 1)));
      }
    }
  }

  /** Gives the runner a job; false when it could not be reached in time (the row waits for the sweep). */
  async function handOver(name: JobName, payload: unknown, jobId: string, delayMs: number): Promise<'taken' | 'duplicate' | 'unreachable'> {
    try {
      const fresh = await within(inner.enqueue(name, payload as never, { jobId, delayMs }), handOverMs, () => new HandOverTimeout(handOverMs));
      return fresh ? 'taken' : 'duplicate';
    } catch (err) {
      log.warn({ err, job: name, jobId }, 'job runner unreachable; the job waits in the database and is handed over when it answers');
      return 'unreachable';
    }
  }

  /**
   * Whether the runner holds this id as a job that already finished, so that its row only stands
   * in for work done (its deletion failed, or the id was enqueued again while the runner was out
   * of reach). Unknown counts as not finished: the row stays and is asked about again.
   */
  async function alreadyFinished(name: JobName, jobId: string): Promise<boolean> {
    if (!inner.finished) return false;
    try {
      return await within(inner.finished(name, jobId), handOverMs, () => new HandOverTimeout(handOverMs));
    } catch {
      return false;
    }
  }

  const queue: DurableJobQueue = {
    register<K extends JobName>(name: K, handler: JobHandler<K>, jobOpts?: JobOptions) {
      const attempts = jobOpts?.attempts ?? 5;
      attemptsOf.set(name, attempts);
      const wrapped: JobHandler<K> = async (payload, ctx) => {
        try {
          await handler(payload, ctx);
        } catch (err) {
          if (ctx.attempt >= attempts) {
            if (isUnavailable(err) || ctx.signal.aborted) {
              log.warn({ err, job: name, jobId: ctx.jobId }, 'job gave up while a dependency was unreachable; it runs again later');
              await db
                .update(jobLedger)
                .set({ pushedAt: null, lastError: String(err instanceof Error ? err.message : err).slice(0, 500) })
                .where(eq(jobLedger.jobId, ctx.jobId))
                .catch(() => undefined);
            } else {
              await forget(ctx.jobId);
            }
          }
          throw err;
        }
        await forget(ctx.jobId);
      };
      inner.register(name, wrapped, jobOpts);
    },

    async enqueue<K extends JobName>(name: K, payload: JobPayloads[K], enqueueOpts: EnqueueOptions = {}) {
      const jobId = enqueueOpts.jobId ?? `${name}:${randomUUID()}`;
      const delayMs = Math.max(0, enqueueOpts.delayMs ?? 0);
      if (enqueueOpts.transient) return (await handOver(name, payload, jobId, delayMs)) === 'taken';
      const now = clock.now();
      // A plain JSON copy, as the runner on Redis would store it.
      const stored = JSON.parse(JSON.stringify(payload ?? null)) as unknown;
      const inserted = await db
        .insert(jobLedger)
        .values({ jobId, name, payload: stored, runAfter: new Date(now.getTime() + delayMs), pushedAt: now, pushes: 1 })
        // A row left for the sweep (its runner was unreachable, or it gave up while a dependency
        // was) is taken over by this enqueue and handed over now.
        .onConflictDoUpdate({
          target: jobLedger.jobId,
          set: { payload: stored, runAfter: new Date(now.getTime() + delayMs), pushedAt: now, pushes: sql`${jobLedger.pushes} + 1` },
          where: isNull(jobLedger.pushedAt),
        })
        .returning({ jobId: jobLedger.jobId, pushes: jobLedger.pushes });
      // Already accepted, handed over and not finished: the same job, waiting or running.
      if (inserted.length === 0) return false;
      const takenOver = (inserted[0]?.pushes ?? 1) > 1;
      const outcome = await handOver(name, payload, jobId, delayMs);
      if (outcome === 'duplicate') {
        // A new row the runner answers as a duplicate is a job it remembers as done (BullMQ keeps
        // finished ids a while): as before the ledger, a duplicate of a finished job does not run
        // again. A row taken over may be one the runner still holds (waiting or running), which
        // removes the row when it finishes; or one it finished, which goes now.
        const done = !takenOver || (await alreadyFinished(name, jobId));
        if (done) await forget(jobId);
        return !done;
      }
      if (outcome === 'unreachable') await db.update(jobLedger).set({ pushedAt: null }).where(eq(jobLedger.jobId, jobId));
      return true;
    },

    async redeliver(o = {}) {
      const now = clock.now();
      const staleBefore = new Date(now.getTime() - 4 * sweepMs);
      const rows = await db
        .select()
        .from(jobLedger)
        .where(
          and(
            lte(jobLedger.runAfter, new Date(now.getTime() + 4 * sweepMs)),
            o.all ? undefined : or(isNull(jobLedger.pushedAt), lt(jobLedger.pushedAt, staleBefore)),
          ),
        )
        .orderBy(sql`${jobLedger.pushedAt} asc nulls first`, asc(jobLedger.createdAt))
        .limit(SWEEP_BATCH);
      let handed = 0;
      for (const row of rows) {
        if (now.getTime() - row.createdAt.getTime() > GIVE_UP_MS) {
          log.error({ job: row.name, jobId: row.jobId, lastError: row.lastError }, 'job never finished in a week; given up');
          await forget(row.jobId);
          continue;
        }
        const delayMs = Math.max(0, row.runAfter.getTime() - now.getTime());
        const outcome = await handOver(row.name as JobName, row.payload, row.jobId, delayMs);
        if (outcome === 'unreachable') break; // the runner is still down: try the rest next time
        // A job the runner finished while its row stayed (its deletion failed, or the same id came
        // again while the runner was out of reach) would otherwise be handed over, and answered
        // as a duplicate, every sweep until the runner forgets the id, and then run again.
        if (outcome === 'duplicate' && (await alreadyFinished(row.name as JobName, row.jobId))) {
          await forget(row.jobId);
          continue;
        }
        await db
          .update(jobLedger)
          .set({ pushedAt: now, pushes: sql`${jobLedger.pushes} + 1` })
          .where(eq(jobLedger.jobId, row.jobId));
        if (outcome === 'taken') handed++;
      }
      if (handed > 0) log.info({ jobs: handed }, 'handed waiting jobs to the runner again');
      return handed;
    },

    async backlog() {
      const [r] = await db
        .select({ pending: sql<number>`count(*)::int`, notHandedOver: sql<number>`count(*) filter (where ${jobLedger.pushedAt} is null)::int` })
        .from(jobLedger);
      return { pending: Number(r?.pending ?? 0), notHandedOver: Number(r?.notHandedOver ?? 0) };
    },

    schedules() {
      let first = true;
      return [
        {
          name: 'jobs.redeliver',
          everyMs: sweepMs,
          leaseMs: Math.max(60_000, 4 * sweepMs),
          run: async () => {
            // The first pass after start-up hands over everything due: an in-process runner
            // starts empty, and BullMQ ignores the ids it already holds.
            const all = first;
            first = false;
            await queue.redeliver({ all });
          },
        },
      ];
    },

    idle: () => inner.idle(),
    stop: () => inner.stop(),
  };
  return queue;
}
