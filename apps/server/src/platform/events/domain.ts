/**
 * Domain events through a durable outbox. A module records an event in the same transaction as
 * the change it describes (`emit(tx, ...)`), so the event exists exactly when the change
 * committed; after the commit it calls `flush()`, which runs the reactions other modules declared
 * (`on(...)`). A crash between the commit and the flush loses nothing: a sweep (`flush()` on a
 * schedule) finds the event and runs it then. Each reaction runs at least once, so reactions must
 * be idempotent; one that fails is retried with backoff while the others are not run again.
 *
 * Reactions get the payloads of one or more events of a name at once (a sync creating a page of
 * leads is one reaction run, not a hundred). They run in the order they were declared, on
 * whichever node flushes; nothing is promised about the order of different events.
 *
 * Payloads carry ids, never personal data: the outbox is kept a week, and erasing a person must
 * not have to search it. Live notifications for screens (call.updated, presence) stay on the
 * EventBus, which is faster and may drop a message a reconnecting screen reads again anyway.
 *
 * Modules declare their events by augmenting DomainEvents:
 *   declare module '../../platform/events/domain.js' { interface DomainEvents { 'call.disposed': { callId: string } } }
 */
import { randomUUID } from 'node:crypto';
import { and, isNotNull, lt, sql } from 'drizzle-orm';
import type { Clock } from '../context.js';
import { type Db, rowsOf } from '../db/client.js';
import type { Logger } from '../logging.js';
import { domainEvents } from './domain.tables.js';

// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging in each module
export interface DomainEvents {}
export type DomainEventName = keyof DomainEvents & string;
export type Reaction<K extends DomainEventName> = (payloads: DomainEvents[K][]) => Promise<unknown>;

export type DomainEventsOptions = {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Names this node's claims. */
  nodeId?: string;
  /** Events claimed at a time. */
  batch?: number;
  /** How long a claim holds before another node may take the events over (a node died mid-run). */
  claimMs?: number;
};

export type FlushResult = { dispatched: number; failed: number };

export interface DomainEventOutbox {
  /** Declares a reaction; `reaction` names it in logs and in the outbox (unique per event). */
  on<K extends DomainEventName>(event: K, reaction: string, run: Reaction<K>): void;
  /** Records an event inside the caller's transaction. */
  emit<K extends DomainEventName>(tx: Db, event: K, payload: DomainEvents[K]): Promise<void>;
  /** Runs the reactions of every event due, here and now. Call it after commit, never inside a transaction. */
  flush(): Promise<FlushResult>;
  /** Deletes dispatched events older than `ms`. */
  prune(ms: number): Promise<number>;
  /** Events not yet dispatched, and the age of the oldest (for metrics and the operator). */
  backlog(): Promise<{ pending: number; oldestSeconds: number | null }>;
}

/** How long a flush holds the events it claimed before another may take them (a flush cut short by an outage leaves them claimed). */
export const DEFAULT_CLAIM_MS = 120_000;
const MAX_BACKOFF_MS = 15 * 60_000;
const backoffMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, attempts - 1));

type Claimed = { id: number; name: string; payload: Record<string, unknown>; done: string[]; attempts: number };

