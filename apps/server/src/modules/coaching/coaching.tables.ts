import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, real, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';
import { users } from '../users/users.tables.js';

export type CoachingResult = { value: number; calls: number; moved: 'up' | 'down' | 'flat'; measuredAt: string };

/**
 * One thing a telecaller works on: a skill, where they stood against the team when it was set,
 * the calls that show it, and, after the next calls, whether it moved.
 */
export const coachingItems = pgTable(
  'coaching_items',
  {
    id: id(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skill: text('skill').notNull(),
    note: text('note'),
    /** engine (suggested from the figures) or manager (assigned). */
    source: text('source').notNull(),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    /** open, measured or dismissed. */
    status: text('status').notNull().default('open'),
    baseline: real('baseline'),
    teamBaseline: real('team_baseline'),
    baselineCalls: integer('baseline_calls').notNull().default(0),
    /** The skill is measured again once this many calls that show it have been made since. */
    measureAfterCalls: integer('measure_after_calls').notNull().default(10),
    examples: jsonb('examples').$type<{ own: string[]; best: string[] }>().notNull().default(sql`'{"own":[],"best":[]}'::jsonb`),
    result: jsonb('result').$type<CoachingResult>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: tstz('closed_at'),
  },
  (t) => [index('coaching_items_agent_idx').on(t.agentId, t.status), index('coaching_items_open_idx').on(t.status, t.createdAt)],
);
