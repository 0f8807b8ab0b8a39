/**
 * Exotel Voice API v1 as a telephony provider: click-to-call through "connect two numbers"
 * (the agent's phone rings first, then the lead's), recordings fetched after the call, and
 * Call Details to reconcile a call whose final callback never came. Status callbacks arrive
 * at /webhooks/exotel/status/:token (exotel.webhooks.ts). Incoming calls ring the agents' phones
 * through the ExoPhone's flow ('numbers', exotel.inbound.ts); no supervision (see
 * EXOTEL_SUPERVISION_UNAVAILABLE) and no in-call controls (EXOTEL_CONTROLS_UNAVAILABLE).
 *
 * agent_first only. The connect API rings From, then To, and joins them itself: it cannot ring
 * the lead alone and connect an agent chosen after the lead answered. lead_first needs an Exotel
 * flow whose Connect applet asks us for the agent's number at that moment (planned with the
 * dialer), so dial() refuses it and there is no bridge().
 *
 * Numbers go to Exotel in E.164 (+91...), as TeleHub stores them: Exotel's connect API asks for
 * From "preferably in E.164 format" and reads To the same way; it answers with the 0-prefixed
 * national form, which nothing here relies on (CustomField carries our call id).
 */
import type { Clock } from '../../../platform/context.js';
import type { Logger } from '../../../platform/logging.js';
import { type DialRequest, ProviderError, type ProviderEvent, type TelephonyProvider } from '../telephony.port.js';
import { ExotelPayloadError, eventsFromCallDetails } from './exotel.events.js';

