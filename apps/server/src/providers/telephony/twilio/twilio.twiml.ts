/**
 * What the Twilio adapter hands Twilio to run a call: the TwiML that puts a leg into the call's
 * conference, and the callback URLs whose (signed) query tells the webhooks which call, which
 * leg and which dial mode a callback is about (twilio.events.ts reads it back):
 *   callId    our call id, on every callback
 *   leg       agent | lead | conference
 *   mode      lead_first on a lead_first call's callbacks; absent means agent_first
 *   agent     agent_first, leg=lead: the agent's call SID (the call's providerCallId)
 *   leadCall  lead_first, leg=agent: the lead's call SID (the call's providerCallId)
 *   lead, ring, limit, record   agent_first, leg=agent: the lead's dial plan (LeadPlan)
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

/** Into the conference named by our call id, ending it on leaving; its end is reported (leg=conference). */
function conferenceTwiml(label: 'agent' | 'lead', callId: string, publicBaseUrl: string): string {
  const status = callbackUrl(publicBaseUrl, 'voice-status', { callId, leg: 'conference' });
  return (
    `<Response><Dial><Conference participantLabel="${label}" startConferenceOnEnter="true" endConferenceOnExit="true" beep="false"` +
    ` statusCallback="${xmlEscape(status)}" statusCallbackMethod="POST" statusCallbackEvent="end">${xmlEscape(callId)}</Conference></Dial></Response>`
  );
}

/** agent_first: the agent's TwiML, run when the agent answers. */
export const agentTwiml = (callId: string, publicBaseUrl: string): string => conferenceTwiml('agent', callId, publicBaseUrl);

/** lead_first: the lead's TwiML, run when the lead answers; the lead waits there for bridge(). */
export const leadTwiml = (callId: string, publicBaseUrl: string): string => conferenceTwiml('lead', callId, publicBaseUrl);
