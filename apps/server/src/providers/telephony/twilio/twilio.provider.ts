/**
 * Twilio Programmable Voice behind the telephony port, over its REST API (no SDK at run time).
 *
 * Call design: agent first, then the lead, both in a conference named by our call id.
 *  1. dial() calls the agent with TwiML that puts the agent into <Conference>{callId}</Conference>
 *     (label "agent", endConferenceOnExit). Its status callbacks come back with leg=agent.
 *  2. When the agent answers, the voice-status webhook asks connectLead() to add the lead to that
 *     conference through the Participants API (label "lead", endConferenceOnExit, ring timeout,
 *     time limit, dual-channel recording of the lead's leg). Its status callbacks come back with
 *     leg=lead: those are the call's ringing, answered and completed as the engine sees them.
 *  3. Whoever leaves first ends the conference, which drops the other; the conference's end
 *     callback names who that was (hangupBy).
 * Why a conference rather than <Dial><Number>: a manager can listen, whisper or barge only into a
 * conference, and moving a bridged call into one mid-call drops or re-dials a leg. Why the lead is
 * added on the agent's answer rather than at once: the lead must not ring before the agent is on.
 * The dial plan for the lead (number, ring time, time limit, recording) rides in the agent's
 * callback URL, which Twilio signs, so any server node can act on the callback without state.
 */
import type { Logger } from '../../../platform/logging.js';
import { type DialRequest, type DialResult, type FetchedRecording, ProviderError, type SuperviseMode, type TelephonyProvider } from '../telephony.port.js';
import { TWILIO_CALL_STATUSES, type TwilioCallStatus } from './twilio.events.js';

export type TwilioProviderOptions = {
  accountSid: string;
  authToken: string;
  /** The Twilio number (or verified caller id) both parties see. */
  callerId: string;
  /** https://api.twilio.com, or a stand-in in tests. */
  apiBaseUrl: string;
  /** Where Twilio reaches our webhooks (PUBLIC_BASE_URL); callback URLs and signatures use it. */
  publicBaseUrl: string;
  fetch?: typeof fetch;
  /** Per request, reading the answer included. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts after the first for requests that may be repeated. Default 2. */
  retries?: number;
  /** First backoff delay, doubled each retry (half of it random). Default 250 ms. */
  baseBackoffMs?: number;
  /** A longer Retry-After than this is not waited for. Default 30 s. */
  maxRetryAfterMs?: number;
  logger?: Pick<Logger, 'warn'>;
};

/** A request Twilio refused or did not answer; `code` is Twilio's error code when it sent one. */
export class TwilioError extends ProviderError {
  constructor(
    message: string,
    status: number | null,
    retryable: boolean,
    readonly code: number | null = null,
    readonly moreInfo: string | null = null,
  ) {
    super(message, status, retryable);
    this.name = 'TwilioError';
  }
}

/** What connectLead needs: the dial plan carried in the agent's callback URL, plus the agent's call. */
export type LeadPlan = { leadPhone: string; ringTimeoutSeconds: number; timeLimitSeconds: number; record: boolean };
export type ConnectLeadRequest = LeadPlan & { callId: string; agentCallSid: string };

export interface TwilioProvider extends TelephonyProvider {
  /** Adds the lead to the call's conference (after the agent answered); the lead's call SID. */
  connectLead(req: ConnectLeadRequest): Promise<{ leadCallSid: string }>;
  /** Hangs up one Twilio call; a call already over counts as done. */
  endLeg(callSid: string): Promise<void>;
  /** Twilio's current status of one call. */
  legStatus(callSid: string): Promise<TwilioCallStatus>;
}

/** Narrows the configured provider, for wiring the webhook routes that act on its legs. */
export const isTwilioProvider = (p: TelephonyProvider): p is TwilioProvider =>
  p.name === 'twilio' && typeof (p as Partial<TwilioProvider>).connectLead === 'function';

export const TWILIO_CALLBACK_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;
/** Twilio's "Call is not in-progress": the call already ended. */
const CALL_NOT_IN_PROGRESS = 21220;

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

