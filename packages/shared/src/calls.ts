/** Calls, dispositions, callbacks, agent presence and the workspace: shapes both sides share. */
import { z } from 'zod';
import { CALL_STATUSES, type CallStatus, LEAD_STATUSES } from './enums.js';
import { Lead } from './leads.js';
import { multiLine, oneLine } from './text.js';

export const TERMINAL_CALL_STATUSES = ['completed', 'no_answer', 'busy', 'failed', 'canceled', 'abandoned'] as const satisfies readonly CallStatus[];
export type TerminalCallStatus = (typeof TERMINAL_CALL_STATUSES)[number];
export const isTerminalStatus = (s: CallStatus): s is TerminalCallStatus => (TERMINAL_CALL_STATUSES as readonly string[]).includes(s);

export const TELEPHONY_PROVIDERS = ['simulator', 'twilio', 'exotel'] as const;
export type TelephonyProviderName = (typeof TELEPHONY_PROVIDERS)[number];

export const PRESENCE_STATES = ['offline', 'available', 'ringing', 'on_call', 'wrap_up', 'break'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** Who ended the call, when the provider says. */
export const HANGUP_SIDES = ['agent', 'lead', 'system'] as const;
export type HangupSide = (typeof HANGUP_SIDES)[number];

export const Call = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  agentId: z.uuid().nullable(),
  campaignId: z.uuid().nullable(),
  direction: z.enum(['outbound', 'inbound']),
  provider: z.enum(TELEPHONY_PROVIDERS),
  providerCallId: z.string().nullable(),
  status: z.enum(CALL_STATUSES),
  startedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nullable().describe('talk time: answered to ended'),
  disposition: z.string().nullable(),
  subDisposition: z.string().nullable().optional().describe("the disposition's finer reason (code), where one was chosen"),
  wrapUpAnswer: z.string().nullable().optional().describe("the answer to the disposition's question, where it asks one"),
  notes: z.string().nullable(),
  callbackAt: z.string().nullable(),
  hangupBy: z.enum(HANGUP_SIDES).nullable(),
  recordingAvailable: z.boolean(),
  recordingNotice: z.boolean().describe('the recording notice was given on this call'),
  wrapUpPending: z.boolean().describe('ended, and the agent has not saved a disposition yet'),
  answeredBy: z.enum(['human', 'machine', 'unknown']).nullable().describe('who answered, where the provider detects machines'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Call = z.infer<typeof Call>;

export const CallWithLead = Call.extend({ leadName: z.string(), leadPhone: z.string(), agentName: z.string().nullable() });
export type CallWithLead = z.infer<typeof CallWithLead>;

export const StartCallBody = z.object({
  leadId: z.uuid(),
  campaignId: z.uuid().optional(),
  /** The lead agreed to be called (and recorded) now; stored in the consent ledger. */
  consentGiven: z.boolean().optional(),
});
export type StartCallBody = z.infer<typeof StartCallBody>;

export const DISPOSITION_CODE = /^[a-z][a-z0-9_]{1,39}$/;
const dispositionCode = z.string().regex(DISPOSITION_CODE, 'lower-case letters, digits and _ (2-40), starting with a letter');

/** A finer reason under a disposition (not interested: fees too high, chose another college, ...). */
export const SubDisposition = z.object({
  code: dispositionCode,
  label: oneLine(z.string().trim().min(1).max(60)),
  labelHi: oneLine(z.string().trim().max(60)).nullable().default(null),
});
export type SubDisposition = z.infer<typeof SubDisposition>;

/**
 * Wrap-up fields a disposition may require, named as the disposition body names them; the
 * callback time has its own flag (requiresCallback).
 */
export const WRAP_UP_REQUIRABLE = ['notes', 'subDisposition', 'answer'] as const;
export type WrapUpRequirable = (typeof WRAP_UP_REQUIRABLE)[number];

/** The question a disposition asks in wrap-up (which course, which branch, ...); the agent's answer is kept with the call. */
export const WrapUpQuestion = z.object({
  label: oneLine(z.string().trim().min(1).max(80)),
  labelHi: oneLine(z.string().trim().max(80)).nullable().default(null),
});
export type WrapUpQuestion = z.infer<typeof WrapUpQuestion>;

export const Disposition = z.object({
  code: dispositionCode,
  label: z.string().trim().min(1).max(60),
  labelHi: z.string().trim().max(60).nullable().default(null),
  /** The lead's status after this disposition; null leaves it. */
  leadStatus: z.enum(LEAD_STATUSES).nullable(),
  /** A callback time must be given. */
  requiresCallback: z.boolean().default(false),
  /** Counts as a connect in today's counters and reports. */
  connected: z.boolean().default(true),
  /** Keyboard shortcut in the wrap-up form (one key, unique). */
  key: z.string().regex(/^[1-9a-z]$/, 'one digit 1-9 or a letter'),
  /** Finer reasons the agent picks from once this disposition is chosen. */
  subDispositions: z.array(SubDisposition).max(20).default([]),
  /** What the agent must fill in besides the disposition (the callback time: requiresCallback). */
  required: z
    .array(z.enum(WRAP_UP_REQUIRABLE))
    .max(WRAP_UP_REQUIRABLE.length)
    .default([])
    .describe('notes, subDisposition and/or answer: wrap-up fields that must be filled in for this disposition'),
  /** A question asked in wrap-up for this disposition; null: none. */
  question: WrapUpQuestion.nullable().default(null),
});
export type Disposition = z.infer<typeof Disposition>;

export const DispositionList = z.object({ items: z.array(Disposition).min(1).max(20) });
export type DispositionList = z.infer<typeof DispositionList>;

/** A campaign's dispositions: its own list, or (own: false) the organisation's list as the campaign offers it. */
export const CampaignDispositions = z.object({
  own: z.boolean().describe('the campaign has a list of its own; false: it uses the organisation’s'),
  items: z.array(Disposition),
});
export type CampaignDispositions = z.infer<typeof CampaignDispositions>;

export const DispositionBody = z.object({
  disposition: z.string().min(1).max(40),
  /** Absent: the note drafted during the call is kept; given (even empty), it replaces the draft. */
  notes: multiLine(z.string().trim().max(4000)).optional(),
  callbackAt: z.iso.datetime({ offset: true }).optional(),
  subDisposition: z.string().min(1).max(40).optional().describe("one of the disposition's sub-dispositions (codes)"),
  answer: oneLine(z.string().trim().max(500)).optional().describe("the answer to the disposition's question"),
});
export type DispositionBody = z.infer<typeof DispositionBody>;

/** What the agent typed while the call rang and ran, kept against the call until wrap-up. */
export const DraftNote = z.object({ text: z.string(), savedAt: z.string().nullable() });
export type DraftNote = z.infer<typeof DraftNote>;

/** Not trimmed: the draft is kept as typed, spaces and all, so the box does not jump as it saves. */
export const DraftNoteBody = z.object({ text: multiLine(z.string().max(4000)) });
export type DraftNoteBody = z.infer<typeof DraftNoteBody>;

export const CallListQuery = z.object({
  leadId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  status: z.enum(CALL_STATUSES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type CallListQuery = z.infer<typeof CallListQuery>;

/** A call in a list, with what the asker may do with it. */
export const CallListItem = CallWithLead.extend({
  canHearRecording: z.boolean().describe('the asker may play the recording (the agent on the call, staff who watch them), once there is one'),
});
export type CallListItem = z.infer<typeof CallListItem>;

export const CallPage = z.object({ items: z.array(CallListItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type CallPage = z.infer<typeof CallPage>;

export const TranscriptSegment = z.object({
  id: z.string(),
  callId: z.uuid(),
  seq: z.number().int(),
  speaker: z.enum(['agent', 'lead']),
  language: z.enum(['en', 'hi', 'hinglish']),
  text: z.string(),
  startMs: z.number().int(),
  endMs: z.number().int(),
  /** live: heard during the call; recording: transcribed from its recording afterwards (a side the live transcript missed). */
  source: z.enum(['live', 'recording']).optional(),
});
export type TranscriptSegment = z.infer<typeof TranscriptSegment>;

export const Transcript = z.object({ items: z.array(TranscriptSegment) });
export type Transcript = z.infer<typeof Transcript>;

export const CALLBACK_STATUSES = ['pending', 'done', 'canceled'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

export const Callback = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  leadName: z.string(),
  leadPhone: z.string(),
  agentId: z.uuid().nullable(),
  callId: z.uuid().nullable(),
  dueAt: z.string(),
  notes: z.string().nullable(),
  status: z.enum(CALLBACK_STATUSES),
  overdue: z.boolean(),
  createdAt: z.string(),
  source: z.enum(['wrap_up', 'missed_call']).describe('promised in a wrap-up, or owed to a caller nobody answered'),
  teamId: z.uuid().nullable().describe("a missed call's team, whose queue holds it while it has no agent"),
});
export type Callback = z.infer<typeof Callback>;

export const CallbackList = z.object({ items: z.array(Callback) });
export type CallbackList = z.infer<typeof CallbackList>;

export const Presence = z.object({
  userId: z.uuid(),
  state: z.enum(PRESENCE_STATES),
  reason: z.string().nullable().describe('why on break'),
  since: z.string(),
  callId: z.uuid().nullable(),
  campaignId: z.uuid().nullable().describe('the running campaign the agent works; null: click-to-call'),
  next: z
    .object({
      state: z.enum(['available', 'break', 'offline']),
      reason: z.string().nullable(),
      campaignId: z.uuid().nullable().describe('the campaign after the move; null: none'),
    })
    .nullable()
    .describe('where the agent goes once the call they are on, or the lines dialled for them, are done (asked with afterCall)'),
});
export type Presence = z.infer<typeof Presence>;
export type PresenceNext = NonNullable<Presence['next']>;

const afterCall = z
  .boolean()
  .optional()
  .describe(
    'on a call: move once it is done (available without campaignId: stay, cancelling an earlier request); available in a campaign with lines dialled for the agent: once they are answered or end',
  );
export const SetPresenceBody = z.discriminatedUnion('state', [
  z.object({ state: z.literal('available'), campaignId: z.uuid().nullable().optional().describe('join a running campaign; null: leave it'), afterCall }),
  z.object({ state: z.literal('offline'), afterCall }),
  z.object({ state: z.literal('break'), reason: z.string().trim().min(1).max(60), afterCall }),
]);
export type SetPresenceBody = z.infer<typeof SetPresenceBody>;

export const PresenceHistory = z.object({
  items: z.array(z.object({ state: z.enum(PRESENCE_STATES), reason: z.string().nullable(), startedAt: z.string(), endedAt: z.string().nullable() })),
});
export type PresenceHistory = z.infer<typeof PresenceHistory>;

export const TodayCounters = z.object({
  calls: z.number().int(),
  connects: z.number().int(),
  talkSeconds: z.number().int(),
  dispositions: z.record(z.string(), z.number().int()),
});
export type TodayCounters = z.infer<typeof TodayCounters>;

export const NextLead = z.object({
  lead: Lead.nullable(),
  reason: z.enum(['callback', 'queue']).nullable(),
  callback: Callback.nullable(),
  /** Leads waiting after this one in the agent's queue (callbacks due included). */
  remaining: z.number().int(),
});
export type NextLead = z.infer<typeof NextLead>;

/** Why an agent passed over a lead in their queue. */
export const SKIP_REASONS = ['language', 'wrong_time', 'needs_info', 'duplicate', 'other'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const SkipBody = z.object({
  leadId: z.uuid(),
  reason: z.enum(SKIP_REASONS),
  note: oneLine(z.string().trim().max(500)).optional(),
});
export type SkipBody = z.infer<typeof SkipBody>;

/** A lead the agent skipped: left out of their queue until `until` (a callback falling due still comes first). */
export const Skip = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  reason: z.enum(SKIP_REASONS),
  note: z.string().nullable(),
  createdAt: z.string(),
  until: z.string().describe('when the lead comes back into the queue: the next reset time in India'),
});
export type Skip = z.infer<typeof Skip>;

/** When the day's skips end, India time: 00:00 (the default) brings skipped leads back the next day. */
export const SkipRules = z.object({
  resetAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, e.g. 06:00')
    .describe('HH:MM in Asia/Kolkata'),
});
export type SkipRules = z.infer<typeof SkipRules>;

/** Why a dial was refused before reaching the provider (409 DIAL_BLOCKED, `reason`). */
export const DIAL_BLOCK_REASONS = [
  'dnd',
  'calling_hours',
  'consent_required',
  'attempt_limit',
  'agent_busy',
  'agent_phone_missing',
  'lead_invalid',
  'recently_abandoned',
  'agent_offline',
  'agent_on_break',
] as const;
export type DialBlockReason = (typeof DIAL_BLOCK_REASONS)[number];

/** What the configured provider can do, so the UI shows only what works. */
export const TelephonyInfo = z.object({
  provider: z.enum(TELEPHONY_PROVIDERS),
  canHangUp: z.boolean(),
  supervision: z.array(z.enum(['listen', 'whisper', 'barge'])),
  supervisionNote: z.string().nullable().describe('why listening in, whispering or barging is not available here; null where all three are'),
  recordsCalls: z.boolean(),
  inbound: z.boolean().describe('callers who ring our number reach the agents'),
  dialModes: z.array(z.enum(['preview', 'progressive', 'power', 'predictive'])).describe('the campaign dial modes this provider can run'),
});
export type TelephonyInfo = z.infer<typeof TelephonyInfo>;
