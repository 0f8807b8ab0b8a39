/**
 * Twilio's callbacks turned into ProviderEvents. A TeleHub call is up to three Twilio things:
 * the agent's call (leg=agent), the lead's call (leg=lead), and the conference joining them
 * (leg=conference). Which one a callback is about, and the call's dial mode, travel in the
 * callback URL we gave Twilio, which Twilio signs along with the body.
 *
 * In both modes the lead's leg is the call's status as the engine sees it. agent_first: the
 * agent's call is the providerCallId, and its early failures end the call (the lead was never
 * rung). lead_first: the lead's call is the providerCallId, and the agent's leg, added by
 * bridge(), never sets the call's status: its events are stored for the record only.
 *
 * Answering machines (lead_first, detectMachine): Twilio's asynchronous AMD posts its verdict to
 * its own URL (amd=1) after the answer, which becomes a status-less event carrying answeredBy; an
 * AnsweredBy on a status callback (synchronous AMD) rides on that event. A lead given up with
 * abandon() reports its end to a URL marked abandoned=1: completed, by the system, after the message.
 *
 * Inbound: a caller's call reports to the number's status callback (leg=inbound, no callId), read
 * by normalizeInboundStatus (twilio.inbound.ts); once bridge() or abandon() has moved the caller,
 * its status comes to the lead_first lead URLs above instead.
 *
 * Transfers: the colleague a transfer rings reports as leg=transfer (with leadCall, the lead's
 * call SID), in either mode; like a lead_first agent leg, it never sets the call's status. A
 * colleague's participant label is agent-<user id>: the conference's end names them as the agent.
 */
import type { CallStatus, HangupSide } from '@telehub/shared';
import type { AnsweredBy, DialMode, ProviderEvent } from '../telephony.port.js';
import { param, type TwilioParams } from './twilio.signature.js';
import { isAgentLabel } from './twilio.twiml.js';

const LEGS = ['agent', 'lead', 'conference', 'inbound', 'transfer'] as const;
export type TwilioLeg = (typeof LEGS)[number];
const isLeg = (v: string): v is TwilioLeg => (LEGS as readonly string[]).includes(v);

/** A signed callback that does not carry what it should: answered 400, never ingested. */
export class TwilioPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TwilioPayloadError';
  }
}

export const TWILIO_CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'answered',
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
] as const;
export type TwilioCallStatus = (typeof TWILIO_CALL_STATUSES)[number];

/** The lead's leg is the call as the engine sees it. */
export const LEAD_STATUS: Record<TwilioCallStatus, CallStatus> = {
  queued: 'dialing',
  initiated: 'dialing',
  ringing: 'ringing',
  'in-progress': 'in_progress',
  answered: 'in_progress',
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'canceled',
};

/**
 * The agent's leg of an agent_first call. The lead is dialed only once the agent has answered (see twilio.provider.ts),
 * so an agent leg that ends busy, unanswered, failed or canceled ends a call whose lead was never
 * dialed, with that status. Until then the call is being dialed. An agent leg that completes
 * says nothing about the lead (who may still be ringing, or already gone): `undefined`, and the
 * lead's own leg ends the call.
 */
export const AGENT_STATUS: Record<TwilioCallStatus, CallStatus | undefined> = {
  queued: 'dialing',
  initiated: 'dialing',
  ringing: 'dialing',
  'in-progress': 'dialing',
  answered: 'dialing',
  completed: undefined,
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'canceled',
};

