/** Inbound calls: a team's answering hours, the live queue, and the inbound figures. */
import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const Span = z
  .tuple([z.string().regex(CLOCK, 'a time as HH:MM'), z.string().regex(CLOCK, 'a time as HH:MM')])
  .refine(([from, to]) => from < to, { message: 'a span ends after it starts (HH:MM, within one day)' });

/** When a team answers inbound calls: spans per weekday in its time zone, and holidays (closed all day). */
export const InboundHours = z.object({
  timezone: z.string().min(1).max(64).describe('IANA time zone, e.g. Asia/Kolkata'),
  week: z.partialRecord(z.enum(WEEKDAYS), z.array(Span).max(4)).describe('open spans per weekday; a day left out is closed'),
  holidays: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'))
    .max(366)
    .describe('dates closed all day, in the time zone'),
});
export type InboundHours = z.infer<typeof InboundHours>;

export const TeamInboundHours = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  hours: InboundHours.nullable().describe('null: the team answers at any hour'),
  openNow: z.boolean(),
});
export type TeamInboundHours = z.infer<typeof TeamInboundHours>;
export const TeamInboundHoursList = z.object({ items: z.array(TeamInboundHours) });
export type TeamInboundHoursList = z.infer<typeof TeamInboundHoursList>;
export const SetInboundHoursBody = z.object({ hours: InboundHours.nullable() });
export type SetInboundHoursBody = z.infer<typeof SetInboundHoursBody>;

export const INBOUND_STATES = ['waiting', 'offered', 'ringing_out', 'connected', 'missed'] as const;
export type InboundState = (typeof INBOUND_STATES)[number];
export const MISSED_REASONS = ['closed', 'no_agent', 'caller_left'] as const;
export type MissedReason = (typeof MISSED_REASONS)[number];

/** A caller in the queue (or just settled). */
export const InboundCall = z.object({
  callId: z.uuid(),
  leadId: z.uuid(),
  leadName: z.string(),
  leadPhone: z.string(),
  ownerId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  language: z.enum(['en', 'hi']),
  line: z.string().describe('our number the caller rang'),
  state: z.enum(INBOUND_STATES),
  offeredTo: z.uuid().nullable().describe('the agent whose workspace rings now'),
  offerExpiresAt: z.string().nullable().describe('when the ringing passes to the next agent'),
  known: z.boolean().describe('the caller was a lead before the call (not made one by it)'),
  arrivedAt: z.string(),
  waitedSeconds: z.number().int(),
  agentId: z.uuid().nullable(),
  missedReason: z.enum(MISSED_REASONS).nullable(),
});
export type InboundCall = z.infer<typeof InboundCall>;
export const InboundQueue = z.object({
  items: z.array(InboundCall),
  waiting: z.number().int(),
  longestWaitSeconds: z.number().int(),
});
export type InboundQueue = z.infer<typeof InboundQueue>;

const Figures = z.object({
  calls: z.number().int().describe('callers who rang'),
  answered: z.number().int(),
  answeredWithinTarget: z.number().int().describe('answered within the service-level target'),
  missed: z.number().int(),
  closed: z.number().int().describe('of the missed: rang outside hours'),
  serviceLevel: z
    .number()
    .nullable()
    .describe('answered within target / callers in hours (those still waiting within the target not yet counted); null without callers'),
  missedRate: z.number().nullable(),
});
export const InboundStats = z.object({
  targetSeconds: z.number().int(),
  today: Figures,
  hours: z.array(Figures.extend({ hour: z.string().describe('start of the hour, ISO') })),
  waiting: z.number().int(),
  longestWaitSeconds: z.number().int(),
  callbacksOverdue: z.number().int().describe("missed callers' callbacks past due"),
});
export type InboundStats = z.infer<typeof InboundStats>;

export const SimulateInboundBody = z.object({
  from: z.string().trim().min(3).max(32).describe("the caller's number, any format"),
  to: z.string().trim().max(32).optional(),
});
export type SimulateInboundBody = z.infer<typeof SimulateInboundBody>;
