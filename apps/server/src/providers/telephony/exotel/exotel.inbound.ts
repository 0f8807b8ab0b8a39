/**
 * Inbound calls on Exotel, the adapter's half: what the ExoPhone's call flow asks of TeleHub and
 * what it tells TeleHub back. TeleHub never holds the caller. The flow's Connect applet takes its
 * parameters from a dynamic URL (/webhooks/exotel/incoming/:token): Exotel GETs it when a call
 * reaches the applet, with the call in the query string (CallSid, CallFrom, CallTo, Direction,
 * ...), and rings the numbers the JSON answer lists. Who answered comes afterwards, as a Passthru
 * GET (/webhooks/exotel/passthru/:token) from the applet's outcome branches and from the answer's
 * dial_passthru_event_url, read here into the connected hook and ordinary ProviderEvents.
 *
 * Sources, support.exotel.com/support/solutions/articles/: 3000096873 (Connect applet, dynamic
 * URL), 3000088074 (Dial Whom: CallType, DialWhomNumber), 48283 (Passthru applet), 3000106202
 * (start_call_playback), 48285 (Greeting applet reading its text from a URL).
 */
import { z } from 'zod';
import type { IncomingAnswer, IncomingCall, ProviderEvent } from '../telephony.port.js';
import {
  ExotelPayloadError,
  exotelEventId,
  exotelWord,
  type NormalizeOptions,
  parseExotelTime,
  readSeconds,
  readText,
  readTime,
  readUrl,
} from './exotel.events.js';

export const EXOTEL_INCOMING_PATH = '/webhooks/exotel/incoming';
export const EXOTEL_PASSTHRU_PATH = '/webhooks/exotel/passthru';
export const EXOTEL_GREETING_PATH = '/webhooks/exotel/greeting';

/** The URLs to enter in the ExoPhone's flow (App Bazaar), each ending in the secret token. */
export function exotelFlowUrls(publicBaseUrl: string, webhookToken: string) {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const token = encodeURIComponent(webhookToken);
  return {
    /** The Connect applet's Primary URL (its parameters from a URL). */
    connect: `${base}${EXOTEL_INCOMING_PATH}/${token}`,
    /** A Passthru applet on each branch out of the Connect applet; also the answer's dial_passthru_event_url. */
    passthru: `${base}${EXOTEL_PASSTHRU_PATH}/${token}`,
    /** A Greeting applet on the "didn't dial anyone" branch, reading its text from this URL. */
    greeting: `${base}${EXOTEL_GREETING_PATH}/${token}`,
  };
}

/**
 * The dynamic URL's answer, with the field names of Exotel's table. Fields TeleHub never sets
 * (outgoing_phone_number: left out, so Exotel shows the ExoPhone as configured in the flow) are
 * not in the schema, so nothing else can leave.
 */
export const ExotelConnectAnswer = z.object({
  /** true would have Exotel ask the URL again after every unanswered number; TeleHub lists them all at once. */
  fetch_after_attempt: z.boolean(),
  destination: z.object({ numbers: z.array(z.string()) }),
  record: z.boolean().optional(),
  recording_channels: z.enum(['single', 'dual']).optional(),
  max_ringing_duration: z.number().int().optional(),
  max_conversation_duration: z.number().int().optional(),
  music_on_hold: z.object({ type: z.enum(['default_tone', 'operator_tone', 'custom_tone']) }).optional(),
  start_call_playback: z.object({ playback_to: z.enum(['both', 'callee']), type: z.enum(['text', 'audio_url']), value: z.string() }).optional(),
  parallel_ringing: z.object({ activate: z.boolean(), max_parallel_attempts: z.number().int() }).optional(),
  dial_passthru_event_url: z.string().optional(),
});
export type ExotelConnectAnswer = z.infer<typeof ExotelConnectAnswer>;

/**
 * Dial nobody: an empty destination.numbers. The Connect applet then leaves by its "we didn't
 * dial anyone" transition (as integrators report it does for an error or a time-out of the URL),
 * the branch the flow gives the callers TeleHub does not connect: a Greeting reading
 * /webhooks/exotel/greeting, a Passthru, a Hangup. Exotel's article has the transitions set in
 * the flow "irrespective" of the URL, and the answer has no field that speaks without dialing
 * (start_call_playback plays once a dialed phone picks up), so that Greeting speaks a closed
 * line's message. Answering 200 with nobody to ring, never an error, also keeps Exotel off the
 * Fallback URL and the caller on the one branch that says something.
 */
export const NO_DIAL: ExotelConnectAnswer = { fetch_after_attempt: false, destination: { numbers: [] } };

/**
 * Longest ring of one number. Exotel rings a phone for at most a minute (its connect API's
 * TimeOut: "Maximum is 1 minute (which, we hear is mandated by TRAI)").
 */
