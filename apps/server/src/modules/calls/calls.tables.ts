import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../platform/db/columns.js';
import { campaigns } from '../campaigns/campaigns.tables.js';
import { leads } from '../leads/leads.tables.js';
import { users } from '../users/users.tables.js';

export const calls = pgTable(
  'calls',
  {
    /**
     * Time-ordered (UUID version 7: the first 48 bits are the creation instant in milliseconds), so
     * the table can be partitioned by month on its key alone (`telehub calls partition`) while every
     * foreign key keeps pointing at `id`.
     */
    id: uuid('id').primaryKey().default(sql`telehub_uuid_v7()`),
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
    /** The disposition's finer reason (a code of its sub-dispositions), where one was chosen. */
    subDisposition: text('sub_disposition'),
    /** The agent's answer to the disposition's question, where it asks one. */
    wrapUpAnswer: text('wrap_up_answer'),
    notes: text('notes'),
    /** What the agent types while the call rings and runs (saved as they type), until the wrap-up takes it. */
    draftNote: text('draft_note'),
    draftNoteAt: tstz('draft_note_at'),
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
    /**
     * The server node whose process drives the call, for providers that keep calls in memory (the
     * simulator): once that node stops beating (call_nodes), nothing drives the call. Null when the
     * provider runs the call and any node may hear of it.
     */
    heldBy: text('held_by'),
    /** human, machine or unknown, where the provider detects answering machines. */
    answeredBy: text('answered_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Unique through call_provider_keys: a partitioned table can hold no unique key but its own.
    index('calls_provider_call_idx').on(t.provider, t.providerCallId),
    index('calls_lead_idx').on(t.leadId, t.createdAt),
    index('calls_agent_idx').on(t.agentId, t.createdAt),
    index('calls_status_idx').on(t.status),
    index('calls_campaign_idx').on(t.campaignId, t.createdAt),
    index('calls_open_idx').on(t.createdAt).where(sql`status in ('queued', 'dialing', 'ringing', 'in_progress')`),
  ],
);

/**
 * One row per provider call id, kept by a trigger on calls: the same provider call can never be
 * two calls, whether or not calls is partitioned (a partitioned table's unique keys must contain
 * its partition key, and the provider's id does not).
 */
export const callProviderKeys = pgTable(
  'call_provider_keys',
  {
    provider: text('provider').notNull(),
    providerCallId: text('provider_call_id').notNull(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerCallId] }), index('call_provider_keys_call_idx').on(t.callId)],
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
    /** live: heard during the call; recording: transcribed from its recording afterwards (a side the live transcript missed). */
    source: text('source').notNull().default('live'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('transcript_segments_call_seq_key').on(t.callId, t.seq)],
);

/** Server nodes that hold calls in memory, and when each last said it was alive (calls.nodes). */
export const callNodes = pgTable('call_nodes', {
  nodeId: text('node_id').primaryKey(),
  seenAt: tstz('seen_at').notNull(),
});
