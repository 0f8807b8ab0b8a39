/**
 * What the Twilio adapter hands Twilio to run a call: the TwiML that puts a leg into the call's
 * conference (or plays a given-up lead its message), what an inbound caller hears (greeting, queue,
 * hold music), and the callback URLs whose (signed) query tells the webhooks which call, which
 * leg and which dial mode a callback is about (twilio.events.ts reads it back):
 *   callId    our call id, on every callback but an inbound caller's status (see leg=inbound)
 *   leg       agent | lead | conference | inbound (the number's status callback for the calls it
 *             receives: the setup gives it as voice-status?leg=inbound, with no call of ours in it)
 *             | transfer (a colleague a transfer rings: twilio.controls.ts)
 *   mode      lead_first on a lead_first call's callbacks; absent means agent_first
 *   agent     agent_first, leg=lead: the agent's call SID (the call's providerCallId)
 *   leadCall  lead_first, leg=agent, and leg=transfer: the lead's call SID
 *   lead, ring, limit, record   agent_first, leg=agent: the lead's dial plan (LeadPlan)
 *   amd       1 on the answering-machine result's URL (AsyncAmdStatusCallback), which has no CallStatus
 *   abandoned 1 on a given-up lead's status URL, set by abandon(): its end is the system's, after
 *             the message (kept in the signed URL, so any node, even after a restart, reads it)
 */
import type { IncomingAnswer } from '../telephony.port.js';

export const TWILIO_CALLBACK_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;

/** The agent_first lead's dial plan, carried in the agent leg's callback URL. */
export type LeadPlan = { leadPhone: string; ringTimeoutSeconds: number; timeLimitSeconds: number; record: boolean };

/**
 * An agent's participant label: "agent" for the agent the call was placed or bridged for, and
 * "agent-<user id>" for a colleague a transfer added (labels are unique within a conference).
 */
export const isAgentLabel = (label: string | null | undefined): boolean => label === 'agent' || (label?.startsWith('agent-') ?? false);
export const transferLabel = (userId: string) => `agent-${userId}`;

export const xmlEscape = (v: string): string =>
  v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

