import { bigint, date, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { updatedAt } from '../../platform/db/columns.js';

/**
 * Language-model spend per day (the day in India), shared by every node: `reserved` is what
 * requests in flight hold against the day's budget until they settle with what the vendor counted.
 */
export const llmUsage = pgTable('llm_usage', {
  day: date('day', { mode: 'string' }).primaryKey(),
  /** Settled tokens: the vendor's count, or our estimate where it gave none. */
  tokens: bigint('tokens', { mode: 'number' }).notNull().default(0),
  reserved: bigint('reserved', { mode: 'number' }).notNull().default(0),
  promptTokens: bigint('prompt_tokens', { mode: 'number' }).notNull().default(0),
  completionTokens: bigint('completion_tokens', { mode: 'number' }).notNull().default(0),
  /** Requests sent to the vendor, whatever came of them. */
  requests: integer('requests').notNull().default(0),
  /** Estimated spend, in the currency of LLM_COST_PER_1K_TOKENS (0 without a price). */
  cost: doublePrecision('cost').notNull().default(0),
  updatedAt: updatedAt(),
});

/**
 * The same per phone call, for the per-call budget. No foreign key: usage is counted before and
 * apart from the call's own rows, and rows are pruned a couple of days after the call.
 */
export const llmCallUsage = pgTable(
  'llm_call_usage',
  {
    callId: text('call_id').primaryKey(),
    tokens: bigint('tokens', { mode: 'number' }).notNull().default(0),
    reserved: bigint('reserved', { mode: 'number' }).notNull().default(0),
    requests: integer('requests').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [index('llm_call_usage_updated_idx').on(t.updatedAt)],
);
