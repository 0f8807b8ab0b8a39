/** Campaigns and the auto-dialer: a campaign's definition, its queue, its live figures. */
import { z } from 'zod';
import { LANGUAGES, LEAD_STATUSES } from './enums.js';
import { oneLine } from './text.js';

/**
 * How a running campaign places calls. preview: the agent sees the next lead and dials or skips.
 * progressive: one line per free agent, the agent reserved for it. power: `ratio` lines per free
 * agent, answered calls go to whoever is free. predictive: as many lines as the forecast of free
 * agents and the measured answer rate allow, under `maxAbandonRate`.
 */
export const DIAL_MODES = ['preview', 'progressive', 'power', 'predictive'] as const;
export type DialMode = (typeof DIAL_MODES)[number];

/** draft: being set up; running: the dialer works it; paused: nothing new is dialled, agents stay; stopped: agents leave; archived: read only. */
export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'stopped', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Where a queued lead stands. */
export const MEMBER_STATES = ['pending', 'in_flight', 'retry', 'done', 'exhausted'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

/** The outcomes a retry rule can name. */
export const RETRY_OUTCOMES = ['no_answer', 'busy', 'failed', 'machine'] as const;
export type RetryOutcome = (typeof RETRY_OUTCOMES)[number];

const HOURS = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;
const isoDay = z.iso.date();

/** Which leads of the lead base a campaign works; every field narrows, absent fields do not. */
export const CampaignSegment = z
  .object({
    statuses: z.array(z.enum(LEAD_STATUSES)).max(LEAD_STATUSES.length).optional(),
    tags: z
      .array(oneLine(z.string().trim().min(1).max(40)))
      .max(20)
      .optional()
      .describe('a lead with any of these tags'),
    sources: z
      .array(oneLine(z.string().trim().min(1).max(60)))
      .max(20)
      .optional(),
    cities: z
      .array(oneLine(z.string().trim().min(1).max(100)))
      .max(50)
      .optional(),
    languages: z.array(z.enum(LANGUAGES)).max(LANGUAGES.length).optional(),
    ownerIds: z.array(z.uuid()).max(300).optional(),
    createdFrom: isoDay.optional(),
    createdTo: isoDay.optional(),
    lastContactedFrom: isoDay.optional(),
    lastContactedTo: isoDay.optional(),
    neverContacted: z.boolean().optional(),
  })
  .strict()
  .refine((s) => !(s.createdFrom && s.createdTo && s.createdTo < s.createdFrom), { message: 'createdTo must not be before createdFrom' })
  .refine((s) => !(s.lastContactedFrom && s.lastContactedTo && s.lastContactedTo < s.lastContactedFrom), {
    message: 'lastContactedTo must not be before lastContactedFrom',
  });
export type CampaignSegment = z.infer<typeof CampaignSegment>;

export const RetryRule = z.object({
  delayMinutes: z.number().int().min(1).max(10_080).describe('wait before the next attempt'),
  maxAttempts: z.number().int().min(0).max(20).describe('attempts that may end this way before the lead is exhausted'),
});
export type RetryRule = z.infer<typeof RetryRule>;

export const RetryRules = z.object({
  no_answer: RetryRule,
  busy: RetryRule,
  failed: RetryRule,
  machine: RetryRule,
});
export type RetryRules = z.infer<typeof RetryRules>;

export const DEFAULT_RETRY_RULES: RetryRules = {
  no_answer: { delayMinutes: 120, maxAttempts: 3 },
  busy: { delayMinutes: 30, maxAttempts: 3 },
  failed: { delayMinutes: 60, maxAttempts: 2 },
  machine: { delayMinutes: 240, maxAttempts: 2 },
};

export const ScriptStage = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  title: oneLine(z.string().trim().min(1).max(80)),
  titleHi: oneLine(z.string().trim().max(80)).nullable().default(null),
  text: z.string().trim().min(1).max(2000),
  textHi: z.string().trim().max(2000).nullable().default(null),
});
export type ScriptStage = z.infer<typeof ScriptStage>;

