import { z } from 'zod';

/** What the command center warns managers about. */
export const ALERT_KINDS = ['long_call', 'idle_too_long', 'break_too_long', 'callback_overdue', 'connect_rate_drop', 'missed_call_overdue'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;

export const Alert = z.object({
  id: z.uuid(),
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(ALERT_SEVERITIES),
  /** A one-line English summary, for logs and API users; the web app words it from the fields. */
  message: z.string(),
  agentId: z.uuid().nullable(),
  agentName: z.string().nullable(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  callId: z.uuid().nullable(),
  leadId: z.uuid().nullable(),
  leadName: z.string().nullable(),
  /** What was measured: seconds for durations, a 0..1 rate for connect_rate_drop. */
  value: z.number(),
  /** The limit it crossed, in the same unit as value. */
  threshold: z.number(),
  /** When the condition began (call answered, state entered, callback due, hour window start). */
  since: z.string(),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.uuid().nullable(),
  /** When the condition cleared by itself (call ended, agent moved on, callback made). */
  resolvedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertList = z.object({ items: z.array(Alert) });
export type AlertList = z.infer<typeof AlertList>;

export const AlertListQuery = z.object({
  status: z.enum(['open', 'all']).default('open').describe('open: neither acknowledged nor cleared; all: the last 200'),
  teamId: z.uuid().optional(),
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;