export function callbackUrl(publicBaseUrl: string, path: 'voice-status' | 'recording-status' | 'queue-wait', query: Record<string, string>): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/webhooks/twilio/${path}?${new URLSearchParams(query)}`;
}

/** The lead's dial plan from the agent leg's callback query; null when it is not there. */
export function readLeadPlan(query: URLSearchParams): LeadPlan | null {
  const leadPhone = query.get('lead');
  const ring = Number(query.get('ring'));
  const limit = Number(query.get('limit'));
  if (!leadPhone || !Number.isInteger(ring) || ring < 1 || !Number.isInteger(limit) || limit < 1) return null;
  return { leadPhone, ringTimeoutSeconds: ring, timeLimitSeconds: limit, record: query.get('record') === '1' };
}

/** Twilio's <Say> language for a lead's language: Hindi for 'hi' and its tags (hi-IN), else Indian English. */
export const sayLanguage = (language: string): 'hi-IN' | 'en-IN' => (/^hi(?:[-_]|$)/i.test(language.trim()) ? 'hi-IN' : 'en-IN');

/** A given-up lead's TwiML: the message in the lead's language, then the hang-up. */
export const abandonTwiml = (message: { text: string; language: string }): string =>
  `<Response><Say language="${sayLanguage(message.language)}">${xmlEscape(message.text)}</Say><Hangup/></Response>`;

/**
 * Forks the leg's audio to our media stream first (<Start><Stream>: one-way, the call goes on at
 * once), both tracks: what the leg's phone sends (inbound) and what it hears (outbound).
 */
const streamTwiml = (streamUrl: string | null): string => (streamUrl ? `<Start><Stream url="${xmlEscape(streamUrl)}" track="both_tracks"/></Start>` : '');

/** Into the conference named by our call id, ending it on leaving; its end is reported (leg=conference). */
function conferenceDial(label: 'agent' | 'lead', callId: string, publicBaseUrl: string): string {
  const status = callbackUrl(publicBaseUrl, 'voice-status', { callId, leg: 'conference' });
  return (
    `<Dial><Conference participantLabel="${label}" startConferenceOnEnter="true" endConferenceOnExit="true" beep="false"` +
    ` statusCallback="${xmlEscape(status)}" statusCallbackMethod="POST" statusCallbackEvent="end">${xmlEscape(callId)}</Conference></Dial>`
  );
}

const conferenceTwiml = (label: 'agent' | 'lead', callId: string, publicBaseUrl: string, streamUrl: string | null): string =>
  `<Response>${streamTwiml(streamUrl)}${conferenceDial(label, callId, publicBaseUrl)}</Response>`;

/**
 * Keypad tones for the lead's line (an IVR there hears them), then the lead back into the call's
 * conference. No <Start> here: a media stream or recording started on the call goes on by itself.
 * `digits`: 0-9, *, #, and w for a half-second pause.
 */
export const dtmfTwiml = (digits: string, callId: string, publicBaseUrl: string): string =>
  `<Response><Play digits="${xmlEscape(digits)}"/>${conferenceDial('lead', callId, publicBaseUrl)}</Response>`;

/** agent_first: the agent's TwiML, run when the agent answers; its stream carries the agent (inbound) and the lead (outbound). */
export const agentTwiml = (callId: string, publicBaseUrl: string, streamUrl: string | null = null): string =>
  conferenceTwiml('agent', callId, publicBaseUrl, streamUrl);

/** lead_first: the lead's TwiML, run when the lead answers; the lead waits there for bridge(). Its stream carries the lead (inbound) and the agent (outbound). */
export const leadTwiml = (callId: string, publicBaseUrl: string, streamUrl: string | null = null): string =>
  conferenceTwiml('lead', callId, publicBaseUrl, streamUrl);

// ---- inbound: what a caller to our number hears ----

/** Twilio's own hold music (a track of its public classical playlist), unless configured otherwise. */
export const DEFAULT_HOLD_MUSIC_URL = 'http://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3';

/** The one Twilio queue inbound callers wait in; <Enqueue> creates it on first use (names: up to 64 characters). */
export const INBOUND_QUEUE = 'telehub-inbound';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** What a caller hears when TeleHub cannot route the call: better than Twilio's own application-error message. */
export const UNAVAILABLE_TWIML = '<Response><Say language="en-IN">Sorry, we cannot take your call now. Please call again later.</Say><Hangup/></Response>';

const say = (text: string, language: string): string => (text.trim() ? `<Say language="${sayLanguage(language)}">${xmlEscape(text.trim())}</Say>` : '');

/**
 * Records the caller's call from the greeting on, in two channels (the caller; what the caller
 * hears: greeting, hold music, then the agent), as a lead_first lead's call is recorded; the
 * recording goes on when bridge() moves the call into its conference, and reports to the same
 * recording-status URL as a lead_first call's.
 */
function recordingTwiml(callId: string, publicBaseUrl: string): string {
  const callback = callbackUrl(publicBaseUrl, 'recording-status', { callId, mode: 'lead_first' });
  return (
    `<Start><Recording channels="dual" track="both" trim="do-not-trim" recordingStatusCallback="${xmlEscape(callback)}"` +
    ' recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent"/></Start>'
  );
}

/** Twilio's <Dial> timeout: whole seconds, 5 to 600. */
const dialTimeout = (seconds: number): number => Math.min(600, Math.max(5, Math.round(Number.isFinite(seconds) ? seconds : 30)));

/**
 * After the greeting, by IncomingAnswer.action:
 * - queue: <Enqueue> into INBOUND_QUEUE, its waitUrl our queue-wait route (position and hold
 *   music). No action attribute: bridge(), abandon() and hangup() move the caller out by
 *   updating the call, whose new TwiML then runs; a <Leave/> from queue-wait falls through to
 *   the end of this document, which ends the call.
 * - ring: one <Dial> per phone, in order (without an action, Twilio goes on to the next <Dial>
 *   when one is not answered). Only a fallback here: a <Dial> whose agent hangs up after talking
 *   goes on to the next one as well, which is why Twilio's inbound is 'queue'.
 * - closed: the message, then the hang-up.
 */
const AFTER_GREETING: Record<IncomingAnswer['action'], (answer: IncomingAnswer, publicBaseUrl: string) => string> = {
  queue: (answer, publicBaseUrl) => {
    const waitUrl = callbackUrl(publicBaseUrl, 'queue-wait', { callId: answer.callId });
    return `<Enqueue waitUrl="${xmlEscape(waitUrl)}" waitUrlMethod="POST">${INBOUND_QUEUE}</Enqueue>`;
  },
  ring: (answer) => answer.phones.map((phone) => `<Dial timeout="${dialTimeout(answer.ringSeconds)}"><Number>${xmlEscape(phone)}</Number></Dial>`).join(''),
  closed: () => '<Hangup/>',
};

/** The answer to the number's incoming-call webhook, from what InboundHooks.arrive() decided. */
export function incomingTwiml(answer: IncomingAnswer, publicBaseUrl: string): string {
  const record = answer.record && answer.action !== 'closed' ? recordingTwiml(answer.callId, publicBaseUrl) : '';
  return `<Response>${record}${say(answer.message, answer.language)}${AFTER_GREETING[answer.action](answer, publicBaseUrl)}</Response>`;
}

/**
 * The answer to Enqueue's waitUrl, which Twilio requests when the caller joins the queue and again
 * each time the document ends: the caller's message (their place in the queue), then one piece of
 * hold music. Only verbs a waitUrl document may hold (Play, Say, Pause, Hangup, Redirect, Leave,
 * Gather). A caller TeleHub no longer holds (null) leaves the queue, which ends the call.
 */
export function queueWaitTwiml(wait: { language: string; message: string } | null, holdMusicUrl: string): string {
  if (!wait) return '<Response><Leave/></Response>';
  return `<Response>${say(wait.message, wait.language)}<Play>${xmlEscape(holdMusicUrl)}</Play></Response>`;
}

/** Hold music alone: the caller keeps waiting while TeleHub cannot say more (Twilio asks again after it). */
export const holdTwiml = (holdMusicUrl: string): string => `<Response><Play>${xmlEscape(holdMusicUrl)}</Play></Response>`;
