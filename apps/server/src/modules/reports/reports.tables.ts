/**
 * The reports' rollups, kept as calls and leads change: one fact row per call and per lead (what
 * it counts, under which keys), and sums of those facts by hour, by day and by hour of the week,
 * so a report over a year reads thousands of rows, not millions. A fact is replaced as its call or
 * lead changes, and each rollup moves by the difference, in one transaction.
 */
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, smallint, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '../../platform/db/columns.js';

/** What each call adds to the rollups. */
const callMeasures = () => ({
  dials: integer('dials').notNull().default(0),
  connects: integer('connects').notNull().default(0),
  machine: integer('machine').notNull().default(0),
  abandons: integer('abandons').notNull().default(0),
  talkSeconds: integer('talk_seconds').notNull().default(0),
  /** Answered calls whose disposition is saved: the ones with a known handle time. */
  handled: integer('handled').notNull().default(0),
  handleSeconds: integer('handle_seconds').notNull().default(0),
  wrapSeconds: integer('wrap_seconds').notNull().default(0),
  conversions: integer('conversions').notNull().default(0),
  recorded: integer('recorded').notNull().default(0),
  /** Recorded calls whose recording notice was played. */
  noticed: integer('noticed').notNull().default(0),
});

/** One row per counted call (ended calls; live ones count once they end). Ids only: no personal data. */
export const reportCallFacts = pgTable(
  'report_call_facts',
  {
    callId: uuid('call_id').primaryKey(),
    leadId: uuid('lead_id'),
    /** The day the call started, in the organisation's time zone. */
    day: date('day'),
    /** The hour the call started (UTC instant at the top of the hour). */
    hour: tstz('hour'),
    /** Weekday (0 Monday) and hour in the lead's time zone. */
    localDow: smallint('local_dow'),
    localHour: smallint('local_hour'),
    agentId: uuid('agent_id'),
    teamId: uuid('team_id'),
    campaignId: uuid('campaign_id'),
    source: text('source'),
    direction: text('direction'),
    ...callMeasures(),
  },
  (t) => [
    index('report_call_facts_day_idx').on(t.day),
    index('report_call_facts_agent_idx').on(t.agentId, t.day),
    index('report_call_facts_campaign_idx').on(t.campaignId, t.day),
    // The order exports and drill-downs page through the calls in.
    index('report_call_facts_hour_idx').on(t.hour, t.callId),
  ],
);

export const reportCallHours = pgTable(
  'report_call_hours',
  {
    hour: tstz('hour').notNull(),
    localDow: smallint('local_dow'),
    localHour: smallint('local_hour'),
    agentId: uuid('agent_id'),
    teamId: uuid('team_id'),
    campaignId: uuid('campaign_id'),
    source: text('source'),
    direction: text('direction'),
    ...callMeasures(),
  },
  (t) => [
    unique('report_call_hours_key').on(t.hour, t.agentId, t.teamId, t.campaignId, t.source, t.direction, t.localDow, t.localHour).nullsNotDistinct(),
    index('report_call_hours_agent_idx').on(t.agentId, t.hour),
  ],
);

export const reportCallDays = pgTable(
  'report_call_days',
  {
    day: date('day').notNull(),
    agentId: uuid('agent_id'),
    teamId: uuid('team_id'),
    campaignId: uuid('campaign_id'),
    source: text('source'),
    direction: text('direction'),
    ...callMeasures(),
  },
  (t) => [
    unique('report_call_days_key').on(t.day, t.agentId, t.teamId, t.campaignId, t.source, t.direction).nullsNotDistinct(),
    index('report_call_days_agent_idx').on(t.agentId, t.day),
    index('report_call_days_campaign_idx').on(t.campaignId, t.day),
  ],
);

/**
 * Days by telecaller and team only: the telecallers report over a year (and any report not
 * narrowed to a campaign or source) reads one row per telecaller and day, not one per campaign,
 * source and direction too.
 */
export const reportCallAgentDays = pgTable(
  'report_call_agent_days',
  {
    day: date('day').notNull(),
    agentId: uuid('agent_id'),
    teamId: uuid('team_id'),
    ...callMeasures(),
  },
  (t) => [
    unique('report_call_agent_days_key').on(t.day, t.agentId, t.teamId).nullsNotDistinct(),
    index('report_call_agent_days_agent_idx').on(t.agentId, t.day),
  ],
);

