import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';
import { leads } from '../leads/leads.tables.js';
import { users } from '../users/users.tables.js';

/**
 * Every WhatsApp or email message to or from a lead. Outgoing ones move queued -> sent ->
 * delivered -> read (or failed / bounced), never backwards; incoming ones are `received`.
 */
export const messages = pgTable(
  'messages',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(), // whatsapp | email
    direction: text('direction').notNull(), // out | in
    status: text('status').notNull(), // queued | sent | delivered | read | failed | bounced | received
    /** Template name (out), null for free-form text and incoming messages. */
    template: text('template'),
    language: text('language'),
    category: text('category'),
    variables: jsonb('variables').$type<string[] | Record<string, string>>(),
    subject: text('subject'),
    /** What the lead reads (the filled template, the reply, or what they wrote to us). */
    body: text('body'),
    /** The phone (E.164) or email address it went to or came from. */
    address: text('address').notNull(),
    /** Meta's wamid, or the SMTP Message-ID. */
    providerMessageId: text('provider_message_id'),
    errorCode: text('error_code'),
    errorTitle: text('error_title'),
    attempts: integer('attempts').notNull().default(0),
    sentBy: uuid('sent_by').references(() => users.id, { onDelete: 'set null' }),
    originKind: text('origin_kind'),
    originId: text('origin_id'),
    /** Incoming: whether the lead's telecaller has opened it in the inbox. */
    seen: boolean('seen').notNull().default(false),
    sentAt: tstz('sent_at'),
    deliveredAt: tstz('delivered_at'),
    readAt: tstz('read_at'),
    failedAt: tstz('failed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('messages_lead_idx').on(t.leadId, t.createdAt),
    uniqueIndex('messages_provider_id_key').on(t.channel, t.providerMessageId).where(sql`${t.providerMessageId} is not null`),
    index('messages_inbox_idx').on(t.direction, t.seen, t.createdAt),
  ],
);

/** Approved WhatsApp templates as last synced from Meta, one row per name and language. */
export const whatsappTemplates = pgTable(
  'whatsapp_templates',
  {
    id: id(),
    name: text('name').notNull(),
    language: text('language').notNull(),
    status: text('status').notNull(),
    category: text('category').notNull(),
    bodyText: text('body_text').notNull(),
    variableCount: integer('variable_count').notNull(),
    sendable: boolean('sendable').notNull(),
    syncedAt: tstz('synced_at').notNull(),
  },
  (t) => [uniqueIndex('whatsapp_templates_name_language_key').on(t.name, t.language)],
);

/** Email templates admins write, in English and Hindi, with {{name}} variables. */
export const emailTemplates = pgTable(
  'email_templates',
  {
    id: id(),
    name: text('name').notNull(),
    language: text('language').notNull(), // en | hi
    category: text('category').notNull(), // transactional | marketing
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('email_templates_name_language_key').on(t.name, t.language)],
);
