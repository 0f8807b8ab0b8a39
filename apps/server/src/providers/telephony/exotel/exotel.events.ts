/**
 * Exotel's status callbacks and its Call Details, read into ProviderEvents. Both sources are
 * first reduced to the same facts and then turned into events by the same code, so a call that
 * was reconciled and the callbacks that arrive for it later carry the same event ids with the
 * same content: ingestion keeps whichever came first, and the other is a duplicate.
 *
 * Event ids are `${CallSid}:${EventType}` (Exotel's own dedupe key), with `terminal` for the
 * callbacks of older accounts that send no EventType.
 */
import type { CallStatus, HangupSide } from '@telehub/shared';
import { fromWallClock } from '../../../platform/time.js';
import type { ProviderEvent } from '../telephony.port.js';

/** A payload field we cannot read; the webhook answers 400 naming it. */
export class ExotelPayloadError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ExotelPayloadError';
  }
}

export type ExotelEventType = 'answered' | 'terminal' | 'ringing';

export const exotelEventId = (callSid: string, eventType: ExotelEventType) => `${callSid}:${eventType}`;

type Leg = { status: string | null; onCallSeconds: number | null };

/** What one callback or one Call Details answer says about a call. */
export type ExotelFacts = {
  callSid: string;
  callId: string | null;
  /** Exotel's overall Status, lower-case with hyphens (`no-answer`). */
  status: string | null;
  startTime: Date | null;
  endTime: Date | null;
  dateUpdated: Date | null;
  /** Seconds both parties were connected. */
  conversationSeconds: number | null;
  recordingUrl: string | null;
  /** Leg 1 is the agent (From, dialed first); leg 2 the lead (To). */
  agentLeg: Leg | null;
  leadLeg: Leg | null;
};

type Terminal = Extract<CallStatus, 'completed' | 'no_answer' | 'busy' | 'failed' | 'canceled'>;

const TERMINAL = new Map<string, Terminal>([
  ['completed', 'completed'],
  ['no-answer', 'no_answer'],
  ['busy', 'busy'],
  ['failed', 'failed'],
  ['canceled', 'canceled'],
  ['cancelled', 'canceled'],
]);
const LIVE_STATUSES = new Set(['queued', 'ringing', 'in-progress', 'initiated']);
const ANSWERED_LEG = new Set(['completed', 'answered', 'in-progress']);
const EVENT_TYPES = new Set<string>(['answered', 'terminal', 'ringing']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Exotel words arrive as `no-answer`, sometimes `No Answer` or `no_answer`. */
const word = (v: string) =>
  v
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && (v.trim() === '' || v.trim().toLowerCase() === 'null'));

function text(obj: Record<string, unknown>, key: string, label: string): string | null {
  const v = obj[key];
  if (blank(v)) return null;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new ExotelPayloadError(label, 'must be text');
}

/** No call lasts longer (Exotel's own TimeLimit stops at 4 hours); a larger number is not a duration. */
export const MAX_CALL_SECONDS = 86_400;

/** Whole seconds from 0 to MAX_CALL_SECONDS; Exotel sends numbers as strings as often as not. */
function seconds(obj: Record<string, unknown>, key: string, label: string): number | null {
  const v = obj[key];
  if (blank(v)) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,9}(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isFinite(n) || n < 0) throw new ExotelPayloadError(label, `"${String(v).slice(0, 40)}" is not a number of seconds`);
  const whole = Math.round(n);
  if (whole > MAX_CALL_SECONDS) throw new ExotelPayloadError(label, `${String(v).slice(0, 40)} seconds is longer than any call (at most ${MAX_CALL_SECONDS})`);
  return whole;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Exotel writes `YYYY-MM-DD HH:mm:ss` without an offset, in the account's time zone (IST on
 * India accounts); an ISO time with an offset is read as exact, should Exotel ever send one.
 */