export const MAX_RING_SECONDS = 60;
/** Exotel's longest call (TimeLimit, 4 hours). */
const MAX_TIME_LIMIT = 14_400;
const E164 = /^\+[1-9]\d{7,14}$/;

export type ConnectPlan = { answer: ExotelConnectAnswer; numbers: string[]; refused: string[] };

/**
 * TeleHub's 'ring' as the Connect applet's parameters: the phones in TeleHub's order, one at a
 * time (parallel_ringing off), each for ringSeconds (max_ringing_duration), the greeting
 * spoken to both sides when a phone picks up (start_call_playback: Exotel plays it "before the
 * call gets connected", to the callee or to both), the call recorded one party per channel when
 * TeleHub says so. Numbers go in E.164, as TeleHub keeps them; anything else is left out
 * (refused) rather than have Exotel reject the whole answer.
 */
export function connectPlan(answer: IncomingAnswer, opts: { passthruUrl: string | null; timeLimitSeconds: number }): ConnectPlan {
  const numbers: string[] = [];
  const refused: string[] = [];
  for (const raw of answer.phones) {
    const phone = raw.replace(/[\s()-]/g, '');
    if (!E164.test(phone)) refused.push(raw);
    else if (!numbers.includes(phone)) numbers.push(phone);
  }
  if (numbers.length === 0) return { answer: NO_DIAL, numbers, refused };
  const ring = Number.isFinite(answer.ringSeconds) ? Math.round(answer.ringSeconds) : 30;
  const out: ExotelConnectAnswer = {
    fetch_after_attempt: false,
    destination: { numbers },
    record: answer.record,
    max_ringing_duration: Math.min(MAX_RING_SECONDS, Math.max(1, ring)),
    max_conversation_duration: Math.min(MAX_TIME_LIMIT, Math.max(60, Math.round(opts.timeLimitSeconds))),
    // What the caller hears while the phones ring: the operator's tone, not Exotel's music (default_tone).
    music_on_hold: { type: 'operator_tone' },
    parallel_ringing: { activate: false, max_parallel_attempts: 1 },
  };
  if (answer.record) out.recording_channels = 'dual';
  const message = answer.message.trim();
  if (message) out.start_call_playback = { playback_to: 'both', type: 'text', value: message };
  if (opts.passthruUrl) out.dial_passthru_event_url = opts.passthruUrl;
  return { answer: out, numbers, refused };
}

const INCOMING = new Set(['incoming', 'inbound']);

/** The first of these times Exotel gave in a readable form, else null (older flows send Created as "Tue, 16 Feb 2016 15:56:26"). */
function firstTime(query: Record<string, unknown>, keys: string[], zone: string): Date | null {
  for (const key of keys) {
    const v = query[key];
    if (typeof v !== 'string' || /^0000-00-00/.test(v.trim())) continue;
    const at = parseExotelTime(v, zone);
    if (at) return at;
  }
  return null;
}

/**
 * The call the dynamic URL's query describes. Exotel names the caller CallFrom (and From) and
 * our number CallTo (and To), in its 0-prefixed national form; a Connect applet in an outbound
 * flow (Direction outbound-dial) is not an incoming call.
 */
export function readIncomingCall(query: Record<string, unknown>, opts: NormalizeOptions): IncomingCall {
  const callSid = readText(query, 'CallSid', 'CallSid');
  if (!callSid) throw new ExotelPayloadError('CallSid', 'is required');
  const direction = readText(query, 'Direction', 'Direction');
  if (direction && !INCOMING.has(exotelWord(direction))) throw new ExotelPayloadError('Direction', `"${direction}" is not an incoming call`);
  const from = readText(query, 'CallFrom', 'CallFrom') ?? readText(query, 'From', 'From');
  if (!from) throw new ExotelPayloadError('CallFrom', 'is required');
  const to = readText(query, 'CallTo', 'CallTo') ?? readText(query, 'To', 'To');
  if (!to) throw new ExotelPayloadError('CallTo', 'is required');
  return {
    provider: 'exotel',
    providerCallId: callSid,
    from,
    to,
    occurredAt: firstTime(query, ['StartTime', 'Created', 'CurrentTime'], opts.timeZone) ?? opts.receivedAt,
    raw: query,
  };
}

/** What Exotel says about the dial to the agents. */
export type ExotelDialOutcome = {
  callSid: string;
  /** The agent who picked up, as Exotel wrote the phone (DialWhomNumber), and when; null when nobody did. */
  connected: { agentPhone: string; at: Date } | null;
  events: ProviderEvent[];
};

/** DialCallStatus words that mean the phone was picked up, the call still going on. */
const LIVE = new Set(['in-progress', 'answered']);
const NOT_ANSWERED = new Set(['no-answer', 'busy', 'failed', 'canceled', 'cancelled']);
/**
 * CallType, per the Dial Whom article: completed (a conversation happened), client-hangup (the
 * caller hung up during the Connect applet), incomplete (nobody picked up), call-attempt (no
 * Connect: the applet dialed nobody), voicemail.
 */
