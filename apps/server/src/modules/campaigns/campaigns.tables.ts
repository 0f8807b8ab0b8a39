import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
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
    status: text('status').notNull().default('queued'),
    priority: integer('priority').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: tstz('last_attempt_at'),
    nextAttemptAt: tstz('next_attempt_at'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.leadId] }), index('campaign_members_lead_idx').on(t.leadId)],
);