export function parseExotelTime(value: string, zone: string): Date | null {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offset = m[7];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (offset) {
    if (offset.toUpperCase() === 'Z') return new Date(utc);
    const digits = offset.slice(1).replace(':', '');
    const sign = offset.startsWith('-') ? -1 : 1;
    return new Date(utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000);
  }
  return fromWallClock([y, mo, d, h, mi, s], zone);
}

function time(obj: Record<string, unknown>, key: string, label: string, zone: string): Date | null {
  const raw = text(obj, key, label);
  if (raw === null || /^0000-00-00/.test(raw)) return null;
  const at = parseExotelTime(raw, zone);
  if (!at) throw new ExotelPayloadError(label, `"${raw}" is not a time in the form YYYY-MM-DD HH:mm:ss`);
  return at;
}

function url(obj: Record<string, unknown>, key: string, label: string): string | null {
  const raw = text(obj, key, label);
  if (raw === null) return null;
  if (!/^https?:\/\//i.test(raw) || !URL.canParse(raw)) throw new ExotelPayloadError(label, `"${raw}" is not an http(s) URL`);
  return raw;
}

function leg(status: string | null, onCallSeconds: number | null): Leg | null {
  return status === null && onCallSeconds === null ? null : { status: status === null ? null : word(status), onCallSeconds };
}

/**
 * Callback Legs: `[{OnCallDuration, Status, AnsweredBy}, ...]` in leg order, as an array, as
 * JSON text (a form field), or as an object keyed 0, 1 (bracketed form fields). Items shaped
 * `{Leg: {Id, ...}}` (the Call Details shape) are placed by their Id.
 */
function callbackLegs(value: unknown): [Leg | null, Leg | null] {
  let v = value;
  if (blank(v)) return [null, null];
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw new ExotelPayloadError('Legs', 'is not a JSON array');
    }
  }
  if (isRecord(v) && Object.keys(v).every((k) => /^\d+$/.test(k))) v = Object.keys(v).map((k) => (v as Record<string, unknown>)[k]);
  if (!Array.isArray(v)) throw new ExotelPayloadError('Legs', 'must be an array');
  const out: [Leg | null, Leg | null] = [null, null];
  v.forEach((item, i) => {
    const label = `Legs[${i}]`;
    if (!isRecord(item)) throw new ExotelPayloadError(label, 'must be an object');
    const legBody = isRecord(item.Leg) ? item.Leg : item;
    const id = seconds(legBody, 'Id', `${label}.Id`) ?? i + 1;
    if (id === 1 || id === 2) out[id - 1] = leg(text(legBody, 'Status', `${label}.Status`), seconds(legBody, 'OnCallDuration', `${label}.OnCallDuration`));
  });
  return out;
}

/** The facts a status callback reports (JSON, or a form already read into an object). */
export function readCallbackFacts(body: Record<string, unknown>, zone: string): ExotelFacts {
  const callSid = text(body, 'CallSid', 'CallSid');
  if (!callSid) throw new ExotelPayloadError('CallSid', 'is required');
  const status = text(body, 'Status', 'Status');
  const [agentLeg, leadLeg] = callbackLegs(body.Legs);
  return {
    callSid,
    callId: text(body, 'CustomField', 'CustomField'),
    status: status === null ? null : word(status),
    startTime: time(body, 'StartTime', 'StartTime', zone),
    endTime: time(body, 'EndTime', 'EndTime', zone),
    dateUpdated: time(body, 'DateUpdated', 'DateUpdated', zone),
    conversationSeconds: seconds(body, 'ConversationDuration', 'ConversationDuration'),
    recordingUrl: url(body, 'RecordingUrl', 'RecordingUrl'),
    agentLeg,
    leadLeg,
  };
}

