import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';
import { campaigns } from '../campaigns/campaigns.tables.js';
import { leads } from '../leads/leads.tables.js';
import { users } from '../users/users.tables.js';

export const calls = pgTable(
  'calls',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    direction: text('direction').notNull().default('outbound'),
    provider: text('provider').notNull(),
    providerCallId: text('provider_call_id'),
    status: text('status').notNull().default('queued'),
    startedAt: tstz('started_at'),
    answeredAt: tstz('answered_at'),
    endedAt: tstz('ended_at'),
    durationSeconds: integer('duration_seconds'),
    /** Talk time as the provider reported it; duration_seconds falls back to answer-to-end without it. */
    reportedDuration: integer('reported_duration'),
    disposition: text('disposition'),
    notes: text('notes'),
    recordingAvailable: boolean('recording_available').notNull().default(false),
    /** The provider's recording link, until the audio is fetched and stored encrypted. */
    recordingUrl: text('recording_url'),
    recordingNotice: boolean('recording_notice').notNull().default(false),
    callbackAt: tstz('callback_at'),
    hangupBy: text('hangup_by'),
    /** Ended and waiting for the agent's disposition. */
    wrapUpPending: boolean('wrap_up_pending').notNull().default(false),
    dispositionAt: tstz('disposition_at'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('calls_provider_call_key').on(t.provider, t.providerCallId),
    index('calls_lead_idx').on(t.leadId, t.createdAt),
    index('calls_agent_idx').on(t.agentId, t.createdAt),
    index('calls_status_idx').on(t.status),
    index('calls_open_idx').on(t.createdAt).where(sql`status in ('queued', 'dialing', 'ringing', 'in_progress')`),
  ],
);

/** Append-only raw provider events; unique per provider event for idempotency. */
export const callEvents = pgTable(
  'call_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    callId: uuid('call_id').references(() => calls.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    providerEventId: text('provider_event_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: createdAt(),
    appliedAt: tstz('applied_at'),
  },
  (t) => [uniqueIndex('call_events_provider_event_key').on(t.provider, t.providerEventId), index('call_events_call_idx').on(t.callId)],
);

/** The live transcript, one row per segment; `seq` orders a call's segments. */
export const transcriptSegments = pgTable(
  'transcript_segments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    speaker: text('speaker').notNull(),
    language: text('language').notNull(),
    text: text('text').notNull(),
    startMs: integer('start_ms').notNull(),
    endMs: integer('end_ms').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('transcript_segments_call_seq_key').on(t.callId, t.seq)],
);

/** Callbacks the agents promised: reminders that pop in the workspace when due. */
export const callbacks = pgTable(
  'callbacks',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    callId: uuid('call_id').references(() => calls.id, { onDelete: 'set null' }),
    dueAt: tstz('due_at').notNull(),
    notes: text('notes'),
    status: text('status').notNull().default('pending'),
    createdAt: createdAt(),
    closedAt: tstz('closed_at'),
  },
  (t) => [index('callbacks_agent_due_idx').on(t.agentId, t.status, t.dueAt), index('callbacks_lead_idx').on(t.leadId)],
);

/** Each agent's current state; the log below keeps the history for reports. */
export const agentPresence = pgTable('agent_presence', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  state: text('state').notNull(),
  reason: text('reason'),
  callId: uuid('call_id').references(() => calls.id, { onDelete: 'set null' }),
  since: tstz('since').notNull(),
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
    startedAt: tstz('started_at').notNull(),
    endedAt: tstz('ended_at'),
  },
  (t) => [index('agent_presence_log_user_idx').on(t.userId, t.startedAt)],
);

/** The consent ledger: the latest row per lead and purpose is what holds. */
export const consents = pgTable(
  'consents',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    granted: boolean('granted').notNull(),
    channel: text('channel').notNull(),
    evidence: text('evidence'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('consents_lead_idx').on(t.leadId, t.purpose, t.createdAt)],
);
