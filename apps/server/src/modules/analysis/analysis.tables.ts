import type { CallAnalysis } from '@telehub/shared';
import { integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz, updatedAt } from '../../platform/db/columns.js';
import { calls } from '../calls/calls.tables.js';

/** What the analysis found in a call, as GET /calls/:id/analysis answers it (the fields besides status). */
export type StoredAnalysis = Omit<CallAnalysis, 'callId' | 'status' | 'error' | 'analyzedAt'>;

/** One row per analysed call: its latest analysis (re-run when the recording arrives after the transcript). */
export const callAnalyses = pgTable('call_analyses', {
  callId: uuid('call_id')
    .primaryKey()
    .references(() => calls.id, { onDelete: 'cascade' }),
  status: text('status').notNull(),
  result: jsonb('result').$type<StoredAnalysis>(),
  error: text('error'),
  /** Runs so far (a failed one is retried by the job queue). */
  runs: integer('runs').notNull().default(0),
  analyzedAt: tstz('analyzed_at'),
  updatedAt: updatedAt(),
});