/** Hours of the week in the leads' time zones, without the telecaller: the heatmap over a year. */
export const reportCallWeekHours = pgTable(
  'report_call_week_hours',
  {
    day: date('day').notNull(),
    localDow: smallint('local_dow'),
    localHour: smallint('local_hour'),
    teamId: uuid('team_id'),
    campaignId: uuid('campaign_id'),
    source: text('source'),
    direction: text('direction'),
    ...callMeasures(),
  },
  (t) => [unique('report_call_week_hours_key').on(t.day, t.localDow, t.localHour, t.teamId, t.campaignId, t.source, t.direction).nullsNotDistinct()],
);

/** What each lead adds to the funnel: 1 for each stage reached, seconds since the stage before. */
const leadMeasures = () => ({
  created: integer('created').notNull().default(0),
  contacted: integer('contacted').notNull().default(0),
  interested: integer('interested').notNull().default(0),
  converted: integer('converted').notNull().default(0),
  notInterested: integer('not_interested').notNull().default(0),
  lost: integer('lost').notNull().default(0),
  invalid: integer('invalid').notNull().default(0),
  contactedSeconds: integer('contacted_seconds').notNull().default(0),
  interestedSeconds: integer('interested_seconds').notNull().default(0),
  convertedSeconds: integer('converted_seconds').notNull().default(0),
});

/** One row per live lead, in the cohort of the day it was created. */
export const reportLeadFacts = pgTable(
  'report_lead_facts',
  {
    leadId: uuid('lead_id').primaryKey(),
    day: date('day'),
    source: text('source'),
    teamId: uuid('team_id'),
    ownerId: uuid('owner_id'),
    campaignId: uuid('campaign_id'),
    ...leadMeasures(),
  },
  (t) => [index('report_lead_facts_day_idx').on(t.day)],
);

export const reportLeadDays = pgTable(
  'report_lead_days',
  {
    day: date('day').notNull(),
    source: text('source'),
    teamId: uuid('team_id'),
    ownerId: uuid('owner_id'),
    campaignId: uuid('campaign_id'),
    ...leadMeasures(),
  },
  (t) => [unique('report_lead_days_key').on(t.day, t.source, t.teamId, t.ownerId, t.campaignId).nullsNotDistinct()],
);

/**
 * Dials the rules refused, counted by day (organisation's zone), rule and who and what asked: the
 * compliance report over a year reads days, not every refusal (each one is also in the audit log).
 */
export const reportRefusalDays = pgTable(
  'report_refusal_days',
  {
    day: date('day').notNull(),
    reason: text('reason').notNull(),
    agentId: uuid('agent_id'),
    teamId: uuid('team_id'),
    campaignId: uuid('campaign_id'),
    source: text('source'),
    refusals: integer('refusals').notNull().default(0),
  },
  (t) => [unique('report_refusal_days_key').on(t.day, t.reason, t.agentId, t.teamId, t.campaignId, t.source).nullsNotDistinct()],
);

/**
 * Each refused dial counted, by the id its event carries: an event delivered twice (the outbox
 * runs reactions at least once) is counted once. Kept a month, past the outbox's week.
 */
export const reportRefusalsCounted = pgTable(
  'report_refusals_counted',
  {
    id: uuid('id').primaryKey(),
    countedAt: createdAt(),
  },
  (t) => [index('report_refusals_counted_at_idx').on(t.countedAt)],
);

/** Where the sweep of changed leads has got to, and other small state of the rollups. */
export const reportState = pgTable('report_state', {
  name: text('name').primaryKey(),
  value: jsonb('value').$type<Record<string, unknown>>().notNull(),
  updatedAt: updatedAt(),
});

/** A report a manager has emailed to them daily or weekly. */
export const reportSubscriptions = pgTable(
  'report_subscriptions',
  {
    id: id(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    /** teamId, campaignId, source, agentId: the filters the report is run with. */
    filters: jsonb('filters').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    frequency: text('frequency').notNull(),
    /** 0 Monday … 6 Sunday, for weekly ones. */
    weekday: smallint('weekday'),
    /** The hour of the day it is sent, in the organisation's time zone. */
    hour: smallint('hour').notNull(),
    email: text('email').notNull(),
    lang: text('lang').notNull().default('en'),
    nextRunAt: tstz('next_run_at').notNull(),
    lastSentAt: tstz('last_sent_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('report_subscriptions_due_idx').on(t.nextRunAt), index('report_subscriptions_user_idx').on(t.userId)],
);

/** An export made as a background job: its progress, and the file once written. */
export const reportExports = pgTable(
  'report_exports',
  {
    id: id(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    format: text('format').notNull(),
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    status: text('status').notNull().default('queued'),
    rows: integer('rows').notNull().default(0),
    /** The rows expected, when known, for the progress bar. */
    totalRows: integer('total_rows'),
    fileKey: text('file_key'),
    bytes: integer('bytes'),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [index('report_exports_user_idx').on(t.userId, t.createdAt)],
);
