import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz, updatedAt } from '../../platform/db/columns.js';

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
