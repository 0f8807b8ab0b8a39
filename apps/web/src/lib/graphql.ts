/**
 * GraphQL for the live views: queries and mutations over HTTP (POST /graphql, the same bearer
 * token and refresh as the REST API), subscriptions over one shared graphql-ws socket that
 * reconnects by itself. Each (re)connection sends a fresh token: the server closes a socket
 * with 4403 when its token expires or its session ends (sign-out elsewhere, a change of
 * password, role or team), and the client comes straight back with a new one, or signs out
 * when the session cannot be renewed.
 */
import { type Client, createClient } from 'graphql-ws';
import { ApiError } from './errors';
import { endSession, getAccessToken, refreshAccessToken } from './token';

type GraphQLErrorBody = { message: string; extensions?: { code?: string; [k: string]: unknown } };

const STATUS_OF: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, CONFLICT: 409 };

function toApiError(e: GraphQLErrorBody): ApiError {
  const code = e.extensions?.code ?? 'GRAPHQL_ERROR';
  return new ApiError({ status: STATUS_OF[code] ?? 500, code, message: e.message });
}

async function post(query: string, variables: Record<string, unknown> | undefined, token: string | null, signal?: AbortSignal) {
  try {
    return await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw ApiError.network(cause);
  }
}

/** Runs a query or mutation; the first GraphQL error becomes an ApiError with its code. */
export async function graphql<T>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  let res = await post(query, variables, getAccessToken(), signal);
  if (res.status === 401) {
    const session = await refreshAccessToken();
    if (!session) {
      endSession();
      throw new ApiError({ status: 401, code: 'UNAUTHENTICATED', message: 'Your session has ended' });
    }
    res = await post(query, variables, session.accessToken, signal);
  }
  const body = (await res.json().catch(() => ({}))) as { data?: T | null; errors?: GraphQLErrorBody[] };
  const first = body.errors?.[0];
  if (first) throw toApiError(first);
  if (!res.ok || body.data === undefined || body.data === null)
    throw new ApiError({ status: res.status, code: `HTTP_${res.status}`, message: 'GraphQL request failed' });
  return body.data;
}

/** Seconds left on a JWT, or 0 when it cannot be read. */
function secondsLeft(token: string): number {
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp - Date.now() / 1000 : 0;
  } catch {
    return 0;
  }
}

/** Set when the server closed the socket over its token (4403): the next connection renews it first. */
let tokenRefused = false;

/** A token good for a while yet, refreshed when it is about to run out or the server refused it. */
async function freshToken(): Promise<string | null> {
  const token = getAccessToken();
  if (token && !tokenRefused && secondsLeft(token) > 30) return token;
  tokenRefused = false;
  const session = await refreshAccessToken();
  if (!session) endSession();
  return session?.accessToken ?? null;
}

export type LiveState = 'connecting' | 'live' | 'reconnecting';

const stateListeners = new Set<(s: LiveState) => void>();
const reconnectListeners = new Set<() => void>();
let state: LiveState = 'connecting';
let everConnected = false;
let client: Client | null = null;

function setState(next: LiveState) {
  state = next;
  for (const l of stateListeners) l(next);
}

/** The shared subscription client, created on first use. */
export function liveClient(): Client {
  if (client) return client;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  client = createClient({
    url,
    connectionParams: async () => {
      const token = await freshToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    // Keep trying for as long as the page is open: 1 s, 2 s, 4 s ... up to 10 s between attempts.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(10_000, 1000 * 2 ** Math.min(retries, 4)) * (0.8 + Math.random() * 0.4))),
    keepAlive: 20_000,
    on: {
      connected: () => {
        const again = everConnected;
        everConnected = true;
        setState('live');
        // What happened while away is not replayed: readers load a fresh snapshot.
        if (again) for (const l of reconnectListeners) l();
      },
      closed: (event) => {
        // The token expired, or its session ended: an access token with time left is not enough.
        if ((event as { code?: number } | undefined)?.code === 4403) tokenRefused = true;
        setState(everConnected ? 'reconnecting' : 'connecting');
      },
    },
  });
  return client;
}

export const liveState = () => state;

export function onLiveState(listener: (s: LiveState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/** Called after the socket comes back from a drop (not on the first connection). */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/** Closes the socket (sign-out); the next subscription opens a new one. */
export function closeLiveClient() {
  const c = client;
  client = null;
  everConnected = false;
  setState('connecting');
  void c?.dispose();
}

export type SubscriptionHandlers<T> = { next: (data: T) => void; error?: (err: ApiError) => void };

/** Subscribes on the shared socket; the returned function unsubscribes. */
export function subscribe<T>(query: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<T>): () => void {
  return liveClient().subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        if (v.errors?.[0]) handlers.error?.(toApiError(v.errors[0] as GraphQLErrorBody));
        else if (v.data) handlers.next(v.data as T);
      },
      error: (err) => {
        const first = Array.isArray(err) ? (err[0] as GraphQLErrorBody | undefined) : undefined;
        handlers.error?.(first ? toApiError(first) : ApiError.network(err));
      },
      complete: () => undefined,
    },
  );
}
