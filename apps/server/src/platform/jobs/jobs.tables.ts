import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from '../db/columns.js';

/** Who runs a scheduled task right now; an expired lease may be taken by any node. */
export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: tstz('expires_at').notNull(),
});

/**
 * Every job accepted and not yet finished, kept in the database so that no accepted job depends on
 * the runner (Redis, or this process's memory) surviving. A job's row goes when its handler
 * succeeds or fails for good; a row the runner no longer holds is handed to it again.
 */
export const jobLedger = pgTable(
  'job_ledger',
  {
    jobId: text('job_id').primaryKey(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    runAfter: tstz('run_after').notNull(),
    /** When the runner last took it; null: it has not taken it yet (the runner was unreachable). */
    pushedAt: tstz('pushed_at'),
    pushes: integer('pushes').notNull().default(0),
    lastError: text('last_error'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('job_ledger_due_idx').on(t.pushedAt, t.runAfter)],
);
