/** Talking GraphQL to a test app: over HTTP (inject) and over a real graphql-ws websocket. */
import type { FastifyInstance } from 'fastify';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export { until } from '../../platform/testing/until.js';

export type GqlError = { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } };
export type GqlResult<T> = { status: number; data: T | null; errors: GqlError[] };

export async function gql<T>(app: FastifyInstance, token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: { query, variables },
  });
  const body = res.json<{ data?: T | null; errors?: GqlError[] }>();
  return { status: res.statusCode, data: body.data ?? null, errors: body.errors ?? [] };
}

/** The data of a query that must succeed. */
export async function gqlData<T>(app: FastifyInstance, token: string | null, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await gql<T>(app, token, query, variables);
  if (r.errors.length > 0 || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data;
}

export const codes = (r: { errors: GqlError[] }) => r.errors.map((e) => e.extensions?.code);

/** A graphql-ws client for the app listening at `url` (http://...). */
export function wsClient(url: string, connectionParams?: Record<string, unknown>, on?: Parameters<typeof createClient>[0]['on']): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
    on,
  });
}

export type Received<T> = { values: T[]; errors: unknown[]; completed: boolean; stop: () => void };

/** Subscribes and collects every value; `stop` unsubscribes. */
export function collect<T>(client: Client, query: string, variables?: Record<string, unknown>): Received<T> {
  const r: Received<T> = { values: [], errors: [], completed: false, stop: () => undefined };
  r.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        if (v.data) r.values.push(v.data as T);
        if (v.errors) r.errors.push(...v.errors);
      },
      error: (e) => r.errors.push(e),
      complete: () => {
        r.completed = true;
      },
    },
  );
  return r;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
