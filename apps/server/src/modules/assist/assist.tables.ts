import type { AssistCard } from '@telehub/shared';
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../platform/db/columns.js';
import { calls } from '../calls/calls.tables.js';

/**
 * Every card a live call raised, so a screen opened mid-call (a manager listening in, a reload)
 * shows what the agent saw, and the analysis after the call can read which help was given.
 */
export const assistCards = pgTable(
  'assist_cards',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    card: jsonb('card').$type<AssistCard>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('assist_cards_call_idx').on(t.callId, t.createdAt)],
);
