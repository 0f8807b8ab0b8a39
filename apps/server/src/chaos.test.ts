/**
 * Redis and PostgreSQL go away in the middle of work and come back: everything the app accepted
 * (imports, calls that ended meanwhile, their recordings, the domain events between modules)
 * completes afterwards, requests are not held up while Redis is gone, and /readyz tells each
 * dependency. The outages are made by proxies in front of the real servers, so other tests
 * sharing those servers are not disturbed.
 */
import type { Call } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from './platform/context.js';
import { rowsOf } from './platform/db/client.js';
import { redisProblem, TEST_REDIS_URL, testPrefix } from './platform/events/testing/redis.js';
import { createOutageProxy, type OutageProxy } from './platform/testing/outage-proxy.js';
import { until } from './platform/testing/until.js';
import { usingPostgres } from './test/db.js';
import { createTestApp, type TestApp } from './test/harness.js';
import { multipart } from './test/multipart.js';

const redis = await redisProblem('outage');
const runnable = usingPostgres() && redis === null;

let t: TestApp;
let pg: OutageProxy;
let rd: OutageProxy;

const hostPort = (url: string, port: number) => ({ host: new URL(url).hostname, port: Number(new URL(url).port || port) });

beforeAll(async () => {
  if (!runnable) return;
  pg = await createOutageProxy(hostPort(process.env.DATABASE_URL as string, 5432));
  rd = await createOutageProxy(hostPort(TEST_REDIS_URL, 6379));
  t = await createTestApp({
    databaseUrl: (url) => pg.url(url),
    env: {
      REDIS_URL: rd.url(TEST_REDIS_URL),
      TELEHUB_REDIS_PREFIX: testPrefix(),
      TELEHUB_JOB_REDELIVER: '1s',
      SIMULATOR_ANSWER_RATE: '1',
      SIMULATOR_SPEED: '5',
      TELEHUB_CALLING_HOURS: '00:00-24:00',
    },
  });
  // As main.ts does: the outbox sweep, the job ledger's sweep and the call sweep run on schedules.
  t.app.services.scheduler.start();
}, 60_000);

afterAll(async () => {
  await pg?.up();
  await rd?.up();
  await t?.close();
  await pg?.close();
  await rd?.close();
});

const csv = (from: number, n: number) =>
  ['name,phone', ...Array.from({ length: n }, (_, i) => `Outage Lead ${from + i},98${String(70000000 + from + i).padStart(8, '0')}`)].join('\n');

async function upload(name: string, content: string) {
  return t.request({ method: 'POST', url: '/api/v1/imports', as: t.cast.manager, ...multipart({}, { name, content }) });
}

async function placeCall(agent: TestApp['cast']['telecaller'], phone: string) {
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: `Caller ${phone}`, phone, ownerId: agent.id });
  const res = await t.request({ method: 'POST', url: '/api/v1/calls', as: agent, payload: { leadId: lead.id } });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<Call>().id;
  await until('the call to be answered', async () => (await t.app.services.callsReader.get(SYSTEM_ACTOR, id)).status === 'in_progress', 20_000);
  const [row] = rowsOf<{ provider_call_id: string }>(await t.db.database.db.execute(sql`select provider_call_id from calls where id = ${id}`));
  if (row) providerIds.set(id, row.provider_call_id);
  return id;
}

describe.skipIf(!runnable)('Redis and PostgreSQL outages', () => {
  it('lose nothing that was accepted, hold nothing up, and show in /readyz', async () => {
    const { services } = t.app;
    const ready = async () => (await t.request({ method: 'GET', url: '/readyz' })).json<Record<string, string>>();
    expect(await ready()).toEqual({ status: 'ok', database: 'ok', redis: 'ok', node: t.app.services.nodeId });

    const first = await upload('before.csv', csv(0, 40));
    expect(first.statusCode, first.body).toBe(202);
    const callA = await placeCall(t.cast.telecaller, '9811100001');
    const callB = await placeCall(t.cast.otherTelecaller, '9811100002');

    // Redis goes away.
    await rd.down();
    expect(await ready()).toEqual({ status: 'degraded', database: 'ok', redis: 'unreachable', node: t.app.services.nodeId });
    // An import is still accepted at once; before, the request failed with a 500 after 9 s and the
    // import stayed queued for ever.
    const during = await upload('during.csv', csv(100, 40));
    expect(during.statusCode, during.body).toBe(202);
    // A hang-up answers (it publishes to screens through Redis, which must not hold it up).
    const hung = await t.request({ method: 'POST', url: `/api/v1/calls/${callA}/hangup`, as: t.cast.telecaller, payload: {} });
    expect(hung.statusCode, hung.body).toBe(200);

    // PostgreSQL goes away too, and the lead on call B hangs up meanwhile.
    await pg.down();
    expect((await t.request({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    const b = await t.app.services.callsReader.get(SYSTEM_ACTOR, callB).catch(() => null);
    expect(b).toBeNull(); // the database is really gone
    const providerCallId = await providerIdOf(callB);
    await services.telephony.hangup({ callId: callB, providerCallId });
    await new Promise((r) => setTimeout(r, 3_000));

    await pg.up();
    await rd.up();

    const imports = [first.json<{ id: string }>().id, during.json<{ id: string }>().id];
    await until(
      'both imports to complete',
      async () => {
        const st = await Promise.all(imports.map((id) => t.request({ method: 'GET', url: `/api/v1/imports/${id}`, as: t.cast.manager })));
        return st.every((r) => r.json<{ status: string }>().status === 'completed');
      },
      90_000,
    );
    for (const id of imports) {
      const st = (await t.request({ method: 'GET', url: `/api/v1/imports/${id}`, as: t.cast.manager })).json<{ created: number; rejected: number }>();
      expect(st).toMatchObject({ created: 40, rejected: 0 });
    }
    for (const id of [callA, callB]) {
      await until(
        `call ${id} to end with its recording kept`,
        async () => {
          const c = await services.callsReader.get(SYSTEM_ACTOR, id);
          return c.status === 'completed' && c.recordingAvailable;
        },
        90_000,
      );
    }
    await until('every domain event to be dispatched', async () => (await services.events.backlog()).pending === 0, 60_000);
    await until('every job to finish', async () => (await services.jobs.backlog()).pending === 0, 60_000);
    expect(await ready()).toEqual({ status: 'ok', database: 'ok', redis: 'ok', node: t.app.services.nodeId });
  }, 240_000);
});

/** The provider's id of a call, read before the database went away. */
const providerIds = new Map<string, string>();
async function providerIdOf(callId: string): Promise<string> {
  const known = providerIds.get(callId);
  if (known) return known;
  throw new Error(`no provider id noted for ${callId}`);
}
