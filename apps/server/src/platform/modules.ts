/**
 * What a module's `register` function (in its index.ts door) may declare: its reactions to other
 * modules' domain events, its background jobs and its schedules. The composition root hands the
 * same registrar to every module and wires nothing itself.
 */
import { type DomainEventName, type DomainEventOutbox, outboxSchedules, type Reaction } from './events/domain.js';
import type { DurableJobQueue } from './jobs/durable.js';
import type { JobHandler, JobName, JobOptions, JobQueue } from './jobs/jobs.js';
import type { Scheduler, Task } from './jobs/scheduler.js';

export type Registrar = {
  /** A reaction to a domain event, run after the event's transaction commits, at least once. */
  on<K extends DomainEventName>(event: K, reaction: string, run: Reaction<K>): void;
  /** A background job's handler (one node runs each job). */
  job<K extends JobName>(name: K, handler: JobHandler<K>, opts?: JobOptions): void;
  /** A periodic task (one node at a time runs it, under a lease). */
  schedule(task: Task): void;
};

export function createRegistrar(deps: { events: DomainEventOutbox; jobs: JobQueue; scheduler: Scheduler }): Registrar {
  return {
    on: (event, reaction, run) => deps.events.on(event, reaction, run),
    job: (name, handler, opts) => deps.jobs.register(name, handler, opts),
    schedule: (task) => deps.scheduler.add(task),
  };
}

/** The domain-event outbox's sweep and pruning, declared like a module's schedules. */
export function registerOutbox(r: Registrar, events: DomainEventOutbox) {
  for (const task of outboxSchedules(events)) r.schedule(task);
}

/** The job ledger's sweep: hands the runner the jobs it lost or could not take. */
export function registerJobLedger(r: Registrar, jobs: Pick<DurableJobQueue, 'schedules'>) {
  for (const task of jobs.schedules()) r.schedule(task);
}
