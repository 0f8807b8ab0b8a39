import type { PresenceNext } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { bigint, date, doublePrecision, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from '../../platform/db/columns.js';
import { calls } from '../calls/calls.tables.js';
import { leads } from '../leads/leads.tables.js';
import { teams, users } from '../users/users.tables.js';

/** Callbacks the agents promised: reminders that pop in the workspace when due. */
export const callbacks = pgTable(
  'callbacks',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    /** A missed call's team: its queue holds the callback while no agent has it. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    callId: uuid('call_id').references(() => calls.id, { onDelete: 'set null' }),
    /** wrap_up: promised on a call; missed_call: owed to a caller nobody answered. */
    source: text('source').notNull().default('wrap_up'),
    dueAt: tstz('due_at').notNull(),
    notes: text('notes'),
    status: text('status').notNull().default('pending'),
    createdAt: createdAt(),
    closedAt: tstz('closed_at'),
  },
  (t) => [
    index('callbacks_agent_due_idx').on(t.agentId, t.status, t.dueAt),
    index('callbacks_lead_idx').on(t.leadId),
    index('callbacks_team_due_idx').on(t.teamId, t.status, t.dueAt),
  ],
);

/** Each agent's current state; the log below keeps the history for reports. */
export const agentPresence = pgTable('agent_presence', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  state: text('state').notNull(),
  reason: text('reason'),
  callId: uuid('call_id').references(() => calls.id, { onDelete: 'set null' }),
  /** The running campaign the agent works (the dialer sends them its calls); null: click-to-call. */
  campaignId: uuid('campaign_id'),
  since: tstz('since').notNull(),
  /** Where the agent goes once their call (or the lines dialled for them) is done; null: back to available. */
  next: jsonb('next').$type<PresenceNext>(),
});

export const agentPresenceLog = pgTable(
  'agent_presence_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    state: text('state').notNull(),
    reason: text('reason'),
    callId: uuid('call_id'),
    campaignId: uuid('campaign_id'),
    startedAt: tstz('started_at').notNull(),
    endedAt: tstz('ended_at'),
  },
  (t) => [
    index('agent_presence_log_user_idx').on(t.userId, t.startedAt),
    // The one open row per agent: read for the time still running when a report sums the days.
    index('agent_presence_log_open_idx').on(t.userId).where(sql`ended_at is null`),
  ],
);

/**
 * Seconds per agent, state and day (in the organisation's zone) of the closed log rows, split at
 * midnight: what a report over a year reads instead of every state change. Kept by a trigger on
 * agent_presence_log as each row closes (migration 0026), so no writer can forget it.
 */
export const agentPresenceDays = pgTable(
  'agent_presence_days',
  {
    day: date('day').notNull(),
    userId: uuid('user_id').notNull(),
    state: text('state').notNull(),
    /** Fractional: the pieces of many rows add up before the report rounds them. */
    seconds: doublePrecision('seconds').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day, t.state] })],
);

/**
 * Leads an agent passed over in their queue, with why: left out of that agent's queue until
 * `expires_at` (the next reset time in India), so a reload does not bring them back on top.
 */
export const agentSkips = pgTable(
  'agent_skips',
  {
    id: id(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** language, wrong_time, needs_info, duplicate or other. */
    reason: text('reason').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('agent_skips_agent_idx').on(t.agentId, t.expiresAt), index('agent_skips_lead_idx').on(t.leadId)],
);
