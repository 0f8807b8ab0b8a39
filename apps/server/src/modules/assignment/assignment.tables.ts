import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { campaigns } from '../campaigns/campaigns.tables.js';
import { teams, users } from '../users/users.tables.js';

/**
 * Which telecallers get which new or unowned leads. The first active rule (by priority) whose
 * conditions match a lead wins; its telecallers take leads round-robin up to their cap.
 */
export const assignmentRules = pgTable('assignment_rules', {
  id: id(),
  name: text('name').notNull(),
  priority: integer('priority').notNull().default(100),
  active: boolean('active').notNull().default(true),
  /** Conditions (null = any). */
  campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
  language: text('language'),
  /** Who takes the leads: the telecallers of this team (optionally only those speaking the lead's language). */
  teamId: uuid('team_id')
    .notNull()
    .references(() => teams.id, { onDelete: 'cascade' }),
  matchLanguage: boolean('match_language').notNull().default(false),
  /** Most open leads one telecaller may hold. */
  maxOpenLeads: integer('max_open_leads').notNull().default(200),
  lastUserId: uuid('last_user_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
});
