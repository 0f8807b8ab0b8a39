/**
 * Periodic tasks (source syncs, SLA reassignment, outbox delivery). Several nodes may run the
 * same schedule: a lease row in the database lets one node at a time run a task.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../context.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logging.js';
import { createLeases } from './leases.js';

export type Task = {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
  /** Run once right after start. */
  immediate?: boolean;
  /**
   * How long a run may hold the task before another node may take it over, should this node die
   * mid-run; default twice the interval and at least 10 minutes. Frequent short tasks set less.
   */
  leaseMs?: number;
};

export interface Scheduler {
  add(task: Task): void;
  start(): void;
  stop(): Promise<void>;
  /** Runs a task now under its lease; false when another run holds it. */
  runNow(name: string): Promise<boolean>;
}

export function createScheduler(deps: { db: Db; clock: Clock; logger: Logger }): Scheduler {
  const holder = randomUUID();
  const tasks = new Map<string, Task>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let started = false;

  const leases = createLeases({ db: deps.db, clock: deps.clock, holder });
  const acquire = leases.acquire;
  const release = leases.release;

  async function runTask(task: Task): Promise<boolean> {
    if (!(await acquire(task.name, task.leaseMs ?? Math.max(2 * task.everyMs, 600_000)))) return false;
    const p = task
      .run()
      .catch((err) => deps.logger.error({ err, task: task.name }, 'scheduled task failed'))
      .finally(() => release(task.name).catch(() => undefined));
    running.add(p);
    try {
      await p;
    } finally {
      running.delete(p);
    }
    return true;
  }

  function arm(task: Task, delay: number) {
    const timer = setTimeout(async () => {
      timers.delete(timer);
      try {
        await runTask(task);
      } catch (err) {
        deps.logger.error({ err, task: task.name }, 'could not run scheduled task');
      }
      if (started) arm(task, task.everyMs);
    }, delay);
    timer.unref();
    timers.add(timer);
  }

  return {
    add(task) {
      if (tasks.has(task.name)) throw new Error(`Task ${task.name} is already scheduled`);
      tasks.set(task.name, task);
      if (started) arm(task, task.immediate ? 0 : task.everyMs);
    },
    start() {
      if (started) return;
      started = true;
      for (const t of tasks.values()) arm(t, t.immediate ? 0 : t.everyMs);
    },
    async stop() {
      started = false;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...running]);
    },
    async runNow(name) {
      const task = tasks.get(name);
      if (!task) throw new Error(`No task ${name}`);
      return runTask(task);
    },
  };
}