const TERMINAL = new Set<TwilioCallStatus>(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
export const isTwilioTerminal = (s: TwilioCallStatus): boolean => TERMINAL.has(s);

const RECORDING_STATUSES = ['in-progress', 'completed', 'absent', 'failed'] as const;
type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** Where a callback came from, read from the (signed) query string of its URL. */
export type CallbackContext = {
  /** Our call id; null only on an inbound caller's status (leg=inbound), which names none. */
  callId: string | null;
  leg: TwilioLeg | null;
  /** agent_first unless the URL says lead_first (URLs from before lead_first say nothing); an inbound caller's is lead_first. */
  mode: DialMode;
  /** agent_first: the agent's call SID, given in the lead leg's callback URL. */
  agentCallSid: string | null;
  /** lead_first: the lead's call SID, given in the agent leg's callback URL. */
  leadCallSid: string | null;
  /** The answering-machine result's URL (amd=1): no CallStatus, an AnsweredBy. */
  amd: boolean;
  /** A lead given up with abandon() (abandoned=1): its message plays, then the system hangs up. */
  abandoned: boolean;
};

const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;

export function readCallbackContext(query: URLSearchParams): CallbackContext {
  const leg = query.get('leg');
  if (leg !== null && !isLeg(leg)) throw new TwilioPayloadError(`leg must be agent, lead, conference, inbound or transfer, not "${leg.slice(0, 40)}"`);
  const callId = query.get('callId');
  // The number's status callback is one URL for every call it receives: no call of ours in it.
  if (!callId && leg !== 'inbound') throw new TwilioPayloadError('callId is missing from the callback URL');
  const mode = query.get('mode') ?? (leg === 'inbound' ? 'lead_first' : 'agent_first');
  if (mode !== 'agent_first' && mode !== 'lead_first') throw new TwilioPayloadError(`mode must be agent_first or lead_first, not "${mode}"`);
  const agent = query.get('agent');
  if (agent !== null && !SID.test(agent)) throw new TwilioPayloadError('agent must be a call SID');
  const leadCall = query.get('leadCall');
  if (leadCall !== null && !SID.test(leadCall)) throw new TwilioPayloadError('leadCall must be a call SID');
  return {
    callId: callId || null,
    leg,
    mode,
    agentCallSid: agent,
    leadCallSid: leadCall,
    amd: flag(query, 'amd'),
    abandoned: flag(query, 'abandoned'),
  };
}

function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  if (v !== null && v !== '1') throw new TwilioPayloadError(`${name} must be 1 when present, not "${v.slice(0, 40)}"`);
  return v === '1';
}

/**
 * Twilio's AnsweredBy: human; machine_start, machine_end_beep, machine_end_silence,
 * machine_end_other and fax are machines; unknown when it could not tell. The list is not
 * confirmed from a primary source, so any other machine_* counts as a machine and anything else
 * as unknown (the raw value stays in the stored payload).
 */
export function answeredByOf(value: string): AnsweredBy {
  if (value === 'human') return 'human';
  if (value === 'fax' || value.startsWith('machine_')) return 'machine';
  return 'unknown';
}

export function required(params: TwilioParams, name: string): string {
  const v = param(params, name);
  if (!v) throw new TwilioPayloadError(`${name} is missing`);
  return v;
}

export function sid(params: TwilioParams, name: string, prefix: string): string {
  const v = required(params, name);
  if (!SID.test(v) || !v.startsWith(prefix)) throw new TwilioPayloadError(`${name} must be a ${prefix} SID`);
  return v;
}

/** Timestamp is RFC 2822 ("Mon, 16 Aug 2010 03:45:01 +0000"); when absent, the time we received it. */
export function occurredAt(params: TwilioParams, now: Date): Date {
  const raw = param(params, 'Timestamp');
  if (!raw) return now;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw new TwilioPayloadError(`Timestamp "${raw}" is not an RFC 2822 date`);
  return new Date(at);
}

/** Twilio's longest call (timeLimit) is 24 hours: a larger number is not a duration, and overflows the column. */
const MAX_SECONDS = 86_400;

export function wholeSeconds(params: TwilioParams, name: string): number | undefined {
  const raw = param(params, name);
  if (raw === undefined || raw === '') return undefined;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n <= MAX_SECONDS)) throw new TwilioPayloadError(`${name} must be whole seconds from 0 to ${MAX_SECONDS}, not "${raw.slice(0, 40)}"`);
  return n;
}

export const rawOf = (params: TwilioParams): Record<string, unknown> => ({ ...params });

/**
 * A call status callback (voice-status, leg=agent or leg=lead). The id is CallSid, CallStatus and
 * SequenceNumber: a redelivery repeats all three (one id), while two different callbacks of one
 * call always differ in status or sequence number. Both legs report the call under the SID
 * dial() returned (the agent's on agent_first, the lead's on lead_first); the other leg's own
 * CallSid stays in `raw`.
 *
 * lead_first agent legs carry no status. The agent's phone not answering, being busy or failing
 * leaves the lead waiting in the conference: the call is still the lead's answered call, which
 * the engine can bridge to someone else or hang up; taking the agent's busy or no-answer as the
 * call's status would end a call whose lead is still on the line. The agent leaving after
 * joining ends the conference, and with it the lead's leg, which reports completed itself.
 */
