/**
 * The access token lives in memory only; the refresh token is an httpOnly cookie the browser
 * sends to /api/v1/auth. Concurrent refreshes share one request, because the server rotates the
 * cookie and a second, parallel rotation would look like token theft.
 */
import type { LoginResponse } from '@telehub/shared';
import { ApiError, errorFromResponse } from './errors';

let accessToken: string | null = null;
let inflight: Promise<LoginResponse | null> | null = null;
const endedListeners = new Set<() => void>();
const refreshedListeners = new Set<(session: LoginResponse) => void>();

export const getAccessToken = () => accessToken;

export function setAccessToken(token: string | null) {
  accessToken = token;
}

/** Called when a refresh is refused mid-session, so the app can return to sign-in. */
export function onSessionEnded(listener: () => void): () => void {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}

/**
 * Called with each refreshed session: the server ends a token when the user's role or team
 * changes, and the refresh that follows brings the new ones.
 */
export function onRefreshed(listener: (session: LoginResponse) => void): () => void {
  refreshedListeners.add(listener);
  return () => refreshedListeners.delete(listener);
}

export function endSession() {
  accessToken = null;
  for (const listener of endedListeners) listener();
}

async function doRefresh(): Promise<LoginResponse | null> {
  let res: Response;
  try {
    res = await fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (res.status === 401 || res.status === 403) {
    accessToken = null;
    return null;
  }
  if (!res.ok) throw await errorFromResponse(res);
  const body = (await res.json()) as LoginResponse;
  accessToken = body.accessToken;
  for (const listener of refreshedListeners) listener(body);
  return body;
}

/** Exchanges the refresh cookie for a new access token; null when the session has ended. */
export function refreshAccessToken(): Promise<LoginResponse | null> {
  if (!inflight) {
    inflight = doRefresh().finally(() => {
      inflight = null;
    });
  }
  return inflight;
}