/** The facts of `{Call: {..., Details: {ConversationDuration, Leg1Status, Leg2Status, Legs}}}`. */
export function readCallDetailsFacts(body: unknown, zone: string): ExotelFacts {
  if (!isRecord(body) || !isRecord(body.Call)) throw new ExotelPayloadError('Call', 'is missing');
  const call = body.Call;
  const callSid = text(call, 'Sid', 'Call.Sid');
  if (!callSid) throw new ExotelPayloadError('Call.Sid', 'is required');
  const details = isRecord(call.Details) ? call.Details : {};
  const onCall: [number | null, number | null] = [null, null];
  if (Array.isArray(details.Legs)) {
    details.Legs.forEach((item, i) => {
      const legBody = isRecord(item) && isRecord(item.Leg) ? item.Leg : item;
      if (!isRecord(legBody)) throw new ExotelPayloadError(`Call.Details.Legs[${i}]`, 'must be an object');
      const id = seconds(legBody, 'Id', `Call.Details.Legs[${i}].Id`) ?? i + 1;
      if (id === 1 || id === 2) onCall[id - 1] = seconds(legBody, 'OnCallDuration', `Call.Details.Legs[${i}].OnCallDuration`);
    });
  }
  const status = text(call, 'Status', 'Call.Status');
  return {
    callSid,
    callId: null,
    status: status === null ? null : word(status),
    startTime: time(call, 'StartTime', 'Call.StartTime', zone),
    endTime: time(call, 'EndTime', 'Call.EndTime', zone),
    dateUpdated: time(call, 'DateUpdated', 'Call.DateUpdated', zone),
    conversationSeconds: seconds(details, 'ConversationDuration', 'Call.Details.ConversationDuration'),
    recordingUrl: url(call, 'RecordingUrl', 'Call.RecordingUrl'),
    agentLeg: leg(text(details, 'Leg1Status', 'Call.Details.Leg1Status'), onCall[0]),
    leadLeg: leg(text(details, 'Leg2Status', 'Call.Details.Leg2Status'), onCall[1]),
  };
}

/** Whether a leg was picked up: its status says so, else its time on the call does; null when unknown. */
function answered(l: Leg | null): boolean | null {
  if (!l) return null;
  if (l.status !== null && (ANSWERED_LEG.has(l.status) || TERMINAL.has(l.status))) return ANSWERED_LEG.has(l.status);
  return l.onCallSeconds === null ? null : l.onCallSeconds > 0;
}

/** The lead was on the line with the agent. */
const leadAnswered = (f: ExotelFacts) => answered(f.agentLeg) !== false && ((f.conversationSeconds ?? 0) > 0 || answered(f.leadLeg) === true);

/**
 * How a finished Exotel call reads in TeleHub. Exotel's overall Status describes the call as a
 * whole, and on a connect call it can say `completed` because the agent's leg completed while
 * the lead never picked up; the legs say who did not answer:
 * - leg 1 (the agent) not answered: the lead was never dialed, so the call `failed`, hung up by
 *   the `agent` side, and the lead's attempt should not count as unanswered;
 * - the lead talked (ConversationDuration > 0 or leg 2 answered): `completed`;
 * - leg 2 not answered: its own status (no-answer, busy, failed; canceled when the agent gave up
 *   while it rang);
 * - no leg details (older accounts): the overall Status, where `completed` with a
 *   ConversationDuration of 0 means the agent's leg completed and the lead did not answer.
 */
export function terminalOutcome(f: ExotelFacts): { status: Terminal; hangupBy?: HangupSide } {
  const overall = f.status === null ? undefined : TERMINAL.get(f.status);
  if (!overall) throw new ExotelPayloadError('Status', `"${f.status ?? ''}" is not a final call status (completed, failed, busy, no-answer)`);
  if (answered(f.agentLeg) === false) return { status: 'failed', hangupBy: 'agent' };
  if (leadAnswered(f)) return { status: 'completed' };
  if (answered(f.leadLeg) === false) {
    const own = f.leadLeg?.status ? TERMINAL.get(f.leadLeg.status) : undefined;
    const status = own ?? (overall === 'completed' ? 'no_answer' : overall);
    return status === 'canceled' ? { status, hangupBy: 'agent' } : { status };
  }
  if (overall === 'completed' && f.conversationSeconds === 0) return { status: 'no_answer' };
  return { status: overall };
}