export function callStatus(params: TwilioParams): TwilioCallStatus {
  const twilioStatus = required(params, 'CallStatus');
  if (!(TWILIO_CALL_STATUSES as readonly string[]).includes(twilioStatus))
    throw new TwilioPayloadError(`CallStatus "${twilioStatus}" is not a Twilio call status`);
  return twilioStatus as TwilioCallStatus;
}

export function sequenceNumber(params: TwilioParams): string {
  const seq = param(params, 'SequenceNumber') ?? '';
  if (seq && !/^\d+$/.test(seq)) throw new TwilioPayloadError('SequenceNumber must be a number');
  return seq;
}

export function normalizeCallStatus(params: TwilioParams, ctx: CallbackContext, now: Date): ProviderEvent {
  const callSid = sid(params, 'CallSid', 'CA');
  const status = callStatus(params);
  const leg = ctx.leg;
  if (!leg) throw new TwilioPayloadError('leg is missing from the callback URL');
  if (leg === 'conference') throw new TwilioPayloadError('a conference callback is not a call status');
  if (leg === 'inbound') throw new TwilioPayloadError('an inbound caller’s status is read by normalizeInboundStatus');
  const leadFirst = ctx.mode === 'lead_first';
  if (leg === 'lead' && !leadFirst && !ctx.agentCallSid) throw new TwilioPayloadError("the lead leg's callback URL must name the agent's call");
  if (leg === 'agent' && leadFirst && !ctx.leadCallSid) throw new TwilioPayloadError("a lead_first agent leg's callback URL must name the lead's call");
  const seq = sequenceNumber(params);
  const at = occurredAt(params, now);
  // The leg dial() placed reports under its own SID; the other leg's URL names that SID. A
  // transfer's colleague reports under the lead's call on lead_first, and under no SID (our call
  // id in the URL says which call) on agent_first, whose SID is the agent's.
  const dialed: TwilioLeg = leadFirst ? 'lead' : 'agent';
  const event: ProviderEvent = {
    provider: 'twilio',
    providerEventId: `${callSid}:${status}:${seq}`,
    providerCallId: leg === dialed ? callSid : leadFirst ? ctx.leadCallSid : leg === 'transfer' ? null : ctx.agentCallSid,
    callId: ctx.callId,
    kind: 'status',
    occurredAt: at,
    raw: rawOf(params),
  };
  const mapped = leg === 'lead' ? LEAD_STATUS[status] : leadFirst || leg === 'transfer' ? undefined : AGENT_STATUS[status];
  if (mapped) event.status = mapped;
  if (leg === 'lead') {
    if (mapped === 'in_progress') event.answeredAt = at;
    if (isTwilioTerminal(status)) event.endedAt = at;
    // The lead's leg starts when the lead picks up, so its duration is the talk time (on
    // lead_first, the lead's wait for an agent included).
    if (status === 'completed') event.durationSeconds = wholeSeconds(params, 'CallDuration') ?? 0;
    // Synchronous AMD names who answered on the callbacks themselves.
    const answeredBy = param(params, 'AnsweredBy');
    if (answeredBy) event.answeredBy = answeredByOf(answeredBy);
    // The lead's call ends where abandon() sent it: its message played, then <Hangup/>. Twilio does
    // not say who hung up a call outside a conference; a lead who hangs up during the message
    // reports the same (the message was started, and the call was the system's to end).
    if (ctx.abandoned && leadFirst && status === 'completed') {
      event.hangupBy = 'system';
      event.raw = { ...event.raw, abandonMessagePlayed: true };
    }
  }
  const recordingUrl = param(params, 'RecordingUrl');
  if (recordingUrl && isTwilioTerminal(status)) event.recordingUrl = recordingUrl;
  return event;
}

