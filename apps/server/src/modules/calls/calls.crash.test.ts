/**
 * Simulator calls after their server node is gone. The simulator keeps a call in the memory of
 * the process that placed it, so a node that crashes takes its calls with it: several nodes are
 * built here on one database, a node "crashes" (its simulator's memory is dropped and its clock
 * stands still, as a dead process's last heartbeat does), and the nodes left must end its calls,
 * free the agents and take the disposition; a call whose node may still be alive is left alone.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Call, CallWithLead, Presence } from '@telehub/shared';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createLogger } from '../../platform/logging.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';

const ENV = { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '8', TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_MAX_ATTEMPTS_PER_DAY: '50' };

let t: TestApp;
const nodes = new Set<FastifyInstance>();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-crash-'));
beforeAll(async () => {
  t = await createTestApp({ env: ENV });
});
afterAll(async () => {
  for (const n of nodes) await n.close();
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Node = {
  app: FastifyInstance;
  request(opts: InjectOptions & { as: Person }): Promise<LightMyRequestResponse>;
};

/** Another server node on the same database, with its own clock. */
async function startNode(now: () => Date): Promise<Node> {
  const config = loadConfig({ LOG_LEVEL: 'silent', TELEHUB_DEMO: '0', TELEHUB_WEB_DIR: '/nonexistent', TELEHUB_DATA_DIR: dataDir, ...ENV });
  const app = await buildApp({ config, database: t.db.database, logger: createLogger({ level: 'silent' }), clock: { now } });
  await app.ready();
  nodes.add(app);
  return {
    app,
    request: ({ as, ...rest }) => app.inject({ ...rest, headers: { ...(rest.headers ?? {}), authorization: `Bearer ${as.token}` } }),
  };
}

/** What a kill -9 leaves behind: the simulator's calls are gone with the process's memory. */
async function crash(node: Node) {
  await node.app.services.telephony.close?.();
}

let seq = 0;
async function dial(node: Node, who: Person): Promise<Call> {
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: `Crash Lead ${++seq}`, phone: `96${String(10_000_000 + seq)}`, ownerId: who.id });
  const res = await node.request({ method: 'POST', url: '/api/v1/calls', as: who, payload: { leadId: lead.id } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Call>();
}
const read = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.admin })).json<CallWithLead>();
const presenceOf = async (who: Person) => (await t.request({ method: 'GET', url: '/api/v1/presence/me', as: who })).json<Presence>();
const answered = (id: string) => until(`call ${id} in progress`, async () => (await read(id)).status === 'in_progress', 20_000);
const dispose = (node: Node, id: string, who: Person) =>
  node.request({ method: 'POST', url: `/api/v1/calls/${id}/disposition`, as: who, payload: { disposition: 'interested' } });

const T0 = Date.now();
const at = (ms: number) => () => new Date(T0 + ms);

describe('simulator calls of a node that is gone', () => {
  it('are ended when a fresh node starts, the agents are freed, and the disposition is taken', async () => {
    const first = await startNode(at(0));
    const talking = await dial(first, t.cast.telecaller);
    await answered(talking.id);
    const ringing = await dial(first, t.cast.otherTelecaller);
    await crash(first);
    expect((await read(talking.id)).status).toBe('in_progress');
    expect((await presenceOf(t.cast.telecaller)).state).toBe('on_call');

    // Restarted five minutes later: nothing is left to drive either call.
    const second = await startNode(at(5 * 60_000));
    expect(await read(talking.id)).toMatchObject({ status: 'completed', hangupBy: 'system', wrapUpPending: true });
    expect((await read(talking.id)).endedAt).not.toBeNull();
    expect(await read(ringing.id)).toMatchObject({ status: 'failed', hangupBy: 'system', wrapUpPending: true, answeredAt: null });
    expect((await presenceOf(t.cast.telecaller)).state).toBe('wrap_up');
    expect((await presenceOf(t.cast.otherTelecaller)).state).toBe('wrap_up');

    const saved = await dispose(second, talking.id, t.cast.telecaller);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await dispose(second, ringing.id, t.cast.otherTelecaller)).statusCode).toBe(200);
    expect((await presenceOf(t.cast.telecaller)).state).toBe('available');
    expect((await presenceOf(t.cast.otherTelecaller)).state).toBe('available');
  });

  it('are left alone while their node may be alive, then hung up for real and swept once it is not', async () => {
    const base = 10 * 60_000;
    const first = await startNode(at(base));
    const hungUp = await dial(first, t.cast.telecaller);
    await answered(hungUp.id);
    const swept = await dial(first, t.cast.otherTelecaller);
    await answered(swept.id);
    await crash(first);

    // Ten seconds after the first node's last heartbeat it may well be alive: its calls stay.
    let now = base + 10_000;
    const second = await startNode(() => new Date(T0 + now));
    expect((await read(hungUp.id)).status).toBe('in_progress');
    await second.app.services.calls.sweepStale();
    expect((await read(swept.id)).status).toBe('in_progress');
    const elsewhere = await second.request({ method: 'POST', url: `/api/v1/calls/${hungUp.id}/hangup`, as: t.cast.telecaller, payload: {} });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json()).toMatchObject({ code: 'CALL_HELD_ELSEWHERE' });

    // Its heartbeat is now too old: a hang-up ends the call at once, and the disposition follows.
    now = base + 45_000;
    const hangup = await second.request({ method: 'POST', url: `/api/v1/calls/${hungUp.id}/hangup`, as: t.cast.telecaller, payload: {} });
    expect(hangup.statusCode, hangup.body).toBe(200);
    expect(hangup.json<Call>()).toMatchObject({ status: 'completed', wrapUpPending: true });
    expect((await presenceOf(t.cast.telecaller)).state).toBe('wrap_up');
    expect((await dispose(second, hungUp.id, t.cast.telecaller)).statusCode).toBe(200);

    // The sweep ends the other one.
    await second.app.services.calls.sweepStale();
    expect(await read(swept.id)).toMatchObject({ status: 'completed', hangupBy: 'system', wrapUpPending: true });
    expect((await presenceOf(t.cast.otherTelecaller)).state).toBe('wrap_up');
    expect((await dispose(second, swept.id, t.cast.otherTelecaller)).statusCode).toBe(200);
  });

  it('are ended by their own node when it shuts down cleanly', async () => {
    const node = await startNode(() => new Date());
    const call = await dial(node, t.cast.telecaller);
    await answered(call.id);
    nodes.delete(node.app);
    await node.app.close();
    expect(await read(call.id)).toMatchObject({ status: 'completed', hangupBy: 'system', wrapUpPending: true });
    expect((await presenceOf(t.cast.telecaller)).state).toBe('wrap_up');
    expect((await dispose({ app: t.app, request: (o) => t.request(o) }, call.id, t.cast.telecaller)).statusCode).toBe(200);
  });
});
