/**
 * What the Twilio adapter hands Twilio to run a call: the TwiML that puts a leg into the call's
 * conference (or plays a given-up lead its message), and the callback URLs whose (signed) query tells the webhooks which call, which
 * leg and which dial mode a callback is about (twilio.events.ts reads it back):
 *   callId    our call id, on every callback
 *   leg       agent | lead | conference
 *   mode      lead_first on a lead_first call's callbacks; absent means agent_first
 *   agent     agent_first, leg=lead: the agent's call SID (the call's providerCallId)
 *   leadCall  lead_first, leg=agent: the lead's call SID (the call's providerCallId)
 *   lead, ring, limit, record   agent_first, leg=agent: the lead's dial plan (LeadPlan)
 *   amd       1 on the answering-machine result's URL (AsyncAmdStatusCallback), which has no CallStatus
 *   abandoned 1 on a given-up lead's status URL, set by abandon(): its end is the system's, after
 *             the message (kept in the signed URL, so any node, even after a restart, reads it)
 */
export const TWILIO_CALLBACK_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;

/** The agent_first lead's dial plan, carried in the agent leg's callback URL. */
export type LeadPlan = { leadPhone: string; ringTimeoutSeconds: number; timeLimitSeconds: number; record: boolean };

export const xmlEscape = (v: string): string =>
  v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

export function callbackUrl(publicBaseUrl: string, path: 'voice-status' | 'recording-status', query: Record<string, string>): string {
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
function conferenceTwiml(label: 'agent' | 'lead', callId: string, publicBaseUrl: string, streamUrl: string | null): string {
  const status = callbackUrl(publicBaseUrl, 'voice-status', { callId, leg: 'conference' });
  return (
    `<Response>${streamTwiml(streamUrl)}<Dial><Conference participantLabel="${label}" startConferenceOnEnter="true" endConferenceOnExit="true" beep="false"` +
    ` statusCallback="${xmlEscape(status)}" statusCallbackMethod="POST" statusCallbackEvent="end">${xmlEscape(callId)}</Conference></Dial></Response>`
  );
}

/** agent_first: the agent's TwiML, run when the agent answers; its stream carries the agent (inbound) and the lead (outbound). */
export const agentTwiml = (callId: string, publicBaseUrl: string, streamUrl: string | null = null): string =>
  conferenceTwiml('agent', callId, publicBaseUrl, streamUrl);

/** lead_first: the lead's TwiML, run when the lead answers; the lead waits there for bridge(). Its stream carries the lead (inbound) and the agent (outbound). */
export const leadTwiml = (callId: string, publicBaseUrl: string, streamUrl: string | null = null): string =>
  conferenceTwiml('lead', callId, publicBaseUrl, streamUrl);
