import type { FollowupStep, FollowupTiming, FollowupVariable } from '@telehub/shared';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';
import { campaigns } from '../campaigns/campaigns.tables.js';
import { leads } from '../leads/leads.tables.js';
import { users } from '../users/users.tables.js';

/** A sequence: what triggers it (dispositions or statuses, optionally in one campaign) and its steps. */
export const followupRules = pgTable('followup_rules', {
  id: id(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
  triggerKind: text('trigger_kind').notNull(),
  triggerValues: text('trigger_values').array().notNull(),
  steps: jsonb('steps').$type<FollowupStep[]>().notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** What a run needs to fill the templates later: the call, its agent, the callback it reminds of. */
export type FollowupRunContext = { callId: string | null; agentId: string | null; campaignId: string | null };

/** A lead enrolled in a rule by one trigger event (at most once per rule, lead and event). */
export const followupRuns = pgTable(
  'followup_runs',
  {
    id: id(),
    ruleId: uuid('rule_id').references(() => followupRules.id, { onDelete: 'set null' }),
    /** Kept so the history still reads after the rule is deleted. */
    ruleName: text('rule_name').notNull(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    triggerKind: text('trigger_kind').notNull(),
    triggerValue: text('trigger_value').notNull(),
    /** The trigger event: `call:<id>` for a disposition, `status:<status>:<time>` for a status change. */
    triggerKey: text('trigger_key').notNull(),
    context: jsonb('context').$type<FollowupRunContext>().notNull(),
    status: text('status').notNull().default('active'),
    cancelReason: text('cancel_reason'),
    cancelledBy: uuid('cancelled_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    endedAt: tstz('ended_at'),
  },
  (t) => [
    uniqueIndex('followup_runs_once_idx').on(t.ruleId, t.leadId, t.triggerKey),
    index('followup_runs_lead_idx').on(t.leadId, t.createdAt),
    index('followup_runs_status_idx').on(t.status, t.createdAt),
  ],
);

/** One message of a run, scheduled: a durable row the poll picks up when it falls due. */
export const followupSteps = pgTable(
  'followup_steps',
  {
    id: id(),
    runId: uuid('run_id')
      .notNull()
      .references(() => followupRuns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    channel: text('channel').notNull(),
    template: text('template').notNull(),
    variables: jsonb('variables').$type<FollowupVariable[]>().notNull(),
    timing: jsonb('timing').$type<FollowupTiming>().notNull(),
    /** The callback a "before the callback" step is anchored to (followed when it moves). */
    callbackId: uuid('callback_id'),
    callbackAt: tstz('callback_at'),
    status: text('status').notNull().default('pending'),
    dueAt: tstz('due_at'),
    attempts: integer('attempts').notNull().default(0),
    /** While `sending`: until when this node holds it (a node that died mid-send lets it go). */
    claimedUntil: tstz('claimed_until'),
    reasonCode: text('reason_code'),
    reason: text('reason'),
    messageId: text('message_id'),
    sentAt: tstz('sent_at'),
    updatedAt: updatedAt(),
  },
  (t) => [index('followup_steps_due_idx').on(t.status, t.dueAt), index('followup_steps_run_idx').on(t.runId, t.position)],
);
