/**
 * Two nodes on one database (and one Redis when REDIS_URL is set, as deployed): what ends a
 * session on one node is refused on the other within a second. With Redis the bus tells the other
 * node at once; without it (each node its own in-process bus, as when Redis is down) the short
 * lifetime of each node's cache is what keeps the promise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { collect, until, wsClient } from '../../graphql/testing/gql.js';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { redisProblem, TEST_REDIS_URL, testPrefix } from '../../platform/events/testing/redis.js';
import { createLogger } from '../../platform/logging.js';
import { createTestApp, PASSWORD, type TestApp } from '../../test/harness.js';

const withRedis = Boolean(process.env.REDIS_URL) && (await redisProblem('two-node session')) === null;
const env: Record<string, string> = withRedis ? { REDIS_URL: TEST_REDIS_URL, TELEHUB_REDIS_PREFIX: testPrefix() } : {};

let a: TestApp;
let b: FastifyInstance;
let urlB = '';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-node-b-'));
const disposers: (() => unknown)[] = [];

beforeAll(async () => {
  a = await createTestApp({ env });
  // The second node: its own app and bus on the same database, as another server would be.
  const config = loadConfig({ LOG_LEVEL: 'silent', TELEHUB_DEMO: '0', TELEHUB_WEB_DIR: '/nonexistent', TELEHUB_DATA_DIR: dataDir, ...env });
  b = await buildApp({ config, database: a.db.database, logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  await b.listen({ port: 0, host: '127.0.0.1' });
  const address = b.server.address();
  urlB = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // Both nodes listen on Redis before anything happens.
  for (const app of [a.app, b]) await (app.services.bus as { ready?: () => Promise<void> }).ready?.();
});
afterAll(async () => {
  await Promise.all(disposers.map((d) => d()));
  await b?.close();
  await a?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let seq = 0;
async function signedIn() {
  const email = `node${++seq}@test.example`;
  const u = await a.app.services.users.create(SYSTEM_ACTOR, { email, name: `Node ${seq}`, role: 'manager', password: PASSWORD, teamId: a.cast.teamId });
  const res = await a.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD }, remoteAddress: `10.9.0.${seq}` });
  const cookie = res.cookies.find((c) => c.name === 'telehub_refresh')?.value ?? '';
  return { id: u.id, token: res.json<{ accessToken: string }>().accessToken, cookie };
}

const onB = (token: string) => b.inject({ method: 'GET', url: '/api/v1/leads/export', headers: { authorization: `Bearer ${token}` } });

/** How long after `change` (made on node A) node B first refuses the token. */
async function refusedOnBAfter(token: string, change: () => Promise<unknown>): Promise<number> {
  // Node B has just let the token through, so whatever it caches says yes.
  expect((await onB(token)).statusCode).toBe(200);
  await change();
  const t0 = Date.now();
  await until('node B to refuse the token', async () => (await onB(token)).statusCode === 401, 3000);
  return Date.now() - t0;
}

describe(`a session ended on one node (${withRedis ? 'Redis bus' : 'no shared bus'})`, () => {
  it('is refused on the other within a second after a demotion', async () => {
    const u = await signedIn();
    const ms = await refusedOnBAfter(u.token, () =>
      a.request({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: a.cast.admin, payload: { role: 'telecaller' } }),
    );
    expect(ms).toBeLessThan(1000);
  });

  it('is refused on the other within a second after sign-out', async () => {
    const u = await signedIn();
    const ms = await refusedOnBAfter(u.token, () => a.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { telehub_refresh: u.cookie } }));
    expect(ms).toBeLessThan(1000);
  });

  it("closes the user's subscriptions on the other node within a second after deactivation", async () => {
    const u = await signedIn();
    const closes: number[] = [];
    const client = wsClient(urlB, { authorization: `Bearer ${u.token}` }, { closed: (e) => void closes.push((e as { code: number }).code) });
    disposers.push(() => client.dispose());
    const r = collect(client, 'subscription { presenceChanged { userId state } }');
    await until('subscribed on node B', () => r.values.length > 0);
    await a.request({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: a.cast.admin, payload: { active: false } });
    const t0 = Date.now();
    await until('the close on node B', () => closes.length > 0, 3000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(closes[0]).toBe(4403);
  });
});
