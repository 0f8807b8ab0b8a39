/**
 * The Laravel CRM's HTTP API as TeleHub calls it: bearer token, JSON, a time-out per request,
 * retries with exponential backoff and jitter on 5xx, time-outs and network errors, and
 * Retry-After on 429. Both of Laravel's pagination shapes read as one.
 */
import type { Logger } from '../../platform/logging.js';

export type CrmClientOptions = {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** Attempts per request before giving up (at least 1). */
  attempts: number;
  logger: Logger;
  /** Aborts waits and requests when the app stops. */
  signal?: AbortSignal;
  /** First backoff delay; doubles each attempt up to maxBackoffMs, then a random part of it (jitter). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** A longer Retry-After than this gives up the run instead of holding it. */
  maxRetryAfterMs?: number;
};

/** A request the CRM did not answer usefully. `status` is the HTTP status when there was one. */
export class CrmError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CrmError';
  }
}

export type CrmResponse = { status: number; headers: Headers; body: unknown; text: string };

/** A page of a Laravel collection, whichever shape it came in. */
export type CrmPage = { items: unknown[]; currentPage: number | null; lastPage: number | null; hasNext: boolean };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);

/**
 * Reads `{current_page, data, last_page, next_page_url, ...}` (paginator), `{data, links, meta}`
 * (API resource), or a bare array (everything in one answer).
 */
export function readPage(body: unknown): CrmPage {
  if (Array.isArray(body)) return { items: body, currentPage: null, lastPage: null, hasNext: false };
  if (!isRecord(body) || !Array.isArray(body.data)) throw new CrmError('the CRM answered JSON without a data array');
  const meta = isRecord(body.meta) ? body.meta : body;
  const links = isRecord(body.links) ? body.links : {};
  const currentPage = num(meta.current_page);
  const lastPage = num(meta.last_page);
  const nextUrl = body.next_page_url ?? links.next;
  const hasNext = nextUrl !== undefined ? Boolean(nextUrl) : currentPage !== null && lastPage !== null && currentPage < lastPage;
  return { items: body.data, currentPage, lastPage, hasNext: hasNext && body.data.length > 0 };
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CrmError('stopped'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CrmError('stopped'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const label = (path: string, query?: Record<string, string>) => (query ? `${path}?${new URLSearchParams(query)}` : path);
const excerpt = (t: string) => t.replace(/\s+/g, ' ').slice(0, 200);

export function createCrmClient(opts: CrmClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const baseBackoff = opts.baseBackoffMs ?? 500;
  const maxBackoff = opts.maxBackoffMs ?? 30_000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 5 * 60_000;

  /** One HTTP exchange, bounded by the time-out (reading the body included). */
  async function once(method: 'GET' | 'POST', path: string, init: { query?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {}) {
    const url = `${base}${path}${init.query ? `?${new URLSearchParams(init.query)}` : ''}`;
    const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]) : AbortSignal.timeout(opts.timeoutMs);
    try {
      const res = await fetch(url, {
        method,
        signal,
        headers: {
          authorization: `Bearer ${opts.token}`,
          accept: 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      });
      const text = await res.text();
      let body: unknown = null;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
      }
      return { status: res.status, headers: res.headers, body, text };
    } catch (err) {
      if (opts.signal?.aborted) throw new CrmError('stopped');
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new CrmError(
        timedOut ? `no answer within ${opts.timeoutMs / 1000} s` : `network error${cause || (err instanceof Error ? `: ${err.message}` : '')}`,
      );
    }
  }

  const backoff = (attempt: number) => {
    const ceiling = Math.min(maxBackoff, baseBackoff * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  };

  /**
   * A GET answered with JSON, retried on what can pass (5xx, 408, 429, time-outs, network
   * errors). A refusal (401, 403, 404, 406, other 4xx) or the last failed attempt throws.
   */
  async function getJson(path: string, query?: Record<string, string>): Promise<unknown> {
    const what = `GET ${label(path, query)}`;
    let last = '';
    for (let attempt = 1; attempt <= opts.attempts; attempt++) {
      let wait = backoff(attempt);
      try {
        const res = await once('GET', path, { query });
        if (res.status >= 200 && res.status < 300) {
          if (res.body === undefined) throw new CrmError(`${what}: the CRM answered ${res.status} without JSON: ${excerpt(res.text)}`, res.status);
          return res.body;
        }
        last = `HTTP ${res.status}${res.text ? ` ${excerpt(res.text)}` : ''}`;
        if (res.status === 429) {
          const asked = retryAfterMs(res.headers.get('retry-after'));
          if (asked !== null) {
            if (asked > maxRetryAfter) throw new CrmError(`${what}: the CRM asked to wait ${Math.ceil(asked / 1000)} s (429); giving up this run`, 429);
            wait = asked;
          }
        } else if (res.status < 500 && res.status !== 408) {
          const hint = res.status === 401 || res.status === 403 ? ' (check LARAVEL_CRM_TOKEN)' : '';
          throw new CrmError(`${what}: the CRM refused the request: ${last}${hint}`, res.status);
        }
      } catch (err) {
        if (err instanceof CrmError && (err.status !== undefined || err.message === 'stopped')) throw err;
        last = err instanceof Error ? err.message : String(err);
      }
      if (attempt < opts.attempts) {
        opts.logger.warn({ request: what, attempt, retryInMs: wait, problem: last }, 'CRM request failed; retrying');
        await sleep(wait, opts.signal);
      }
    }
    throw new CrmError(`${what} failed after ${opts.attempts} attempt${opts.attempts === 1 ? '' : 's'}: ${last}`);
  }

  return {
    getJson,

    /** One page of leads changed at or after `since` (the CRM's own comparison). */
    async leadsPage(since: string, page: number): Promise<CrmPage> {
      return readPage(await getJson('/api/v1/leads', { updated_since: since, page: String(page) }));
    },

    async lead(id: string): Promise<unknown> {
      const body = await getJson(`/api/v1/leads/${encodeURIComponent(id)}`);
      return isRecord(body) && isRecord(body.data) ? body.data : body;
    },

    /** Every CRM user, across pages when the CRM pages them. */
    async users(): Promise<unknown[]> {
      const out: unknown[] = [];
      for (let page = 1; page <= 1000; page++) {
        const p = readPage(await getJson('/api/v1/users', page === 1 ? undefined : { page: String(page) }));
        out.push(...p.items);
        if (!p.hasNext) break;
      }
      return out;
    },

    /** A single attempt (the outbox does its own retrying); never throws for HTTP answers. */
    async post(path: string, body: unknown, headers?: Record<string, string>): Promise<CrmResponse> {
      return once('POST', path, { body, headers });
    },
  };
}

export type CrmClient = ReturnType<typeof createCrmClient>;