type Answer = { status: number; headers: Headers; body: Buffer };
type Participant = { call_sid: string; label: string | null; status: string };
type Conference = { sid: string; status: string; friendly_name: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function json(answer: Answer): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    return null;
  }
}

export function createTwilioProvider(opts: TwilioProviderOptions): TwilioProvider {
  const doFetch = opts.fetch ?? fetch;
  const api = new URL(opts.apiBaseUrl);
  const base = `${api.origin}${api.pathname.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}`;
  const auth = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const attempts = 1 + Math.max(0, opts.retries ?? 2);
  const baseBackoff = opts.baseBackoffMs ?? 250;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 30_000;
  const publicBase = opts.publicBaseUrl.replace(/\/+$/, '');

  const backoff = (attempt: number) => {
    const ceiling = baseBackoff * 2 ** (attempt - 1);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  };

  function refusal(what: string, answer: Answer, retryable: boolean): TwilioError {
    const body = json(answer);
    if (isRecord(body) && typeof body.message === 'string') {
      const code = typeof body.code === 'number' ? body.code : null;
      const more = typeof body.more_info === 'string' ? body.more_info : null;
      return new TwilioError(`Twilio refused ${what}: ${body.message}${code ? ` (error ${code})` : ''}`, answer.status, retryable, code, more);
    }
    const text = answer.body.toString('utf8').replace(/\s+/g, ' ').slice(0, 200);
    return new TwilioError(`Twilio answered ${what} with HTTP ${answer.status}${text ? `: ${text}` : ''}`, answer.status, retryable);
  }

  /**
   * One REST exchange with retries. A 429 means Twilio did nothing, so every request is retried
   * after its Retry-After. 5xx, time-outs and network errors leave it unknown whether Twilio
   * acted: only requests that are safe to repeat (reads, hang-ups, participant updates) are
   * retried; creating a call or a participant twice would ring someone twice.
   */
  async function send(what: string, url: string, init: { method: 'GET' | 'POST'; form?: URLSearchParams; repeatable: boolean }): Promise<Answer> {
    let last: TwilioError | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let wait = backoff(attempt);
      try {
        const res = await doFetch(url, {
          method: init.method,
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            authorization: auth,
            accept: 'application/json',
            ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          body: init.form?.toString(),
        });
        const answer: Answer = { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
        if (answer.status >= 200 && answer.status < 300) return answer;
        if (answer.status === 429) {
          last = refusal(what, answer, true);
          const asked = retryAfterMs(answer.headers.get('retry-after'));
          if (asked !== null && asked > maxRetryAfter) throw last;
          if (asked !== null) wait = asked;
        } else if (answer.status >= 500) {
          last = refusal(what, answer, init.repeatable);
          if (!init.repeatable) throw last;
        } else {
          throw refusal(what, answer, false);
        }
      } catch (err) {
        if (err instanceof TwilioError) throw err;
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
        last = new TwilioError(`Twilio did not answer ${what}: ${timedOut ? `no answer within ${timeoutMs} ms` : cause}`, null, init.repeatable);
        if (!init.repeatable) throw last;
      }
      if (attempt < attempts) {
        opts.logger?.warn({ request: what, attempt, retryInMs: wait, problem: last?.message }, 'Twilio request failed; retrying');
        await sleep(wait);
      }
    }
    throw last ?? new TwilioError(`Twilio did not answer ${what}`, null, true);
  }

  const sidPath = (sid: string) => encodeURIComponent(sid);

  async function getJson(what: string, path: string): Promise<unknown> {
    return json(await send(what, `${base}${path}`, { method: 'GET', repeatable: true }));
  }

  async function postJson(what: string, path: string, form: URLSearchParams, repeatable: boolean): Promise<unknown> {
    return json(await send(what, `${base}${path}`, { method: 'POST', form, repeatable }));
  }

  function readSid(body: unknown, field: 'sid' | 'call_sid', what: string): string {
    const v = isRecord(body) ? body[field] : undefined;
    if (typeof v !== 'string' || !/^CA[0-9a-fA-F]{32}$/.test(v)) throw new TwilioError(`Twilio answered ${what} without a call SID`, null, false);
    return v;
  }

  async function liveConference(callId: string): Promise<Conference | null> {
    const body = await getJson('listing conferences', `/Conferences.json?${new URLSearchParams({ FriendlyName: callId })}`);
    const list = isRecord(body) && Array.isArray(body.conferences) ? body.conferences : [];
    const live = list.find((c): c is Conference => isRecord(c) && typeof c.sid === 'string' && c.friendly_name === callId && c.status !== 'completed');
    return live ?? null;
  }

  async function participants(conferenceSid: string): Promise<Participant[]> {
    const body = await getJson('listing participants', `/Conferences/${sidPath(conferenceSid)}/Participants.json`);
    const list = isRecord(body) && Array.isArray(body.participants) ? body.participants : [];
    return list.filter((p): p is Participant => isRecord(p) && typeof p.call_sid === 'string');
  }

  async function endLeg(callSid: string): Promise<void> {
    try {
      await postJson('hanging up a call', `/Calls/${sidPath(callSid)}.json`, new URLSearchParams({ Status: 'completed' }), true);
    } catch (err) {
      // A call that is already over is what hanging up asks for.
      if (err instanceof TwilioError && err.code === CALL_NOT_IN_PROGRESS) return;
      throw err;
    }
  }

  /** Recording links come from Twilio's callbacks: credentials go only to Twilio's own hosts. */
  function recordingAudioUrl(recordingUrl: string): string {
    let url: URL;
    try {
      url = new URL(recordingUrl);
    } catch {
      throw new TwilioError('the recording URL is not a URL', null, false);
    }
    const twilioHost = url.protocol === 'https:' && (url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com'));
    if (url.origin !== api.origin && !twilioHost) throw new TwilioError(`the recording URL is not on Twilio (${url.origin})`, null, false);
    url.pathname = `${url.pathname.replace(/\.(wav|mp3|json)$/i, '')}.wav`;
    return url.toString();
  }

  const supervision: readonly SuperviseMode[] = ['listen', 'whisper', 'barge'];

  return {
    name: 'twilio',
    supervision,
    dialModes: ['agent_first'],

    async dial(req: DialRequest): Promise<DialResult> {
      if (!req.agentPhone) throw new ProviderError('The agent has no phone number for Twilio to ring first', null, false);
      const form = new URLSearchParams({
        To: req.agentPhone,
        From: opts.callerId,
        Twiml: agentTwiml(req.callId, publicBase),
        StatusCallback: callbackUrl(publicBase, 'voice-status', {
          callId: req.callId,
          leg: 'agent',
          lead: req.leadPhone,
          ring: String(req.ringTimeoutSeconds),
          limit: String(req.timeLimitSeconds),
          record: req.record ? '1' : '0',
        }),
        StatusCallbackMethod: 'POST',
        Timeout: String(req.ringTimeoutSeconds),
        // The agent's leg also waits while the lead rings.
        TimeLimit: String(req.timeLimitSeconds + req.ringTimeoutSeconds),
      });
      for (const e of TWILIO_CALLBACK_EVENTS) form.append('StatusCallbackEvent', e);
      const body = await postJson('placing the call', '/Calls.json', form, false);
      return { providerCallId: readSid(body, 'sid', 'placing the call') };
    },

    async connectLead(req: ConnectLeadRequest): Promise<{ leadCallSid: string }> {
      const form = new URLSearchParams({
        From: opts.callerId,
        To: req.leadPhone,
        Label: 'lead',
        Timeout: String(req.ringTimeoutSeconds),
        TimeLimit: String(req.timeLimitSeconds),
        // The agent hears the lead's phone ring instead of silence.
        EarlyMedia: 'true',
        Beep: 'false',
        StartConferenceOnEnter: 'true',
        EndConferenceOnExit: 'true',
        StatusCallback: callbackUrl(publicBase, 'voice-status', { callId: req.callId, leg: 'lead', agent: req.agentCallSid }),
        StatusCallbackMethod: 'POST',
      });
      for (const e of TWILIO_CALLBACK_EVENTS) form.append('StatusCallbackEvent', e);
      if (req.record) {
        // The lead's leg in two channels: the lead, and everything the lead hears (agent, barge).
        form.set('Record', 'true');
        form.set('RecordingChannels', 'dual');
        form.set('RecordingStatusCallback', callbackUrl(publicBase, 'recording-status', { callId: req.callId, agent: req.agentCallSid }));
        form.set('RecordingStatusCallbackMethod', 'POST');
        form.append('RecordingStatusCallbackEvent', 'completed');
        form.append('RecordingStatusCallbackEvent', 'absent');
      }
      const body = await postJson('dialing the lead', `/Conferences/${sidPath(req.callId)}/Participants.json`, form, false);
      return { leadCallSid: readSid(body, 'call_sid', 'dialing the lead') };
    },

    endLeg,

    async legStatus(callSid: string): Promise<TwilioCallStatus> {
      const body = await getJson('reading a call', `/Calls/${sidPath(callSid)}.json`);
      const status = isRecord(body) ? body.status : undefined;
      if (typeof status !== 'string' || !(TWILIO_CALL_STATUSES as readonly string[]).includes(status)) {
        throw new TwilioError('Twilio answered a call without a known status', null, false);
      }
      return status as TwilioCallStatus;
    },

    /**
     * Ends the agent's call first, so the conference's end names the agent, then every other
     * participant still there or still ringing (a lead who has not answered yet is not dropped by
     * the conference ending).
     */
    async hangup(call: { callId: string; providerCallId: string }): Promise<void> {
      let others: Participant[] = [];
      try {
        const conference = await liveConference(call.callId);
        if (conference) others = (await participants(conference.sid)).filter((p) => p.call_sid !== call.providerCallId);
      } catch (err) {
        // Hanging up the agent matters most; a lead left ringing is dropped when it answers.
        opts.logger?.warn({ err, callId: call.callId }, 'could not list the call’s conference on Twilio; hanging up the agent only');
      }
      await endLeg(call.providerCallId);
      for (const p of others) await endLeg(p.call_sid);
    },

    async fetchRecording(call: { callId: string; providerCallId: string; recordingUrl: string }): Promise<FetchedRecording> {
      const answer = await send('fetching the recording', recordingAudioUrl(call.recordingUrl), { method: 'GET', repeatable: true });
      if (answer.body.length === 0) throw new TwilioError('Twilio answered the recording with no audio', answer.status, true);
      return { body: answer.body, contentType: answer.headers.get('content-type')?.split(';')[0]?.trim() || 'audio/wav' };
    },

    /**
     * Listen: muted. Whisper: coaching the agent's call (heard by the agent only). Barge: heard by
     * both. A supervisor already on the call switches mode in place instead of being rung again.
     */
    async supervise(call: { callId: string; providerCallId: string }, mode: SuperviseMode, supervisorPhone: string): Promise<void> {
      const conference = await liveConference(call.callId);
      if (!conference) throw new TwilioError('the call is not live on Twilio (no conference to join)', 409, false);
      const settings: Record<string, string> =
        mode === 'listen'
          ? { Muted: 'true', Coaching: 'false' }
          : mode === 'whisper'
            ? { Muted: 'false', Coaching: 'true', CallSidToCoach: call.providerCallId }
            : { Muted: 'false', Coaching: 'false' };
      const label = `supervisor:${supervisorPhone}`;
      const present = (await participants(conference.sid)).find((p) => p.label === label && p.status !== 'complete' && p.status !== 'failed');
      const path = `/Conferences/${sidPath(conference.sid)}/Participants`;
      if (present) {
        await postJson(`switching the supervisor to ${mode}`, `${path}/${sidPath(present.call_sid)}.json`, new URLSearchParams(settings), true);
        return;
      }
      const form = new URLSearchParams({
        From: opts.callerId,
        To: supervisorPhone,
        Label: label,
        Beep: 'false',
        StartConferenceOnEnter: 'false',
        EndConferenceOnExit: 'false',
        ...settings,
      });
      await postJson(`adding a supervisor to ${mode}`, `${path}.json`, form, false);
    },
  };
}
