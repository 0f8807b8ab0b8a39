import type { RetryRules, ScriptStage } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, real, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';
import { leads } from '../leads/leads.tables.js';

export const campaigns = pgTable('campaigns', {
  id: id(),
  name: text('name').notNull(),
  description: text('description'),
  targetSegment: jsonb('target_segment').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  scriptTemplate: text('script_template'),
  active: boolean('active').notNull().default(true),
  startDate: date('start_date'),
  endDate: date('end_date'),
  timezone: text('timezone').notNull().default('Asia/Kolkata'),
  /** HH:MM-HH:MM in the lead's time zone; null: TELEHUB_CALLING_HOURS. */
  callingHours: text('calling_hours'),
  requiresConsent: boolean('requires_consent').notNull().default(false),
  /** null: TELEHUB_MAX_ATTEMPTS_PER_DAY. */
  maxAttemptsPerDay: integer('max_attempts_per_day'),
  /** draft, running, paused, stopped, archived (`active` is false once archived). */
  status: text('status').notNull().default('draft'),
  dialMode: text('dial_mode').notNull().default('preview'),
  /** power: lines per free agent. */
  ratio: real('ratio').notNull().default(2),
  maxAbandonRate: real('max_abandon_rate').notNull().default(0.03),
  priority: integer('priority').notNull().default(0),
  teamIds: jsonb('team_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  agentIds: jsonb('agent_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  /** Whether target_segment is in use: a campaign may work explicit lists only. */
  segmentOn: boolean('segment_on').notNull().default(false),
  retry: jsonb('retry').$type<RetryRules | null>(),
  script: jsonb('script').$type<ScriptStage[]>().notNull().default(sql`'[]'::jsonb`),
  /** Disposition codes offered in the campaign; null: all. */
  dispositions: jsonb('dispositions').$type<string[] | null>(),
  wrapUpSeconds: integer('wrap_up_seconds').notNull().default(30),
  /** When the segment was last turned into queue rows. */
  segmentRefreshedAt: tstz('segment_refreshed_at'),
  /** What the campaign cost in rupees (calls, staff, lists), as a manager entered it; reports divide it by conversions. */
  cost: numeric('cost', { precision: 14, scale: 2, mode: 'number' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The dial queue: which leads a campaign works, and where each stands. */
export const campaignMembers = pgTable(
  'campaign_members',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** pending, in_flight, retry, done, exhausted. */
    status: text('status').notNull().default('pending'),
    priority: integer('priority').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    /** Attempts per retry outcome (no_answer, busy, failed, machine). */
    outcomes: jsonb('outcomes').$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
    lastAttemptAt: tstz('last_attempt_at'),
    nextAttemptAt: tstz('next_attempt_at'),
    /** How the last attempt ended, or why the gates refused it. */
    lastOutcome: text('last_outcome'),
    /** The node that leased it for a dial, and until when. */
    leasedBy: text('leased_by'),
    leasedUntil: tstz('leased_until'),
    callId: uuid('call_id'),
    /** A callback promised to the lead is due: it goes first. */
    callback: boolean('callback').notNull().default(false),
    /** Answered with nobody to take it: the predictive pacer leaves the lead alone for 72 hours. */
    abandonedAt: tstz('abandoned_at'),
    /** segment or list: a lead the segment no longer matches leaves only if it came by the segment. */
    origin: text('origin').notNull().default('list'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.leadId] }),
    index('campaign_members_lead_idx').on(t.leadId),
    index('campaign_members_due_idx').on(t.campaignId, t.status, t.nextAttemptAt),
  ],
);
