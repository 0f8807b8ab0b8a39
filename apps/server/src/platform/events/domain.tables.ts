import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from '../db/columns.js';

/**
 * The durable outbox of domain events: written in the transaction that makes the change, so an
 * event exists exactly when its change committed. `done` names the reactions that have run, so a
 * retry runs only the ones that failed. Dispatched rows are kept a week, then pruned.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    done: text('done').array().notNull().default(sql`'{}'::text[]`),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    /** A dispatcher working on the row until `claimed_until`; after that any node may take it. */
    claimedBy: text('claimed_by'),
    claimedUntil: tstz('claimed_until'),
    lastError: text('last_error'),
    dispatchedAt: tstz('dispatched_at'),
  },
  (t) => [
    index('domain_events_due_idx').on(t.nextAttemptAt, t.id).where(sql`dispatched_at is null`),
    index('domain_events_dispatched_idx').on(t.dispatchedAt).where(sql`dispatched_at is not null`),
  ],
);
