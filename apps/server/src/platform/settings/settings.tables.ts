import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { updatedAt } from '../db/columns.js';

/** Installation-wide values generated once and shared by every node (e.g. the token key). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});
