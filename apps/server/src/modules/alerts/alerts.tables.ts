import { sql } from 'drizzle-orm';
import { doublePrecision, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, tstz } from '../../platform/db/columns.js';
import { users } from '../users/users.tables.js';

/**
 * Alerts raised on the floor. `key` names the condition (this call, this agent's idle spell,
 * this callback, this team's drop), so one condition raises one alert however many nodes or
 * ticks see it.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: id(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id'),
    callId: uuid('call_id'),
    leadId: uuid('lead_id'),
    value: doublePrecision('value').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    since: tstz('since').notNull(),
    raisedAt: tstz('raised_at').notNull(),
    acknowledgedAt: tstz('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: tstz('resolved_at'),
  },
  (t) => [
    uniqueIndex('alerts_key_idx').on(t.key),
    index('alerts_open_idx').on(t.raisedAt).where(sql`acknowledged_at is null and resolved_at is null`),
    index('alerts_raised_idx').on(t.raisedAt),
  ],
);