const CALL_TYPES = new Set(['completed', 'client-hangup', 'incomplete', 'call-attempt', 'voicemail']);

/**
 * One Passthru GET (an applet after the Connect, or the dial_passthru_event_url): who picked up,
 * for InboundHooks.connected, and the caller's call as events for ingestion, with the CallSid as
 * providerCallId and no callId (ingestion finds the call by its provider id).
 *
 * As on the other providers' inbound calls, the events describe the caller's call, the call's
 * lead leg, which the flow answered when it came in (StartTime): in_progress then
 * (`${CallSid}:answered`), completed when it is over (`${CallSid}:terminal`, CurrentTime), its
 * length from StartTime, the recording when there is one. Whether an agent took it is what
 * `connected` says; a call nobody took ends completed all the same, hung up by the lead when the
 * caller gave up while the phones rang (client-hangup), by the system when they all rang out or
 * nobody was dialed (closed), and TeleHub counts it missed for want of an agent.
 *
 * DialCallStatus, where Exotel sends it, says whether the phone was picked up (and whether the
 * call is still going on); otherwise CallType does, a RecordingUrl or a ConversationDuration
 * counting as a conversation even when CallType says the caller hung up (on the agent). The
 * answer time is CurrentTime less the talk: ConversationDuration when sent, else DialCallDuration,
 * which Exotel counts from the moment it dialed the answering phone (so it reads early by that
 * phone's ring). Event ids match the status callbacks and Call Details, so a call reconciled
 * later keeps the first report.
 */
export function normalizeExotelPassthru(query: Record<string, unknown>, opts: NormalizeOptions): ExotelDialOutcome {
  const callSid = readText(query, 'CallSid', 'CallSid');
  if (!callSid) throw new ExotelPayloadError('CallSid', 'is required');
  const dialStatusRaw = readText(query, 'DialCallStatus', 'DialCallStatus');
  const dialStatus = dialStatusRaw === null ? null : exotelWord(dialStatusRaw);
  const callTypeRaw = readText(query, 'CallType', 'CallType');
  const callType = callTypeRaw === null ? null : exotelWord(callTypeRaw);
  if (callType !== null && !CALL_TYPES.has(callType) && dialStatus === null)
    throw new ExotelPayloadError('CallType', `"${callTypeRaw}" is not one of completed, client-hangup, incomplete, call-attempt, voicemail`);
  if (callType === null && dialStatus === null) throw new ExotelPayloadError('CallType', 'is required (or DialCallStatus)');

  const agent = readText(query, 'DialWhomNumber', 'DialWhomNumber');
  const at = readTime(query, 'CurrentTime', 'CurrentTime', opts.timeZone) ?? opts.receivedAt;
  const startTime = readTime(query, 'StartTime', 'StartTime', opts.timeZone);
  const conversation = readSeconds(query, 'ConversationDuration', 'ConversationDuration');
  const talk = conversation ?? readSeconds(query, 'DialCallDuration', 'DialCallDuration');
  const recordingUrl = readUrl(query, 'RecordingUrl', 'RecordingUrl');

  const base = { provider: 'exotel' as const, providerCallId: callSid, callId: null, kind: 'status' as const, raw: query };
  const events: ProviderEvent[] = [];
  if (startTime) {
    events.push({ ...base, providerEventId: exotelEventId(callSid, 'answered'), status: 'in_progress', occurredAt: startTime, answeredAt: startTime });
  }
  if (dialStatus !== null && LIVE.has(dialStatus)) return { callSid, connected: agent ? { agentPhone: agent, at } : null, events };

  const talked =
    dialStatus === 'completed' ||
    (dialStatus === null && callType === 'completed') ||
    ((dialStatus === null || !NOT_ANSWERED.has(dialStatus)) && (recordingUrl !== null || (conversation ?? 0) > 0));
  const ended: ProviderEvent = { ...base, providerEventId: exotelEventId(callSid, 'terminal'), status: 'completed', occurredAt: at, endedAt: at };
  if (startTime) {
    ended.answeredAt = startTime;
    ended.durationSeconds = Math.max(0, Math.round((at.getTime() - startTime.getTime()) / 1000));
  }
  if (callType === 'client-hangup') ended.hangupBy = 'lead';
  else if (!talked) ended.hangupBy = 'system';
  if (recordingUrl) {
    ended.recordingUrl = recordingUrl;
    ended.recordingStatus = 'completed';
  }
  events.push(ended);
  const connected = talked && agent ? { agentPhone: agent, at: talk !== null ? new Date(at.getTime() - talk * 1000) : at } : null;
  return { callSid, connected, events };
}
