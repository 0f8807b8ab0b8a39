import type { CallAnalysis } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
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

/**
 * One row per analysed call for finding it: its words (transcript and summary) folded to one
 * Latin spelling (Devanagari transliterated, spellings folded, each word's consonant skeleton
 * beside it), searched by PostgreSQL full text and trigrams, and the call's facets.
 */
export const callSearch = pgTable(
  'call_search',
  {
    callId: uuid('call_id')
      .primaryKey()
      .references(() => calls.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id'),
    campaignId: uuid('campaign_id'),
    leadId: uuid('lead_id').notNull(),
    answeredAt: tstz('answered_at'),
    /** The saved disposition, else the call's status. */
    outcome: text('outcome'),
    words: text('words').notNull(),
    /** The call's meaning as the configured embedding model sees it (null without one). */
    embedding: jsonb('embedding').$type<number[]>(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('call_search_words_fts_idx').using('gin', sql`to_tsvector('simple', ${t.words})`),
    index('call_search_words_trgm_idx').using('gin', t.words.op('gin_trgm_ops')),
    index('call_search_agent_idx').on(t.agentId, t.answeredAt),
    index('call_search_answered_idx').on(t.answeredAt),
  ],
);
