import type { QaAnswer, QaSection } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';
import { calls } from '../calls/calls.tables.js';
import { campaigns } from '../campaigns/campaigns.tables.js';
import { users } from '../users/users.tables.js';

/** What an admin asks of every call: sections of weighted questions and how each is checked. */
export const qaScorecards = pgTable(
  'qa_scorecards',
  {
    id: id(),
    name: text('name').notNull(),
    description: text('description'),
    /** null: scores every call whose campaign has no scorecard of its own. */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    active: boolean('active').notNull().default(true),
    sections: jsonb('sections').$type<QaSection[]>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('qa_scorecards_campaign_idx').on(t.campaignId, t.active)],
);

/** A call's score: the automatic answers, and the reviewer's verdicts where they differ. */
export const callScores = pgTable(
  'call_scores',
  {
    callId: uuid('call_id')
      .primaryKey()
      .references(() => calls.id, { onDelete: 'cascade' }),
    /** The call's agent and campaign and when it was answered, kept here so queues and figures need not read the calls. */
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    campaignId: uuid('campaign_id'),
    callAt: tstz('call_at'),
    scorecardId: uuid('scorecard_id')
      .notNull()
      .references(() => qaScorecards.id, { onDelete: 'cascade' }),
    scorecardName: text('scorecard_name').notNull(),
    scorecardVersion: integer('scorecard_version').notNull(),
    answers: jsonb('answers').$type<QaAnswer[]>().notNull().default(sql`'[]'::jsonb`),
    autoScore: real('auto_score'),
    score: real('score'),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: tstz('reviewed_at'),
    reviewComment: text('review_comment'),
    scoredAt: tstz('scored_at').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('call_scores_agent_idx').on(t.agentId, t.callAt),
    index('call_scores_reviewed_idx').on(t.reviewedAt),
    index('call_scores_scorecard_idx').on(t.scorecardId),
  ],
);

/** A telecaller's disagreement with a call's score, and how a manager settled it. */
export const qaDisputes = pgTable(
  'qa_disputes',
  {
    id: id(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    raisedBy: uuid('raised_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    /** open, upheld or rejected. */
    status: text('status').notNull().default('open'),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolution: text('resolution'),
    createdAt: createdAt(),
    resolvedAt: tstz('resolved_at'),
  },
  (t) => [index('qa_disputes_call_idx').on(t.callId), index('qa_disputes_open_idx').on(t.status, t.createdAt)],
);

/**
 * Scored calls and the sum of their scores per agent and day of the call (in the organisation's
 * zone): a year's average score per telecaller from a few hundred rows per telecaller. Kept by a
 * trigger on call_scores (migration 0026), so reviews, rescoring and deletions all move it.
 */
export const qaScoreDays = pgTable(
  'qa_score_days',
  {
    day: date('day').notNull(),
    agentId: uuid('agent_id').notNull(),
    scored: integer('scored').notNull().default(0),
    scoreSum: doublePrecision('score_sum').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.day] })],
);
