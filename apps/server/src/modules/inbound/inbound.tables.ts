import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from '../../platform/db/columns.js';
import { calls } from '../calls/calls.tables.js';
import { leads } from '../leads/leads.tables.js';
import { teams, users } from '../users/users.tables.js';

/**
 * Each inbound call's way through the queue: waiting, offered to one agent at a time (their
 * workspace rings), ringing out to the agents' phones (providers that ring numbers themselves),
 * connected, or missed. The call itself is in `calls` (direction inbound).
 */
export const inboundCalls = pgTable(
  'inbound_calls',
  {
    callId: uuid('call_id')
      .primaryKey()
      .references(() => calls.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** The lead's owner when the call came: offered first. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** The team that answers it: the owner's. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    language: text('language').notNull(),
    /** The caller was made a lead by this call (a number never seen before). */
    newLead: boolean('new_lead').notNull().default(false),
    /** Our number the caller rang. */
    line: text('line').notNull(),
    state: text('state').notNull(),
    offeredTo: uuid('offered_to').references(() => users.id, { onDelete: 'set null' }),
    offerExpiresAt: tstz('offer_expires_at'),
    /** Agents who let it ring out or turned it down: not offered it again. */
    tried: uuid('tried').array().notNull().default(sql`'{}'::uuid[]`),
    arrivedAt: tstz('arrived_at').notNull(),
    settledAt: tstz('settled_at'),
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    missedReason: text('missed_reason'),
  },
  (t) => [
    index('inbound_calls_open_idx').on(t.arrivedAt).where(sql`${t.state} in ('waiting', 'offered', 'ringing_out')`),
    index('inbound_calls_arrived_idx').on(t.arrivedAt),
    index('inbound_calls_lead_idx').on(t.leadId),
  ],
);
