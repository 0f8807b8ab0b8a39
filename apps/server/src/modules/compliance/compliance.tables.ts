import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
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
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('consents_lead_idx').on(t.leadId, t.purpose, t.createdAt)],
);