/**
 * Twilio's asynchronous AMD verdict (AsyncAmdStatusCallback, amd=1 on the lead's URL): CallSid,
 * AccountSid, AnsweredBy, MachineDetectionDuration (ms). A status-less event that says who
 * answered; one per call (Twilio sends one verdict), hence the id CallSid:amd.
 */
export function normalizeAmdResult(params: TwilioParams, ctx: CallbackContext, now: Date): ProviderEvent {
  const callSid = sid(params, 'CallSid', 'CA');
  if (ctx.leg !== 'lead' || ctx.mode !== 'lead_first') throw new TwilioPayloadError('an answering-machine result is expected only on a lead_first lead leg');
  const answeredBy = answeredByOf(required(params, 'AnsweredBy'));
  const took = param(params, 'MachineDetectionDuration');
  if (took && !/^\d{1,7}$/.test(took)) throw new TwilioPayloadError('MachineDetectionDuration must be whole milliseconds');
  return {
    provider: 'twilio',
    providerEventId: `${callSid}:amd`,
    providerCallId: callSid,
    callId: ctx.callId,
    kind: 'status',
    answeredBy,
    occurredAt: occurredAt(params, now),
    raw: rawOf(params),
  };
}

/**
 * The conference's end (leg=conference, StatusCallbackEvent=conference-end) says who hung up:
 * the conference ends when the first of the agent and the lead leaves (both have
 * endConferenceOnExit), and Twilio names the participant whose leaving ended it by the label we
 * gave it (ParticipantLabelEndingConference; without it, hangupBy stays unset). Ended through
 * the REST API: the system. Other conference events carry nothing the engine needs: null.
 *
 * Only a conference ended by the lead also reports status completed: the lead can only leave a
 * conference it joined, that is after answering. Ended by the agent, the lead may have been still
 * ringing, so the status is left to the lead's own leg and the event carries hangupBy alone.
 *
 * Ended because the last participant left (last-participant-left): nobody with endConferenceOnExit
 * left it, which happens only when abandon() took the lead out to hear its message (after turning
 * its endConferenceOnExit off): the lead's own leg reports the end, so this names nobody.
 */
export function normalizeConferenceStatus(params: TwilioParams, ctx: CallbackContext, now: Date): ProviderEvent | null {
  const kind = required(params, 'StatusCallbackEvent');
  if (kind !== 'conference-end') return null;
  const conferenceSid = sid(params, 'ConferenceSid', 'CF');
  const label = param(params, 'ParticipantLabelEndingConference');
  const reason = param(params, 'ReasonConferenceEnded') ?? '';
  let hangupBy: HangupSide | undefined;
  // Ended or kicked through the REST API is never a person on the call hanging up.
  if (/via-api|kicked/i.test(reason)) hangupBy = 'system';
  else if (reason !== 'last-participant-left' && isAgentLabel(label)) hangupBy = 'agent';
  else if (reason !== 'last-participant-left' && label === 'lead') hangupBy = 'lead';
  const event: ProviderEvent = {
    provider: 'twilio',
    providerEventId: `${conferenceSid}:conference-end`,
    providerCallId: null,
    callId: ctx.callId,
    kind: 'status',
    occurredAt: occurredAt(params, now),
    raw: rawOf(params),
  };
  if (hangupBy) event.hangupBy = hangupBy;
  if (hangupBy === 'lead') {
    event.status = 'completed';
    event.endedAt = event.occurredAt;
  }
  return event;
}

/** recording-status: one event per recording and status. */
export function normalizeRecordingStatus(params: TwilioParams, ctx: CallbackContext, now: Date): ProviderEvent {
  const recordingSid = sid(params, 'RecordingSid', 'RE');
  const status = required(params, 'RecordingStatus');
  if (!(RECORDING_STATUSES as readonly string[]).includes(status)) throw new TwilioPayloadError(`RecordingStatus "${status}" is not a Twilio recording status`);
  const recordingUrl = param(params, 'RecordingUrl');
  if (status === 'completed' && !recordingUrl) throw new TwilioPayloadError('RecordingUrl is missing from a completed recording');
  const callSid = param(params, 'CallSid');
  const event: ProviderEvent = {
    provider: 'twilio',
    providerEventId: `${recordingSid}:${status}`,
    providerCallId: ctx.agentCallSid ?? (callSid && SID.test(callSid) ? callSid : null),
    callId: ctx.callId,
    kind: 'recording',
    occurredAt: now,
    recordingStatus: status as RecordingStatus,
    raw: rawOf(params),
  };
  if (recordingUrl) event.recordingUrl = recordingUrl;
  return event;
}

