/**
 * The form parameters the Twilio stand-in takes on each endpoint TeleHub uses, spelled as the
 * official twilio-node SDK sends them (rest/api/v2010/account/call.js, conference.js,
 * conference/participant.js). A parameter outside its endpoint's list is refused with a 400, so a
 * misspelt or misplaced parameter (AsyncAMD, MachineDetection on a call update) fails a test
 * instead of being lost; and the answering-machine parameters are checked as Twilio documents them.
 */
import { Refusal } from './twilio-standin.twiml.js';

export type Endpoint = 'call.create' | 'call.update' | 'conference.update' | 'participant.create' | 'participant.update';

const MACHINE_DETECTION = [
  'MachineDetection',
  'MachineDetectionTimeout',
  'MachineDetectionSpeechThreshold',
  'MachineDetectionSpeechEndThreshold',
  'MachineDetectionSilenceTimeout',
];
const RECORDING = [
  'Record',
  'RecordingChannels',
  'RecordingStatusCallback',
  'RecordingStatusCallbackMethod',
  'RecordingStatusCallbackEvent',
  'RecordingTrack',
  'Trim',
];

const PARAMS: Record<Endpoint, ReadonlySet<string>> = {
  'call.create': new Set([
    'To',
    'From',
    'Url',
    'Twiml',
    'ApplicationSid',
    'Method',
    'FallbackUrl',
    'FallbackMethod',
    'StatusCallback',
    'StatusCallbackEvent',
    'StatusCallbackMethod',
    'SendDigits',
    'Timeout',
    'TimeLimit',
    ...RECORDING,
    'SipAuthUsername',
    'SipAuthPassword',
    ...MACHINE_DETECTION,
    'AsyncAmd',
    'AsyncAmdStatusCallback',
    'AsyncAmdStatusCallbackMethod',
    'CallerId',
    'Byoc',
    'CallReason',
    'CallToken',
    'ClientNotificationUrl',
  ]),
  'call.update': new Set(['Url', 'Method', 'Status', 'FallbackUrl', 'FallbackMethod', 'StatusCallback', 'StatusCallbackMethod', 'Twiml', 'TimeLimit']),
  'conference.update': new Set(['Status', 'AnnounceUrl', 'AnnounceMethod']),
  'participant.create': new Set([
    'From',
    'To',
    'Label',
    'StatusCallback',
    'StatusCallbackMethod',
    'StatusCallbackEvent',
    'Timeout',
    'TimeLimit',
    'Muted',
    'Beep',
    'StartConferenceOnEnter',
    'EndConferenceOnExit',
    'WaitUrl',
    'WaitMethod',
    'EarlyMedia',
    'MaxParticipants',
    'ConferenceRecord',
    'ConferenceTrim',
    'ConferenceStatusCallback',
    'ConferenceStatusCallbackMethod',
    'ConferenceStatusCallbackEvent',
    'ConferenceRecordingStatusCallback',
    'ConferenceRecordingStatusCallbackMethod',
    'ConferenceRecordingStatusCallbackEvent',
    ...RECORDING,
    'Coaching',
    'CallSidToCoach',
    'SipAuthUsername',
    'SipAuthPassword',
    'Region',
    'JitterBufferSize',
    'Byoc',
    'CallerId',
    'CallerDisplayName',
    'CallReason',
    'CallToken',
    'ClientNotificationUrl',
    ...MACHINE_DETECTION,
    'AmdStatusCallback',
    'AmdStatusCallbackMethod',
  ]),
  'participant.update': new Set([
    'Muted',
    'Hold',
    'HoldUrl',
    'HoldMethod',
    'AnnounceUrl',
    'AnnounceMethod',
    'WaitUrl',
    'WaitMethod',
    'BeepOnExit',
    'EndConferenceOnExit',
    'Coaching',
    'CallSidToCoach',
  ]),
};

/** Refuses a form with a parameter the endpoint does not take. */
export function checkParams(endpoint: Endpoint, form: URLSearchParams): void {
  const allowed = PARAMS[endpoint];
  const unknown = [...new Set(form.keys())].filter((k) => !allowed.has(k));
  if (unknown.length) throw new Refusal(400, 20001, `Unknown parameters for ${endpoint}: ${unknown.join(', ')}`);
}

/** What a call asked of answering-machine detection. */
export type StandinAmd = { mode: 'Enable' | 'DetectMessageEnd'; async: boolean; callback: string | null };

/**
 * The answering-machine parameters of a call create: MachineDetection Enable or DetectMessageEnd;
 * AsyncAmd true or false; AsyncAmdStatusCallback (under the public base URL, as every callback)
 * and its method. The async ones mean nothing without MachineDetection and async detection
 * without a callback reports nowhere: both are refused, as likely mistakes.
 */
export function readMachineDetection(form: URLSearchParams, publicBaseUrl: string): StandinAmd | null {
  const mode = form.get('MachineDetection');
  const asyncRaw = form.get('AsyncAmd');
  const callback = callbackParam(form, publicBaseUrl, 'AsyncAmdStatusCallback');
  const method = form.get('AsyncAmdStatusCallbackMethod');
  if (mode === null) {
    const stray = ['AsyncAmd', 'AsyncAmdStatusCallback', 'AsyncAmdStatusCallbackMethod', ...MACHINE_DETECTION].filter((k) => form.has(k));
    if (stray.length) throw new Refusal(400, 21218, `${stray.join(', ')} given without MachineDetection`);
    return null;
  }
  if (mode !== 'Enable' && mode !== 'DetectMessageEnd') throw new Refusal(400, 21218, 'MachineDetection must be Enable or DetectMessageEnd');
  if (asyncRaw !== null && asyncRaw !== 'true' && asyncRaw !== 'false') throw new Refusal(400, 21218, 'AsyncAmd must be true or false');
  if (method !== null && method !== 'GET' && method !== 'POST') throw new Refusal(400, 21218, 'AsyncAmdStatusCallbackMethod must be GET or POST');
  const isAsync = asyncRaw === 'true';
  if (isAsync && callback === null) throw new Refusal(400, 21218, 'AsyncAmd=true needs an AsyncAmdStatusCallback to report to');
  return { mode, async: isAsync, callback };
}

// ---- reading values as Twilio does ----

/** A callback URL parameter, which must point under the public base URL (our own rule). */
export function callbackParam(form: URLSearchParams, publicBaseUrl: string, name: string): string | null {
  const v = form.get(name);
  if (v === null) return null;
  if (!v.startsWith(`${publicBaseUrl}/`)) throw new Refusal(400, 21609, `${name} ${v} is not under ${publicBaseUrl}`);
  return v;
}

/** A repeated or space-separated list of events, each one of `allowed`. */
export function eventsParam(form: URLSearchParams, name: string, allowed: string[]): string[] {
  const values = form.getAll(name).flatMap((v) => v.split(' ').filter(Boolean));
  for (const v of values) if (!allowed.includes(v)) throw new Refusal(400, 21626, `${name} "${v}" is not one of ${allowed.join(', ')}`);
  return values;
}

export function intParam(form: URLSearchParams, name: string, min: number, max: number): number | null {
  const v = form.get(name);
  if (v === null) return null;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new Refusal(400, 21218, `${name} must be a whole number from ${min} to ${max}`);
  return Number(v);
}

export function boolParam(form: URLSearchParams, name: string): boolean | null {
  const v = form.get(name);
  if (v === null) return null;
  if (v !== 'true' && v !== 'false') throw new Refusal(400, 21218, `${name} must be true or false`);
  return v === 'true';
}
