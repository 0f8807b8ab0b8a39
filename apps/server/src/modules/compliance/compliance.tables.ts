import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';
import { leads } from '../leads/leads.tables.js';
import { users } from '../users/users.tables.js';

/** The NCPR (DND) registry as imported: one row per number with the customer's preferences. */
export const dndRegistry = pgTable('dnd_registry', {
  phone: text('phone').primaryKey(),
  /** Preference "0": everything blocked except government and inferred-consent communication. */
  fullyBlocked: boolean('fully_blocked').notNull(),
  /** Blocked categories 1-8 (banking, real estate, education, health, consumer goods, communication, tourism, food). */
  categories: integer('categories').array().notNull(),
  /** Blocked modes when the list gives them (voice, sms, autodialer_recorded, autodialer_live, robocall). */
  modes: text('modes').array(),
  registeredAt: tstz('registered_at'),
  source: text('source'),
  updatedAt: updatedAt(),
});

/**
 * The notice shown before consent is asked (DPDP s.5), per purpose and version, in English and
 * Hindi. A version is never edited: a changed text is a new version, so every consent entry
 * names the exact words the person was shown.
 */
export const consentNotices = pgTable(
  'consent_notices',
  {
    id: id(),
    purpose: text('purpose').notNull(),
    version: integer('version').notNull(),
    textEn: text('text_en').notNull(),
    textHi: text('text_hi').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('consent_notices_purpose_version_key').on(t.purpose, t.version)],
);

/** The consent ledger: the latest row per lead and purpose is what holds; nothing is overwritten. */
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
    /** The notice the person was shown (null: given before notices were kept, or not on consent). */
    noticeId: uuid('notice_id').references(() => consentNotices.id, { onDelete: 'restrict' }),
    /** 'consent', or the legitimate use (DPDP s.7) the processing rests on instead. */
    lawfulBasis: text('lawful_basis').notNull().default('consent'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('consents_lead_idx').on(t.leadId, t.purpose, t.createdAt)],
);