/** An RFC 2822 time from the Calls API ("Tue, 31 Aug 2010 20:36:44 +0000"), or null when empty. */
function resourceTime(body: Record<string, unknown>, name: string): Date | null {
  const raw = body[name];
  if (raw === null || raw === undefined || raw === '') return null;
  const at = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(at)) throw new TwilioPayloadError(`${name} "${String(raw)}" is not an RFC 2822 date`);
  return new Date(at);
}

/** The Calls API gives duration as a string of seconds ("15"); empty while a call goes on or when nobody answered. */
function resourceSeconds(body: Record<string, unknown>, name: string): number | undefined {
  const raw = body[name];
  if (raw === null || raw === undefined || raw === '') return undefined;
  const text = String(raw);
  if (!/^\d+$/.test(text)) throw new TwilioPayloadError(`${name} must be whole seconds`);
  return Number(text);
}

/**
 * The Calls API's answer for the leg dial() placed (GET /Calls/{Sid}.json), when the callbacks
 * about it are overdue: the status event a callback for that leg would carry now, mapped as
 * normalizeCallStatus maps it. lead_first: the leg is the lead's, so it is the call's status, its
 * end time and talk time. agent_first: the leg is the agent's, which ends the call itself when it
 * never connected (busy, no-answer, failed, canceled: the lead was never rung). An agent's leg
 * that completed ended the conference and with it the lead's leg, whose own outcome the agent's
 * leg does not tell: completed when the engine has seen the lead answer, else failed (the weakest
 * end, which the lead's own report overrides should it still arrive). An inbound caller's call
 * (direction inbound) is read as a lead_first lead's.
 *
 * Twilio leaves end_time empty for a call that did not complete and duration empty for one nobody
 * answered; date_updated (the call's last change) then stands for its end.
 */
export function eventsFromCallResource(
  body: unknown,
  call: { callId: string; providerCallId: string; mode?: DialMode; answered?: boolean },
  now: Date,
): ProviderEvent[] {
  if (!isRecordValue(body)) throw new TwilioPayloadError('the Calls API answered without a call');
  if (body.sid !== call.providerCallId) throw new TwilioPayloadError(`the Calls API answered for ${String(body.sid)}, not ${call.providerCallId}`);
  const raw = body.status;
  if (typeof raw !== 'string' || !(TWILIO_CALL_STATUSES as readonly string[]).includes(raw)) {
    throw new TwilioPayloadError(`status "${String(raw)}" is not a Twilio call status`);
  }
  const twilioStatus = raw as TwilioCallStatus;
  // An inbound caller's call is the lead's leg whatever mode the engine passes (Twilio says so itself).
  const leadLeg = call.mode === 'lead_first' || body.direction === 'inbound';
  const status: CallStatus | undefined = leadLeg ? LEAD_STATUS[twilioStatus] : (AGENT_STATUS[twilioStatus] ?? (call.answered ? 'completed' : 'failed'));
  if (!status) return [];
  const event: ProviderEvent = {
    provider: 'twilio',
    providerEventId: `${call.providerCallId}:fetched:${status}`,
    providerCallId: call.providerCallId,
    callId: call.callId,
    kind: 'status',
    status,
    occurredAt: now,
    raw: { source: 'calls-api', call: body },
  };
  if (isTwilioTerminal(twilioStatus)) {
    const ended = resourceTime(body, 'end_time') ?? resourceTime(body, 'date_updated') ?? now;
    event.occurredAt = ended;
    event.endedAt = ended;
    const talk = leadLeg && twilioStatus === 'completed' ? resourceSeconds(body, 'duration') : undefined;
    if (talk !== undefined) {
      event.durationSeconds = talk;
      event.answeredAt = new Date(ended.getTime() - talk * 1000);
    }
  }
  return [event];
}

const isRecordValue = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