const baseEvent = (f: ExotelFacts, type: ExotelEventType, raw: Record<string, unknown>) => ({
  provider: 'exotel' as const,
  providerEventId: exotelEventId(f.callSid, type),
  providerCallId: f.callSid,
  callId: f.callId,
  kind: 'status' as const,
  raw,
});

/**
 * The lead answered. The one time both the answered callback and Call Details report is
 * StartTime, so answeredAt is that: both sources give the same value and the result does not
 * depend on which arrived first. It reads early by the ringing time (StartTime is when Exotel
 * began placing the call); talk time comes from ConversationDuration, not from this instant.
 */
function answeredEvent(f: ExotelFacts, raw: Record<string, unknown>, receivedAt: Date): ProviderEvent {
  const at = f.startTime ?? f.dateUpdated ?? receivedAt;
  return { ...baseEvent(f, 'answered', raw), status: 'in_progress', occurredAt: at, answeredAt: at };
}

function terminalEvent(f: ExotelFacts, raw: Record<string, unknown>, receivedAt: Date): ProviderEvent {
  const outcome = terminalOutcome(f);
  const endedAt = f.endTime ?? f.dateUpdated ?? receivedAt;
  const event: ProviderEvent = { ...baseEvent(f, 'terminal', raw), status: outcome.status, occurredAt: endedAt, endedAt };
  if (outcome.status === 'completed' && f.startTime) event.answeredAt = f.startTime;
  if (f.conversationSeconds !== null) event.durationSeconds = f.conversationSeconds;
  if (outcome.hangupBy) event.hangupBy = outcome.hangupBy;
  if (f.recordingUrl) {
    event.recordingUrl = f.recordingUrl;
    event.recordingStatus = 'completed';
  }
  return event;
}

export type NormalizeOptions = { timeZone: string; receivedAt: Date };

/** The field readers, for the other payloads Exotel sends (exotel.inbound.ts): one reading of text, seconds, times and links. */
export { seconds as readSeconds, text as readText, time as readTime, url as readUrl, word as exotelWord };

/**
 * One status callback as events: `answered` → in_progress, `terminal` (or no EventType at all,
 * as older accounts send) → the final status, `ringing` → ringing. Event types Exotel may add
 * later give no events, so the callback is acknowledged rather than retried. Throws
 * ExotelPayloadError naming the first field it cannot read.
 */
export function normalizeExotelCallback(body: unknown, opts: NormalizeOptions): ProviderEvent[] {
  if (!isRecord(body)) throw new ExotelPayloadError('(body)', 'must be a JSON object or a form');
  const eventTypeRaw = text(body, 'EventType', 'EventType');
  const eventType = eventTypeRaw === null ? 'terminal' : word(eventTypeRaw);
  if (!EVENT_TYPES.has(eventType)) return [];
  const facts = readCallbackFacts(body, opts.timeZone);
  if (eventType === 'answered') return [answeredEvent(facts, body, opts.receivedAt)];
  if (eventType === 'ringing') {
    const at = facts.dateUpdated ?? opts.receivedAt;
    return [{ ...baseEvent(facts, 'ringing', body), status: 'ringing', occurredAt: at }];
  }
  return [terminalEvent(facts, body, opts.receivedAt)];
}

/**
 * What Call Details (`?details=true`) says about a call, as the events its callbacks would have
 * produced: for a finished call the terminal event, preceded by the answered event when the
 * lead answered; nothing while the call is queued, ringing or in progress.
 */
export function eventsFromCallDetails(body: unknown, opts: NormalizeOptions & { callId: string | null }): ProviderEvent[] {
  const facts = { ...readCallDetailsFacts(body, opts.timeZone), callId: opts.callId };
  if (facts.status === null) throw new ExotelPayloadError('Call.Status', 'is required');
  if (LIVE_STATUSES.has(facts.status)) return [];
  const raw = { source: 'call-details', ...(isRecord(body) ? body : {}) };
  const terminal = terminalEvent(facts, raw, opts.receivedAt);
  return terminal.status === 'completed' ? [answeredEvent(facts, raw, opts.receivedAt), terminal] : [terminal];
}
