import { pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from '../db/columns.js';

/** Who runs a scheduled task right now; an expired lease may be taken by any node. */
export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: tstz('expires_at').notNull(),
});