export type ExotelProviderOptions = {
  accountSid: string;
  apiKey: string;
  apiToken: string;
  /** The ExoPhone both parties see. */
  callerId: string;
  /** https://api.in.exotel.com (Mumbai) or https://api.exotel.com (Singapore). */
  apiBaseUrl: string;
  /** Where Exotel reaches this server (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** The secret path segment of the status callback URL (EXOTEL_WEBHOOK_TOKEN). */
  webhookToken: string;
  /**
   * Where recordings may be fetched from (EXOTEL_RECORDING_HOSTS): URL prefixes such as
   * https://recordings.exotel.com/. The API host is always allowed. A link elsewhere, or a
   * redirect there, is refused before any request.
   */
  recordingSources: readonly string[];
  /** Zone of Exotel's offset-less times; default Asia/Kolkata. */
  timeZone?: string;
  fetch?: typeof fetch;
  /** Time-out of one API request, reading the answer included; default 15 s. */
  timeoutMs?: number;
  /** Further attempts after a failed one that may pass (5xx, 429, network); default 3. */
  retries?: number;
  /** Time-out of one recording download; default 120 s. */
  recordingTimeoutMs?: number;
  /** First backoff delay, doubled each attempt with jitter; default 500 ms, at most maxBackoffMs (10 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  clock?: Clock;
  logger?: Logger;
};

/** Exotel's longest call (TimeLimit), seconds. */
const MAX_TIME_LIMIT = 14_400;
const MAX_REDIRECTS = 5;
/** A Retry-After longer than this fails the request instead of holding the caller. */
const MAX_RETRY_AFTER_MS = 60_000;
/** Errors raised before a connection exists: the request never left, so sending it again is safe. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

type Answer = { status: number; headers: Headers; body: Buffer };

/** A request that got no HTTP answer; `sent` when it may have reached Exotel. */
class NoAnswer extends Error {
  constructor(
    message: string,
    readonly sent: boolean,
  ) {
    super(message);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const excerpt = (t: string) => t.replace(/\s+/g, ' ').trim().slice(0, 200);

function errorCodes(err: unknown): string[] {
  const cause = err instanceof Error ? err.cause : undefined;
  if (!isRecord(cause) && !(cause instanceof Error)) return [];
  const own = 'code' in cause && typeof cause.code === 'string' ? [cause.code] : [];
  // Happy-eyeballs connects fail with an AggregateError holding one error per address.
  const inner = cause instanceof AggregateError ? cause.errors.flatMap((e: unknown) => (isRecord(e) && typeof e.code === 'string' ? [e.code] : [])) : [];
  return [...own, ...inner];
}

/** Exotel's `{"RestException": {"Status", "Message", "Code"}}`, else the start of the body. */
function exotelErrorMessage(answer: { status: number; body: Buffer }): string {
  const t = answer.body.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(t);
    const rest = isRecord(parsed) && isRecord(parsed.RestException) ? parsed.RestException : null;
    if (rest && typeof rest.Message === 'string')
      return `${rest.Message}${rest.Code !== undefined && rest.Code !== null ? ` (code ${String(rest.Code)})` : ''}`;
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  return t ? excerpt(t) : `HTTP ${answer.status}`;
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Why a supervisor cannot listen, whisper or barge on Exotel calls, for the UI to show. What
 * Exotel documents for it is its Listen Whisper Barge API (support.exotel.com article
 * 3000105981), a beta it turns on per account on request: find the call's live legs
 * (GET /v1/Accounts/<sid>/Calls/<CallSid>/ActiveLegs), then add a monitoring leg, a request the
 * article does not spell out fully enough to build on.
 */
export const EXOTEL_SUPERVISION_UNAVAILABLE =
  'Listening in, whispering and barging are not available with Exotel: Exotel offers them only as a beta feature it enables on request, and TeleHub does not use it yet.';

/**
 * Why the agent's in-call controls (mute, hold, transfer, keypad tones) are not offered on Exotel
 * calls: the v1 Voice API has no request that acts on a call once connect has placed it. The
 * handset's own buttons still work, since the call runs on the agent's phone.
 */
export const EXOTEL_CONTROLS_UNAVAILABLE = 'Exotel does not let TeleHub mute, hold or transfer a call; use your phone’s own buttons.';

export function createExotelProvider(opts: ExotelProviderOptions): TelephonyProvider {
  const doFetch = opts.fetch ?? fetch;
  const api = opts.apiBaseUrl.replace(/\/+$/, '');
  const apiOrigin = new URL(api).origin;
  // Read at each request: an admin may rotate the account's credentials in Settings.
  const account = () => `${api}/v1/Accounts/${encodeURIComponent(opts.accountSid)}`;
  const statusCallback = `${opts.publicBaseUrl.replace(/\/+$/, '')}/webhooks/exotel/status/${encodeURIComponent(opts.webhookToken)}`;
  const timeZone = opts.timeZone ?? 'Asia/Kolkata';
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const attempts = Math.max(1, (opts.retries ?? 3) + 1);
  const baseBackoff = opts.backoffMs ?? 500;
  const maxBackoff = opts.maxBackoffMs ?? 10_000;
  const authorization = () => `Basic ${Buffer.from(`${opts.apiKey}:${opts.apiToken}`).toString('base64')}`;
  const now = () => opts.clock?.now() ?? new Date();
  const recordingSources = opts.recordingSources.map((prefix) => new URL(prefix));

  /**
   * Recording links arrive in callbacks, which Exotel does not sign: fetching any of them would let
   * whoever forges one choose what we download and keep as the call's recording. Prefixes are
   * compared on the parsed URL, so dot segments cannot climb out of a bucket's path.
   */
  function recordingSourceProblem(target: URL): string | null {
    if (target.protocol !== 'https:' && target.protocol !== 'http:') return 'not an http(s) URL';
    if (target.origin === apiOrigin) return null;
    if (recordingSources.some((s) => s.origin === target.origin && target.pathname.startsWith(s.pathname))) return null;
    return `${target.origin} is not one of Exotel's recording hosts (EXOTEL_RECORDING_HOSTS)`;
  }

  /** One HTTP exchange, bounded by the time-out, the body read included. */
  async function exchange(
    method: 'GET' | 'POST',
    url: string,
    init: { form?: URLSearchParams; auth: boolean; timeoutMs: number; manualRedirect?: boolean },
  ): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.auth) headers.authorization = authorization();
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    try {
      const res = await doFetch(url, {
        method,
        headers,
        body: init.form?.toString(),
        signal: AbortSignal.timeout(init.timeoutMs),
        redirect: init.manualRedirect ? 'manual' : 'follow',
      });
      return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      if (timedOut) throw new NoAnswer(`no answer within ${init.timeoutMs / 1000} s`, true);
      const codes = errorCodes(err);
      const sent = codes.length === 0 || !codes.every((c) => NOT_SENT.has(c));
      const detail = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
      throw new NoAnswer(`network error: ${detail || codes.join(', ')}`, sent);
    }
  }

  const backoff = (attempt: number) => {
    const ceiling = Math.min(maxBackoff, baseBackoff * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  };

  /**
   * A request with retries on what can pass: 429 (after Retry-After), and for `idempotent`
   * requests also 5xx, 408, time-outs and network errors. A non-idempotent request (placing a
   * call) is retried only when it provably never reached Exotel (connection refused, DNS) or was
   * refused unprocessed (429): after a time-out, a dropped connection or a 5xx, the call may
   * already be ringing the agent, and sending it again would dial twice.
   */
  async function request(
    what: string,
    method: 'GET' | 'POST',
    url: string,
    init: { form?: URLSearchParams; auth: boolean; idempotent: boolean; timeoutMs?: number; manualRedirect?: boolean },
  ) {
    let last = new ProviderError(`${what}: not attempted`, null, true);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let wait = backoff(attempt);
      try {
        const res = await exchange(method, url, {
          form: init.form,
          auth: init.auth,
          timeoutMs: init.timeoutMs ?? timeoutMs,
          manualRedirect: init.manualRedirect,
        });
        if (res.status >= 200 && res.status < (init.manualRedirect ? 400 : 300)) return res;
        const message = `Exotel answered ${res.status}: ${exotelErrorMessage(res)}`;
        if (res.status === 429) {
          const asked = retryAfterMs(res.headers.get('retry-after'));
          if (asked !== null && asked > MAX_RETRY_AFTER_MS)
            throw new ProviderError(`${what}: ${message}; asked to wait ${Math.ceil(asked / 1000)} s`, 429, true);
          if (asked !== null) wait = asked;
        } else if (res.status >= 500 || res.status === 408) {
          if (!init.idempotent) throw new ProviderError(`${what}: ${message}; not retried, the call may have been placed`, res.status, false);
        } else {
          const hint = res.status === 401 || res.status === 403 ? ' (check EXOTEL_API_KEY, EXOTEL_API_TOKEN and EXOTEL_ACCOUNT_SID)' : '';
          throw new ProviderError(`${what}: ${message}${hint}`, res.status, false);
        }
        last = new ProviderError(`${what}: ${message}`, res.status, true);
      } catch (err) {
        if (!(err instanceof NoAnswer)) throw err;
        if (err.sent && !init.idempotent) {
          throw new ProviderError(`${what}: ${err.message}; not retried, the request may have reached Exotel and placed the call`, null, false, { cause: err });
        }
        last = new ProviderError(`${what}: ${err.message}`, null, true, { cause: err });
      }
      if (attempt < attempts) {
        opts.logger?.warn({ request: what, attempt, retryInMs: wait, problem: last.message }, 'Exotel request failed; retrying');
        await sleep(wait);
      }
    }
    throw new ProviderError(`${last.message} (after ${attempts} attempt${attempts === 1 ? '' : 's'})`, last.status, last.retryable, { cause: last });
  }

  function json(what: string, res: Answer): unknown {
    try {
      return JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new ProviderError(`${what}: Exotel answered ${res.status} without JSON: ${excerpt(res.body.toString('utf8'))}`, res.status, false);
    }
  }

  return {
    name: 'exotel',
    supervision: [],
    supervisionNote: EXOTEL_SUPERVISION_UNAVAILABLE,
    dialModes: ['agent_first'],
    // Incoming calls ring the agents' phones from the ExoPhone's flow (exotel.inbound.ts).
    inbound: 'numbers',
    // The v1 connect API takes no answering-machine detection request, and without lead_first
    // there is no dialer call to detect on.
    machineDetection: false,
    // v1 connect has no hang-up endpoint: the agent ends the call on their phone.
    canHangUp: false,
    // Nor any other mid-call request: mute, hold, transfer and tones are the handset's.
    controls: { mute: false, hold: false, transfer: false, dtmf: false },
    controlsNote: EXOTEL_CONTROLS_UNAVAILABLE,

    async dial(req: DialRequest) {
      if (req.mode !== 'agent_first') {
        throw new ProviderError(
          `Exotel cannot place ${req.mode} calls: its v1 connect API rings the agent first and cannot hold a lead for an agent chosen later (that needs an Exotel flow with a dynamic Connect applet)`,
          null,
          false,
        );
      }
      if (!req.agentPhone) throw new ProviderError('The agent has no phone number for Exotel to ring first', null, false);
      if (req.callId.length > 128) throw new ProviderError('The call id is longer than the 128 characters CustomField holds', null, false);
      const form = new URLSearchParams({
        From: req.agentPhone,
        To: req.leadPhone,
        CallerId: opts.callerId,
        CallType: 'trans',
        TimeLimit: String(Math.min(MAX_TIME_LIMIT, Math.max(1, Math.round(req.timeLimitSeconds)))),
        TimeOut: String(Math.max(1, Math.round(req.ringTimeoutSeconds))),
        Record: req.record ? 'true' : 'false',
        CustomField: req.callId,
        StatusCallback: statusCallback,
        'StatusCallbackEvents[0]': 'terminal',
        'StatusCallbackEvents[1]': 'answered',
        StatusCallbackContentType: 'application/json',
      });
      if (req.record) form.set('RecordingChannels', 'dual');
      const what = 'Exotel connect';
      const res = await request(what, 'POST', `${account()}/Calls/connect.json`, { form, auth: true, idempotent: false });
      const body = json(what, res);
      const sid = isRecord(body) && isRecord(body.Call) && typeof body.Call.Sid === 'string' ? body.Call.Sid : '';
      // The call may well be ringing; its callbacks still find it through CustomField.
      if (!sid) throw new ProviderError(`${what}: Exotel answered ${res.status} without Call.Sid`, res.status, false);
      return { providerCallId: sid };
    },

    /**
     * Exotel v1 has no documented way to end a connect call from the API (the reference lists
     * connect, Call Details and callbacks only), so this refuses plainly instead of pretending:
     * the agent ends the call on the handset, and the terminal callback follows.
     */
    async hangup() {
      throw new ProviderError('Exotel cannot end a click-to-call call through its API; hang up on the phone', null, false);
    },

    async fetchRecording(call) {
      const what = `Recording of ${call.providerCallId}`;
      let target = URL.canParse(call.recordingUrl) ? new URL(call.recordingUrl) : null;
      // Credentials go to Exotel's API host only, never to the storage host a recording lives on
      // or redirects to (a pre-signed storage URL also refuses a request carrying them).
      let res: Answer | null = null;
      for (let hop = 0; hop <= MAX_REDIRECTS && !res; hop++) {
        if (!target) throw new ProviderError(`${what}: not an http(s) URL`, null, false);
        const problem = recordingSourceProblem(target);
        if (problem) {
          opts.logger?.warn({ callId: call.callId, host: target.host, hop }, `Exotel recording link refused: ${problem}`);
          throw new ProviderError(`${what}: ${problem}`, null, false);
        }
        const answer = await request(what, 'GET', target.toString(), {
          auth: target.origin === apiOrigin,
          idempotent: true,
          timeoutMs: opts.recordingTimeoutMs ?? 120_000,
          manualRedirect: true,
        });
        const location = answer.status >= 300 ? answer.headers.get('location') : null;
        if (answer.status < 300) res = answer;
        else if (!location) throw new ProviderError(`${what}: Exotel answered ${answer.status} without a Location`, answer.status, false);
        else target = URL.canParse(location, target.href) ? new URL(location, target.href) : null;
      }
      if (!res) throw new ProviderError(`${what}: more than ${MAX_REDIRECTS} redirects`, null, false);
      if (res.body.length === 0) throw new ProviderError(`${what}: Exotel answered ${res.status} with no audio`, res.status, true);
      const contentType = res.headers.get('content-type')?.split(';')[0]?.trim() || 'audio/mpeg';
      return { body: res.body, contentType };
    },

    recordingUrlProblem(url: string): string | null {
      return URL.canParse(url) ? recordingSourceProblem(new URL(url)) : 'not an http(s) URL';
    },

    async reconcile(call): Promise<ProviderEvent[]> {
      const what = `Exotel Call Details of ${call.providerCallId}`;
      const res = await request(what, 'GET', `${account()}/Calls/${encodeURIComponent(call.providerCallId)}.json?details=true`, {
        auth: true,
        idempotent: true,
      });
      try {
        return eventsFromCallDetails(json(what, res), { callId: call.callId, timeZone, receivedAt: now() });
      } catch (err) {
        if (err instanceof ExotelPayloadError) throw new ProviderError(`${what}: ${err.message}`, res.status, false, { cause: err });
        throw err;
      }
    },
  };
}