/** The campaign's settings, as created (everything optional but the name) and as edited. */
const CampaignFields = z.object({
  name: oneLine(z.string().trim().min(1).max(120)),
  description: z.string().trim().max(2000).nullable().optional(),
  startDate: isoDay.nullable().optional(),
  endDate: isoDay.nullable().optional(),
  timezone: z.string().trim().max(64).optional(),
  callingHours: z.string().regex(HOURS, 'must be HH:MM-HH:MM, e.g. 10:00-19:00').nullable().optional(),
  requiresConsent: z.boolean().optional(),
  maxAttemptsPerDay: z.number().int().min(1).max(50).nullable().optional(),
  dialMode: z.enum(DIAL_MODES).optional(),
  ratio: z.number().min(1).max(5).optional().describe('power: lines per free agent'),
  maxAbandonRate: z.number().min(0).max(0.1).optional().describe('abandoned / answered, today and over 30 days'),
  priority: z.number().int().min(0).max(100).optional().describe('higher first, when an agent could serve two campaigns'),
  teamIds: z.array(z.uuid()).max(100).optional(),
  agentIds: z.array(z.uuid()).max(1000).optional(),
  segment: CampaignSegment.nullable().optional().describe('null: only leads added by list'),
  retry: RetryRules.optional(),
  script: z.array(ScriptStage).max(20).optional(),
  dispositions: z.array(z.string().min(1).max(40)).max(20).nullable().optional().describe('disposition codes offered; null: all'),
  wrapUpSeconds: z.number().int().min(0).max(600).optional().describe('after this, the agent is made ready again; 0: never'),
  cost: z.number().min(0).max(1e10).nullable().optional().describe('what the campaign cost in rupees, for cost per conversion; null: not entered'),
});

export const CreateCampaignBody = CampaignFields;
export type CreateCampaignBody = z.infer<typeof CreateCampaignBody>;

export const UpdateCampaignBody = CampaignFields.partial().refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateCampaignBody = z.infer<typeof UpdateCampaignBody>;

export const Campaign = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  /** Not archived (kept for older clients). */
  active: z.boolean(),
  status: z.enum(CAMPAIGN_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  timezone: z.string(),
  callingHours: z.string().nullable().describe("HH:MM-HH:MM in the lead's time zone; null: the organisation's"),
  requiresConsent: z.boolean(),
  maxAttemptsPerDay: z.number().int().nullable(),
  dialMode: z.enum(DIAL_MODES),
  ratio: z.number(),
  maxAbandonRate: z.number(),
  priority: z.number().int(),
  teamIds: z.array(z.uuid()),
  agentIds: z.array(z.uuid()),
  segment: CampaignSegment.nullable(),
  retry: RetryRules,
  script: z.array(ScriptStage),
  dispositions: z.array(z.string()).nullable(),
  wrapUpSeconds: z.number().int(),
  /** What the campaign cost in rupees, as entered (null: not entered). */
  cost: z.number().nullable(),
  members: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignList = z.object({ items: z.array(Campaign) });
export type CampaignList = z.infer<typeof CampaignList>;

export const AddCampaignLeadsBody = z.object({ leadIds: z.array(z.uuid()).min(1).max(10_000) });
export type AddCampaignLeadsBody = z.infer<typeof AddCampaignLeadsBody>;

export const CampaignQueue = z.object({
  pending: z.number().int(),
  inFlight: z.number().int(),
  retry: z.number().int(),
  done: z.number().int(),
  exhausted: z.number().int(),
});
export type CampaignQueue = z.infer<typeof CampaignQueue>;

/** Today's figures (in the campaign's time zone), the contract's shape plus the 30-day rate and the agents' states. */
export const CampaignStats = z.object({
  dialed: z.number().int(),
  answered: z.number().int().describe('answered by a person (machines not counted)'),
  abandoned: z.number().int(),
  abandonRate: z.number().describe('abandoned / answered today; 0 with nothing answered'),
  abandonRate30d: z.number(),
  machine: z.number().int(),
  agents: z.number().int().describe('agents in the campaign now'),
  talkSeconds: z.number().int(),
  agentSeconds: z.number().int().describe('time agents spent in the campaign today'),
  queue: CampaignQueue,
  agentStates: z.array(
    z.object({ userId: z.uuid(), name: z.string(), state: z.string(), since: z.string(), reason: z.string().nullable(), callId: z.uuid().nullable() }),
  ),
  /** Half-hour buckets of today: abandon rate and agent occupancy (talk / time in campaign). */
  timeline: z.array(z.object({ at: z.string(), dialed: z.number().int(), abandonRate: z.number(), occupancy: z.number() })),
  /** What the pacer decided last: lines in flight and its mode after back-off. */
  pacing: z.object({ mode: z.enum(DIAL_MODES), lines: z.number().int(), answerRate: z.number(), backedOff: z.boolean() }).nullable(),
});
export type CampaignStats = z.infer<typeof CampaignStats>;

/** Preview mode: the lead the agent is offered, with what they need to decide. */
export const PreviewLead = z.object({
  campaignId: z.uuid(),
  leadId: z.uuid().nullable(),
  remaining: z.number().int(),
});
export type PreviewLead = z.infer<typeof PreviewLead>;

export const MoveAgentBody = z.object({ campaignId: z.uuid().nullable() });
export type MoveAgentBody = z.infer<typeof MoveAgentBody>;
