import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';
import { leads } from '../leads/leads.tables.js';
import { users } from '../users/users.tables.js';

/** Where each connector stands: its cursor and the outcome of its last run. */
export const syncState = pgTable('sync_state', {
  source: text('source').primaryKey(),
  cursor: text('cursor'),
  /** Connector-specific position inside a run (e.g. the next page), so a failed run resumes. */
  checkpoint: jsonb('checkpoint').$type<Record<string, unknown>>(),
  status: text('status').notNull().default('idle'),
  lastRunAt: tstz('last_run_at'),
  lastSuccessAt: tstz('last_success_at'),
  lastError: text('last_error'),
  lastSummary: jsonb('last_summary').$type<Record<string, unknown>>(),
  config: jsonb('config').$type<Record<string, unknown>>(),
  updatedAt: updatedAt(),
});

/** The history of sync runs, newest first in Settings > Sources. */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: id(),
    source: text('source').notNull(),
    trigger: text('trigger').notNull(),
    status: text('status').notNull(),
    fetched: integer('fetched').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    cursor: text('cursor'),
    error: text('error'),
    errors: jsonb('errors').$type<{ externalId: string | null; reason: string }[]>().notNull().default(sql`'[]'::jsonb`),
    startedAt: tstz('started_at').notNull(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [index('sync_runs_source_idx').on(t.source, t.startedAt)],
);

/** Messages to outside systems, kept until the receiver accepts them (write-back to the CRM). */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topic: text('topic').notNull(),
    /** Idempotency key: one message per (topic, key). */
    key: text('key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** The lead the message is about, so it follows merges and leaves with an erased person. */
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: tstz('delivered_at'),
  },
  (t) => [uniqueIndex('outbox_topic_key').on(t.topic, t.key), index('outbox_due_idx').on(t.status, t.nextAttemptAt), index('outbox_lead_idx').on(t.leadId)],
);

/** Users of an outside system (CRM) and the TeleHub user each is linked to. */
export const externalUsers = pgTable(
  'external_users',
  {
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name'),
    email: text('email'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.source, t.externalId] })],
);

/** Events consumed from a message queue, so a redelivered event is applied once. */
export const consumedEvents = pgTable(
  'consumed_events',
  {
    source: text('source').notNull(),
    eventId: text('event_id').notNull(),
    consumedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.source, t.eventId] })],
);
