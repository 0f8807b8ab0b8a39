/**
 * The one way the app talks to the server: adds the bearer token, retries once after a refresh
 * when the token has expired, and turns every failure into an ApiError (never swallowed).
 */
import { ApiError, errorFromResponse } from './errors';
import { endSession, getAccessToken, refreshAccessToken } from './token';

export { ApiError, isApiError } from './errors';

export const API_BASE = '/api/v1';

type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Record<string, QueryValue>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** false for the sign-in call: no token, no refresh on 401. */
  auth?: boolean;
  accept?: string;
};

/** Empty values are dropped, arrays become comma lists (the server's multi-value form). */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function send(path: string, opts: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
  // A form (file upload) sets its own multipart content type and boundary.
  const body = opts.body === undefined ? undefined : opts.body instanceof FormData ? opts.body : JSON.stringify(opts.body);
  if (typeof body === 'string') headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(`${API_BASE}${path}${toQueryString(opts.query)}`, {
      method: opts.method ?? 'GET',
      headers,
      body,
      signal: opts.signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw ApiError.network(cause);
  }
}

/** A successful Response (status 2xx), or an ApiError. */
export async function apiResponse(path: string, opts: RequestOptions = {}): Promise<Response> {
  const useAuth = opts.auth !== false;
  let res = await send(path, opts, useAuth ? getAccessToken() : null);
  if (res.status === 401 && useAuth) {
    const session = await refreshAccessToken();
    if (!session) {
      endSession();
      throw await errorFromResponse(res);
    }
    res = await send(path, opts, session.accessToken);
    if (res.status === 401) endSession();
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

/** JSON (or a FormData upload) in, JSON out; 204 gives undefined. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiResponse(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads a file the API streams (CSV export) with the bearer token, under the server's name. */
export async function downloadFile(path: string, opts: RequestOptions & { fallbackName: string }): Promise<void> {
  const res = await apiResponse(path, { ...opts, accept: opts.accept ?? '*/*' });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? opts.fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Uploads a form and reports how much of it has gone (0..1), which fetch cannot tell; otherwise
 * like `api`: the bearer token, one retry after a refresh, an ApiError on failure.
 */
export async function uploadWithProgress<T>(path: string, form: FormData, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<T> {
  const once = (token: string | null) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${API_BASE}${path}`);
      xhr.setRequestHeader('accept', 'application/json');
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onload = () =>
        resolve(
          new Response(xhr.status === 204 ? null : xhr.responseText, {
            status: xhr.status,
            headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
          }),
        );
      xhr.onerror = () => reject(ApiError.network(new Error('upload failed')));
      xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(form);
    });
  let res = await once(getAccessToken());
  if (res.status === 401) {
    const session = await refreshAccessToken();
    if (!session) {
      endSession();
      throw await errorFromResponse(res);
    }
    onProgress(0);
    res = await once(session.accessToken);
  }
  if (!res.ok) throw await errorFromResponse(res);
  onProgress(1);
  return (await res.json()) as T;
}
