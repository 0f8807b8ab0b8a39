/**
 * The one way the Twilio adapter talks to Twilio's REST API: Basic auth, form bodies, JSON
 * answers, Twilio's error shape turned into TwilioError, and retries only where repeating a
 * request cannot ring anyone twice.
 */
import type { Logger } from '../../../platform/logging.js';
import { ProviderError } from '../telephony.port.js';

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

export type TwilioRestOptions = {
  accountSid: string;
  authToken: string;
  /** https://api.twilio.com, or a stand-in in tests. */
  apiBaseUrl: string;
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

export type Answer = { status: number; headers: Headers; body: Buffer };

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
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

export function createTwilioRest(opts: TwilioRestOptions) {
  const doFetch = opts.fetch ?? fetch;
  const api = new URL(opts.apiBaseUrl);
  // Read at each request: an admin may rotate the account's credentials in Settings.
  const base = () => `${api.origin}${api.pathname.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}`;
  const auth = () => `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const attempts = 1 + Math.max(0, opts.retries ?? 2);
  const baseBackoff = opts.baseBackoffMs ?? 250;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 30_000;

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
            authorization: auth(),
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

  return {
    /** The API's origin: recording links elsewhere get no credentials. */
    origin: api.origin,
    send,
    /** A read under the account; always safe to repeat. */
    async getJson(what: string, path: string): Promise<unknown> {
      return json(await send(what, `${base()}${path}`, { method: 'GET', repeatable: true }));
    },
    /** A form POST under the account; `repeatable` only when sending it twice does no harm. */
    async postJson(what: string, path: string, form: URLSearchParams, repeatable: boolean): Promise<unknown> {
      return json(await send(what, `${base()}${path}`, { method: 'POST', form, repeatable }));
    },
  };
}

export type TwilioRest = ReturnType<typeof createTwilioRest>;
