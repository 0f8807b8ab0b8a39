/**
 * A websocket lives no longer than its session: when the user is deactivated or demoted, or the
 * session signs out, its live subscriptions are closed (4403, so a client comes back with a fresh
 * token if it still has a session), and every operation on an open socket checks the session again.
 */
import type { Role } from '@telehub/shared';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SYSTEM_ACTOR } from '../platform/context.js';
import { createTestApp, PASSWORD, type TestApp } from '../test/harness.js';
import { codes, collect, gql, sleep, until, wsClient } from './testing/gql.js';

let t: TestApp;
let url = '';
const disposers: (() => unknown)[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await Promise.all(disposers.map((d) => d()));
  await t?.close();
});

let seq = 0;
async function person(role: Role) {
  const email = `socket${++seq}@test.example`;
  const u = await t.app.services.users.create(SYSTEM_ACTOR, { email, name: `Socket ${seq}`, role, password: PASSWORD, teamId: t.cast.teamId });
  return { id: u.id, email };
}

async function signIn(email: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD }, remoteAddress: `10.8.0.${++seq}` });
  const cookie = res.cookies.find((c) => c.name === 'telehub_refresh')?.value ?? '';
  return { token: res.json<{ accessToken: string }>().accessToken, cookie };
}

/** A socket that records its close codes. */
function socket(token: string) {
  const closes: number[] = [];
  const client = wsClient(url, { authorization: `Bearer ${token}` }, { closed: (e) => void closes.push((e as { code: number }).code) });
  disposers.push(() => client.dispose());
  return { client, closes };
}

const PRESENCE = 'subscription { presenceChanged { userId state } }';
type Presence = { presenceChanged: { userId: string; state: string } };
const patchUser = (id: string, payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/api/v1/users/${id}`, as: t.cast.admin, payload });

describe('live subscriptions end with the session', () => {
  it('closes the subscriptions of a user who is deactivated, within a second, and refuses the socket again', async () => {
    const u = await person('telecaller');
    const s = await signIn(u.email);
    const live = socket(s.token);
    const r = collect<Presence>(live.client, PRESENCE);
    await until('the current presence', () => r.values.length > 0);

    expect((await patchUser(u.id, { active: false })).statusCode).toBe(200);
    const t0 = Date.now();
    await until('the close', () => live.closes.length > 0, 3000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(live.closes[0]).toBe(4403);

    // Coming back with the same token is refused before any subscription starts.
    const again = socket(s.token);
    const r2 = collect<Presence>(again.client, PRESENCE);
    await until('the refusal', () => r2.errors.length > 0 && again.closes.length > 0);
    expect(r2.values).toEqual([]);
  });

  it("closes the socket of a session that signs out, and not the user's other sessions", async () => {
    const u = await person('telecaller');
    const laptop = await signIn(u.email);
    const phone = await signIn(u.email);
    const a = socket(laptop.token);
    const b = socket(phone.token);
    const ra = collect<Presence>(a.client, PRESENCE);
    const rb = collect<Presence>(b.client, PRESENCE);
    await until('both subscribed', () => ra.values.length > 0 && rb.values.length > 0);

    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { telehub_refresh: laptop.cookie } });
    await until('the close', () => a.closes.length > 0, 3000);
    expect(a.closes[0]).toBe(4403);
    // Past the periodic re-check too: the other device is still live.
    await sleep(1200);
    expect(b.closes).toEqual([]);
    await t.request({
      method: 'PUT',
      url: '/api/v1/presence/me',
      headers: { authorization: `Bearer ${phone.token}` },
      payload: { state: 'break', reason: 'tea' },
    });
    await until('a change on the other device', () => rb.values.some((v) => v.presenceChanged.state === 'BREAK'));
  });

  it('refuses an operation on an open socket once the session has ended, and closes it', async () => {
    const u = await person('manager');
    const s = await signIn(u.email);
    const closes: number[] = [];
    let connected = false;
    // Not lazy: connected and idle, as a page that keeps its socket for later.
    const client = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${s.token}` },
      lazy: false,
      onNonLazyError: () => undefined,
      retryAttempts: 0,
      on: { connected: () => (connected = true), closed: (e) => void closes.push((e as { code: number }).code) },
    });
    disposers.push(() => client.dispose());
    await until('the connection', () => connected);

    expect((await patchUser(u.id, { role: 'telecaller' })).statusCode).toBe(200);
    const r = collect<{ teams: { id: string }[] }>(client, '{ teams { id } }');
    await until('the refusal', () => r.errors.length > 0 || r.values.length > 0, 3000);
    expect(r.values).toEqual([]);
    expect(JSON.stringify(r.errors)).toContain('SESSION_REVOKED');
    await until('the close', () => closes.length > 0, 3000);
    expect(closes[0]).toBe(4403);
  });

  it('refuses a GraphQL request over HTTP with the token of a demoted manager', async () => {
    const u = await person('manager');
    const s = await signIn(u.email);
    expect((await gql(t.app, s.token, '{ teams { id } }')).errors).toEqual([]);
    expect((await patchUser(u.id, { role: 'telecaller' })).statusCode).toBe(200);
    const r = await gql(t.app, s.token, '{ teams { id } }');
    expect(r.status).toBe(401);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });
});
