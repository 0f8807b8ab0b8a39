import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';
import { leads } from '../leads/leads.tables.js';
import { users } from '../users/users.tables.js';

/**
 * A data principal's request (DPDP ss.11-14): access, correction, erasure, grievance or
 * nomination, with its due date and status. The row outlives an erasure (it is the proof the
 * erasure was asked for and done); what the person wrote and what was exported are blanked then.
 */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: id(),
    type: text('type').notNull(),
    status: text('status').notNull().default('open'),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'restrict' }),
    /** How the request reached us: phone, email, web form, letter, in person. */
    channel: text('channel').notNull(),
    /** What the person asked, in their words (blanked on erasure). */
    details: text('details'),
    /** Type-specific input: the corrections asked for, the nominee. Blanked on erasure. */
    input: jsonb('input').$type<Record<string, unknown>>().notNull().default({}),
    /** What completing did: fields changed (before and after), counts erased, the resolution. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** The access export as handed over (JSON of every holder); dropped on erasure. */
    export: jsonb('export').$type<Record<string, unknown>>(),
    rejectReason: text('reject_reason'),
    dueAt: tstz('due_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    closedAt: tstz('closed_at'),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
  },
  (t) => [index('privacy_requests_status_due_idx').on(t.status, t.dueAt), index('privacy_requests_lead_idx').on(t.leadId, t.createdAt)],
);

/** What was done on a request, in order: opened, started, blocked by a hold, completed, exported... */
export const privacyRequestActions = pgTable(
  'privacy_request_actions',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => privacyRequests.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: createdAt(),
  },
  (t) => [index('privacy_request_actions_request_idx').on(t.requestId, t.at)],
);

/** A legal hold: while one is active on a lead, its data is neither erased nor removed by retention. */
export const legalHolds = pgTable(
  'legal_holds',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'restrict' }),
    reason: text('reason').notNull(),
    placedBy: uuid('placed_by').references(() => users.id, { onDelete: 'set null' }),
    placedAt: createdAt(),
    liftedAt: tstz('lifted_at'),
    liftedBy: uuid('lifted_by').references(() => users.id, { onDelete: 'set null' }),
    liftReason: text('lift_reason'),
  },
  (t) => [uniqueIndex('legal_holds_active_key').on(t.leadId).where(sql`lifted_at is null`)],
);

/**
 * What is left of an erased person: the request, when, and a keyed hash of the phone number
 * (never the number), so a later import of the same number can be flagged.
 */
export const erasureTombstones = pgTable(
  'erasure_tombstones',
  {
    id: id(),
    requestId: uuid('request_id').references(() => privacyRequests.id, { onDelete: 'set null' }),
    phoneHash: text('phone_hash').notNull(),
    erasedAt: tstz('erased_at').notNull(),
  },
  (t) => [index('erasure_tombstones_phone_idx').on(t.phoneHash)],
);

/** How long each kind of data is kept, in days (null: kept until erased). */
export const retentionPolicies = pgTable('retention_policies', {
  kind: text('kind').primaryKey(),
  days: integer('days'),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
});

/** One run of the retention job: the cut-off of each kind, and what it removed. */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: id(),
    trigger: text('trigger').notNull(),
    startedAt: tstz('started_at').notNull(),
    finishedAt: tstz('finished_at'),
    cutoffs: jsonb('cutoffs').$type<Record<string, string>>().notNull().default({}),
    removed: jsonb('removed').$type<Record<string, number>>().notNull().default({}),
    heldLeads: integer('held_leads').notNull().default(0),
    error: text('error'),
  },
  (t) => [index('retention_runs_started_idx').on(t.startedAt)],
);

/**
 * The processing log (DPDP Rules 6 and 8): who processed whose data, how and for what purpose.
 * Kept at least a year; no foreign key to the lead, so nothing about the lead removes an entry.
 */
export const processingLog = pgTable(
  'processing_log',
  {
    id: id(),
    at: tstz('at').notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    leadId: uuid('lead_id'),
    action: text('action').notNull(),
    purpose: text('purpose').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('processing_log_at_idx').on(t.at), index('processing_log_lead_idx').on(t.leadId, t.at)],
);
