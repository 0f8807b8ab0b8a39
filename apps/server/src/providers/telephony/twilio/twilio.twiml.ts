/**
 * What the Twilio adapter hands Twilio to run a call: the TwiML that puts a leg into the call's
 * conference, and the callback URLs whose (signed) query tells the webhooks which call, which
 * leg and which dial mode a callback is about.
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

/** The agent's TwiML: into the conference named by our call id, ending it on leaving. */
export function agentTwiml(callId: string, publicBaseUrl: string): string {
  const status = callbackUrl(publicBaseUrl, 'voice-status', { callId, leg: 'conference' });
  return (
    '<Response><Dial><Conference participantLabel="agent" startConferenceOnEnter="true" endConferenceOnExit="true" beep="false"' +
    ` statusCallback="${xmlEscape(status)}" statusCallbackMethod="POST" statusCallbackEvent="end">${xmlEscape(callId)}</Conference></Dial></Response>`
  );
}
