import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Settings an admin changed in the product, by environment-variable name: each overrides the
 * environment's value on every node. A secret is kept only sealed (AES-256-GCM under the
 * recording keyring's current key), never as text.
 */
export const settingOverrides = pgTable('setting_overrides', {
  name: text('name').primaryKey(),
  value: text('value'),
  sealed: text('sealed'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
export type SettingOverrideRow = typeof settingOverrides.$inferSelect;
