/**
 * The job queue chosen by config: the in-process runner on one node (no REDIS_URL), BullMQ on
 * Redis when several nodes share the work.
 */
import type { Logger } from '../logging.js';
import { createBullmqQueue } from './bullmq-queue.js';
import { createInProcessQueue, type JobName, type JobQueue } from './jobs.js';

export { type BullmqQueueOptions, createBullmqQueue } from './bullmq-queue.js';
export { createDurableJobQueue, type DurableJobQueue, isUnavailable } from './durable.js';
export type { EnqueueOptions, JobContext, JobHandler, JobName, JobOptions, JobPayloads, JobQueue } from './jobs.js';
export { createInProcessQueue } from './jobs.js';

export type JobQueueOptions = {
  /** REDIS_URL; unset means the in-process runner. */
  redisUrl?: string;
  logger: Logger;
  /** Key namespace in Redis (default `telehub`). */
  prefix?: string;
  /** Shown on the jobs this node processes and on its log lines. */
  nodeId?: string;
  /** Per job name: how long a completed id still counts as a duplicate (default one hour). */
  keepCompletedMsByJob?: Partial<Record<JobName, number>>;
  /** TELEHUB_JOB_WORKERS: false makes a node that only enqueues, for nodes with workers (Redis only). */
  workers?: boolean;
};

export function createJobQueue(opts: JobQueueOptions): JobQueue {
  if (!opts.redisUrl) {
    // In process, a job nobody here runs would never run at all.
    if (opts.workers === false) throw new Error('A node without job workers needs REDIS_URL');
    return createInProcessQueue(opts.logger);
  }
  return createBullmqQueue({
    redisUrl: opts.redisUrl,
    logger: opts.logger,
    prefix: opts.prefix,
    nodeId: opts.nodeId,
    keepCompletedMsByJob: opts.keepCompletedMsByJob,
    workers: opts.workers,
  });
}
