import type { InboundHours } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';

export const teams = pgTable(
  'teams',
  {
    id: id(),
    name: text('name').notNull(),
    managerId: uuid('manager_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    /** When the team answers inbound calls; null: at any hour. */
    inboundHours: jsonb('inbound_hours').$type<InboundHours>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('teams_name_key').on(sql`lower(${t.name})`), index('teams_manager_idx').on(t.managerId)],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Always stored lower-cased. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'manager', 'telecaller'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    phone: text('phone'),
    teamId: uuid('team_id').references((): AnyPgColumn => teams.id, { onDelete: 'set null' }),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    /**
     * Raised whenever the user's access changes (password, role, team, active, the teams they
     * lead): access tokens carry the version they were issued at, and an older one is refused.
     */
    sessionVersion: integer('session_version').notNull().default(0),
    lastLoginAt: tstz('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    index('users_team_idx').on(t.teamId),
    check('users_role_check', sql`${t.role} in ('admin', 'manager', 'telecaller')`),
  ],
);