export function createDomainEvents(opts: DomainEventsOptions): DomainEventOutbox {
  const { db, clock, logger } = opts;
  const holder = `${opts.nodeId ?? 'node'}:${randomUUID().slice(0, 8)}`;
  const batch = opts.batch ?? 200;
  const claimMs = opts.claimMs ?? DEFAULT_CLAIM_MS;
  const reactions = new Map<string, { name: string; run: Reaction<DomainEventName> }[]>();

  async function claim(): Promise<Claimed[]> {
    const now = clock.now();
    return rowsOf<Claimed>(
      await db.execute(sql`
        update ${domainEvents} set claimed_by = ${holder}, claimed_until = ${new Date(now.getTime() + claimMs)}
        where id in (
          select id from ${domainEvents}
          where dispatched_at is null and next_attempt_at <= ${now} and (claimed_until is null or claimed_until < ${now})
          order by id limit ${batch} for update skip locked)
        returning id, name, payload, done, attempts`),
    ).sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Runs each reaction over the events of one name that it has not handled yet. */
  async function runGroup(name: string, rows: Claimed[]): Promise<Map<number, { done: string[]; error: string | null }>> {
    const outcome = new Map(rows.map((r) => [r.id, { done: [...(r.done ?? [])], error: null as string | null }]));
    for (const reaction of reactions.get(name) ?? []) {
      const todo = rows.filter((r) => !outcome.get(r.id)?.done.includes(reaction.name));
      if (todo.length === 0) continue;
      try {
        await reaction.run(todo.map((r) => r.payload as never));
        for (const r of todo) outcome.get(r.id)?.done.push(reaction.name);
      } catch (err) {
        const message = `${reaction.name}: ${err instanceof Error ? err.message : String(err)}`;
        for (const r of todo) {
          const o = outcome.get(r.id);
          if (o) o.error = o.error ? `${o.error}; ${message}` : message;
        }
        logger.warn({ err, event: name, reaction: reaction.name, events: todo.length }, 'reaction failed; it will be retried');
      }
    }
    return outcome;
  }

  async function settle(rows: Claimed[], outcome: Map<number, { done: string[]; error: string | null }>) {
    const now = clock.now();
    const values = rows.map((r) => {
      const o = outcome.get(r.id) ?? { done: r.done, error: null };
      const attempts = r.attempts + 1;
      return {
        id: r.id,
        done: o.done,
        attempts,
        dispatched: o.error === null,
        error: o.error,
        next: new Date(now.getTime() + (o.error === null ? 0 : backoffMs(attempts))).toISOString(),
      };
    });
    await db.execute(sql`
      update ${domainEvents} e set
        done = array(select jsonb_array_elements_text(v.done)),
        attempts = v.attempts,
        dispatched_at = case when v.dispatched then ${now}::timestamptz else null end,
        last_error = v.error,
        next_attempt_at = v.next,
        claimed_by = null,
        claimed_until = null
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
        as v(id bigint, done jsonb, attempts int, dispatched boolean, error text, next timestamptz)
      where e.id = v.id and e.claimed_by = ${holder}`);
  }

  return {
    on(event, reaction, run) {
      const list = reactions.get(event) ?? [];
      if (list.some((r) => r.name === reaction)) throw new Error(`Reaction ${reaction} to ${event} is already declared`);
      list.push({ name: reaction, run: run as Reaction<DomainEventName> });
      reactions.set(event, list);
    },

    async emit(tx, event, payload) {
      const now = clock.now();
      // A plain JSON copy: what a reaction reads back is what was stored, on any node.
      const stored = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
      await tx.insert(domainEvents).values({ name: event, payload: stored, createdAt: now, nextAttemptAt: now });
    },

    async flush() {
      let dispatched = 0;
      let failed = 0;
      for (;;) {
        const rows = await claim();
        if (rows.length === 0) return { dispatched, failed };
        const byName = new Map<string, Claimed[]>();
        for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
        const outcome = new Map<number, { done: string[]; error: string | null }>();
        for (const [name, group] of byName) for (const [id, o] of await runGroup(name, group)) outcome.set(id, o);
        await settle(rows, outcome);
        for (const o of outcome.values()) {
          if (o.error === null) dispatched++;
          else failed++;
        }
      }
    },

    async prune(ms) {
      const before = new Date(clock.now().getTime() - ms);
      const gone = await db
        .delete(domainEvents)
        .where(and(isNotNull(domainEvents.dispatchedAt), lt(domainEvents.dispatchedAt, before)))
        .returning({ id: domainEvents.id });
      return gone.length;
    },

    async backlog() {
      const [r] = rowsOf<{ pending: number; oldest: Date | string | null }>(
        await db.execute(sql`select count(*)::int as pending, min(created_at) as oldest from ${domainEvents} where dispatched_at is null`),
      );
      const oldest = r?.oldest ? new Date(r.oldest) : null;
      return {
        pending: Number(r?.pending ?? 0),
        oldestSeconds: oldest ? Math.max(0, Math.round((clock.now().getTime() - oldest.getTime()) / 1000)) : null,
      };
    },
  };
}

/** Retention of dispatched events. */
const KEEP_MS = 7 * 86_400_000;

/**
 * The outbox's own schedules: a sweep that runs what no flush ran (a node died after commit, a
 * reaction waits for its retry), and the weekly pruning. Returned as tasks for the scheduler.
 */
export function outboxSchedules(events: DomainEventOutbox) {
  return [
    { name: 'events.dispatch', everyMs: 5_000, leaseMs: 60_000, run: () => events.flush() },
    { name: 'events.prune', everyMs: 3_600_000, run: () => events.prune(KEEP_MS) },
  ];
}
