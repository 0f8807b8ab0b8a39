import { type SQL, sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';
import { users } from '../users/users.tables.js';

export const leads = pgTable(
  'leads',
  {
    id: id(),
    name: text('name').notNull(),
    /** E.164, e.g. +919876543210. */
    phone: text('phone').notNull(),
    email: text('email'),
    status: text('status').notNull().default('new'),
    score: integer('score'),
    language: text('language'),
    city: text('city'),
    timezone: text('timezone').notNull().default('Asia/Kolkata'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /**
     * Where the lead was first seen (manual, a file row, a CRM record). Later sources that merge
     * into it, and records other systems know it by, are in lead_identities.
     */
    originSource: text('origin_source').notNull().default('manual'),
    originExternalId: text('origin_external_id'),
    /** Lower-cased name, email and phone digits: one trigram index serves every search. */
    searchText: text('search_text').generatedAlwaysAs(
      (): SQL => sql`lower(${leads.name} || ' ' || coalesce(${leads.email}, '') || ' ' || replace(${leads.phone}, '+', ''))`,
    ),
    lastContactedAt: tstz('last_contacted_at'),
    /** When the current owner got the lead, and when anyone last worked it (notes, status, calls). */
    assignedAt: tstz('assigned_at'),
    lastTouchedAt: tstz('last_touched_at'),
    /** Field -> ISO time of the last edit made in TeleHub, so a source sync never overwrites a newer local edit. */
    fieldUpdatedAt: jsonb('field_updated_at').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** On the DND (NCPR) registry; categories are the customer's preferences (0 = fully blocked). */
    dnd: boolean('dnd').notNull().default(false),
    dndCategories: integer('dnd_categories').array(),
    dndCheckedAt: tstz('dnd_checked_at'),
    /** Set when this lead was merged into another (and soft-deleted). */
    mergedIntoId: uuid('merged_into_id'),
    /** Set when the person was erased (DPDP): the row stays, blank, so counts of past calls hold. */
    erasedAt: tstz('erased_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: tstz('deleted_at'),
  },
  (t) => [
    // One live lead per phone; deleted leads keep their number for history.
    uniqueIndex('leads_phone_live_key').on(t.phone).where(sql`${t.deletedAt} is null`),
    index('leads_email_live_idx').on(sql`lower(${t.email})`).where(sql`${t.deletedAt} is null and ${t.email} is not null`),
    index('leads_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('leads_owner_idx').on(t.ownerId, t.createdAt),
    index('leads_status_idx').on(t.status, t.createdAt),
    index('leads_created_idx').on(t.createdAt),
    index('leads_updated_idx').on(t.updatedAt),
    index('leads_tags_idx').using('gin', t.tags),
    index('leads_dnd_idx').on(t.dnd).where(sql`${t.dnd}`),
    index('leads_sla_idx').on(t.assignedAt).where(sql`${t.ownerId} is not null and ${t.deletedAt} is null`),
    check('leads_score_check', sql`${t.score} is null or (${t.score} between 0 and 100)`),
  ],
);

/** One row per source record, so several databases consolidate into one lead. */
export const leadIdentities = pgTable(
  'lead_identities',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    externalId: text('external_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    firstSeenAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lead_identities_source_external_key').on(t.source, t.externalId), index('lead_identities_lead_idx').on(t.leadId)],
);

/** The lead timeline: notes, status changes, assignments, merges, calls. */
export const activities = pgTable(
  'activities',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index('activities_lead_idx').on(t.leadId, t.createdAt)],
);

/** A merge of two leads, kept with what it did so it can be undone. */
export const leadMerges = pgTable(
  'lead_merges',
  {
    id: id(),
    survivorId: uuid('survivor_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    mergedId: uuid('merged_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** Both leads as they were before, and the rows moved to the survivor. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    undoneAt: tstz('undone_at'),
    undoneBy: uuid('undone_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('lead_merges_survivor_idx').on(t.survivorId), index('lead_merges_merged_idx').on(t.mergedId)],
);

/** Pairs someone marked as "not the same person", so they stop being suggested. */
export const duplicateDismissals = pgTable(
  'lead_duplicate_dismissals',
  {
    leadA: uuid('lead_a')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    leadB: uuid('lead_b')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.leadA, t.leadB] })],
);

/**
 * Rows staged for a bulk merge into the lead base (an import's parsed, validated rows), keyed by
 * the import. Nothing reaches the lead base until the whole file has parsed, so a broken file
 * changes nothing. (UNLOGGED in the migration: scratch data.)
 */
export const leadStaging = pgTable(
  'import_rows',
  {
    importId: uuid('import_id').notNull(),
    row: integer('row').notNull(),
    name: text('name'),
    phone: text('phone').notNull(),
    email: text('email'),
    status: text('status'),
    score: integer('score'),
    language: text('language'),
    city: text('city'),
    tags: text('tags').array(),
    externalId: text('external_id'),
    metadata: jsonb('metadata').$type<Record<string, string>>(),
    /**
     * Ids made by the importer for the lead this row may create and for its identity: generating
     * them in the database (gen_random_uuid) costs more than the rest of the insert on some hosts.
     */
    newLeadId: uuid('new_lead_id').notNull(),
    identityId: uuid('identity_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row] })],
);
