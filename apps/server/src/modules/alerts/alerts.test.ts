/**
 * Floor alerts through the API on a real database: each condition raises one alert, clears it
 * when it ends, goes out on the bus, is scoped to the teams a manager watches, and can be
 * acknowledged once. The clock is moved forward instead of waiting out the thresholds.
 */
import type { Alert, AlertList, Call, CallbackList } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
const later = (seconds: number) => {
  clock.offsetMs += seconds * 1000;
};

let t: TestApp;
const seen: Alert[] = [];
beforeAll(async () => {
  t = await createTestApp({
    presence: 'offline',
    clock,
    env: {
      TELEHUB_CALLING_HOURS: '00:00-24:00',
      SIMULATOR_ANSWER_RATE: '1',
      SIMULATOR_SPEED: '10',
      TELEHUB_ALERT_LONG_CALL: '10m',
      TELEHUB_ALERT_IDLE: '5m',
      TELEHUB_ALERT_BREAK: '15m',
      TELEHUB_ALERT_CALLBACK_OVERDUE: '15m',
      TELEHUB_ALERT_CONNECT_DROP: '0',
      TELEHUB_ACCESS_TOKEN_TTL: '12h',
    },
  });
  t.app.services.bus.subscribe('alert.changed', ({ alert }) => void seen.push(alert));
});
afterAll(() => t?.close());

const evaluate = () => t.app.services.alerts.evaluate();
const alertsOf = async (who = t.cast.manager, query = '') => {
  const res = await t.request({ method: 'GET', url: `/api/v1/alerts${query}`, as: who });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AlertList>().items;
};
const setPresence = async (body: object, who = t.cast.telecaller) => {
  const res = await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: who, payload: body });
  expect(res.statusCode, res.body).toBe(200);
};

describe('agent state alerts', () => {
  it('raises one idle alert past the limit, clears it when the agent moves on, then watches the break', async () => {
    await setPresence({ state: 'available' });
    later(4 * 60);
    expect(await evaluate()).toEqual({ raised: 0, cleared: 0 });
    later(61);
    expect(await evaluate()).toMatchObject({ raised: 1 });
    // The same spell seen again raises nothing new.
    expect(await evaluate()).toEqual({ raised: 0, cleared: 0 });

    const [idle] = await alertsOf();
    expect(idle).toMatchObject({
      kind: 'idle_too_long',
      severity: 'warning',
      agentId: t.cast.telecaller.id,
      agentName: 'caller',
      teamId: t.cast.teamId,
      teamName: 'Alpha',
      threshold: 300,
      acknowledgedAt: null,
      resolvedAt: null,
    });
    expect(idle?.value).toBeGreaterThanOrEqual(300);
    expect(idle?.message).toMatch(/^caller has been available without a call for 5 min/);
    await until('the raise on the bus', async () => seen.find((a) => a.id === idle?.id));

    await setPresence({ state: 'break', reason: 'Lunch' });
    expect(await evaluate()).toEqual({ raised: 0, cleared: 1 });
    expect(await alertsOf()).toEqual([]);
    const cleared = (await alertsOf(t.cast.manager, '?status=all')).find((a) => a.id === idle?.id);
    expect(cleared?.resolvedAt).not.toBeNull();
    await until('the clearing on the bus', async () => seen.find((a) => a.id === idle?.id && a.resolvedAt));

    later(16 * 60);
    await evaluate();
    const [onBreak] = await alertsOf();
    expect(onBreak).toMatchObject({ kind: 'break_too_long', agentId: t.cast.telecaller.id, threshold: 900 });
    await setPresence({ state: 'offline' });
    await evaluate();
  });

  it('shows alerts only to the managers of the agent’s team and to admins, never to telecallers', async () => {
    await setPresence({ state: 'available' }, t.cast.otherTelecaller);
    later(6 * 60);
    await evaluate();
    const mine = await alertsOf(t.cast.otherManager);
    expect(mine.map((a) => a.agentId)).toEqual([t.cast.otherTelecaller.id]);
    expect((await alertsOf(t.cast.manager)).some((a) => a.agentId === t.cast.otherTelecaller.id)).toBe(false);
    expect((await alertsOf(t.cast.admin)).some((a) => a.agentId === t.cast.otherTelecaller.id)).toBe(true);
    expect((await alertsOf(t.cast.admin, `?teamId=${t.cast.teamId}`)).some((a) => a.agentId === t.cast.otherTelecaller.id)).toBe(false);
    const res = await t.request({ method: 'GET', url: '/api/v1/alerts', as: t.cast.telecaller });
    expect(res.statusCode).toBe(403);
    const bad = await t.request({ method: 'GET', url: '/api/v1/alerts?status=closed', as: t.cast.manager });
    expect(bad.statusCode).toBe(400);
  });

  it('is acknowledged once, by someone who watches it, and leaves the open list', async () => {
    const [alert] = await alertsOf(t.cast.otherManager);
    if (!alert) throw new Error('expected an open alert');
    const other = await t.request({ method: 'POST', url: `/api/v1/alerts/${alert.id}/acknowledge`, as: t.cast.manager });
    expect(other.statusCode).toBe(404);
    const res = await t.request({ method: 'POST', url: `/api/v1/alerts/${alert.id}/acknowledge`, as: t.cast.otherManager });
    expect(res.statusCode, res.body).toBe(200);
    const acked = res.json<Alert>();
    expect(acked.acknowledgedBy).toBe(t.cast.otherManager.id);
    expect(acked.acknowledgedAt).not.toBeNull();
    const again = await t.request({ method: 'POST', url: `/api/v1/alerts/${alert.id}/acknowledge`, as: t.cast.admin });
    expect(again.json<Alert>()).toEqual(acked);
    expect(await alertsOf(t.cast.otherManager)).toEqual([]);
    // The condition goes on, but an acknowledged alert is not raised again.
    later(60);
    await evaluate();
    expect(await alertsOf(t.cast.otherManager)).toEqual([]);
    const audit = await t.request({ method: 'GET', url: '/api/v1/audit?action=alert.acknowledge', as: t.cast.admin });
    expect(audit.body).toContain(alert.id);
    await setPresence({ state: 'offline' }, t.cast.otherTelecaller);
    await evaluate();
  });
});

describe('call and callback alerts', () => {
  // Back at the desk after the state tests, so the dials go through.
  beforeAll(() => t.app.services.agents.presence.set(t.cast.telecaller.id, 'available'));

  it('raises a long-call alert for a connected call and clears it when the call ends', async () => {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Long Talker', phone: '9840012345', ownerId: t.cast.telecaller.id });
    const start = await t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId: lead.id } });
    expect(start.statusCode, start.body).toBe(201);
    const call = start.json<Call>();
    await until('the answer', async () => (await t.app.services.callsReader.get(SYSTEM_ACTOR, call.id)).status === 'in_progress');
    later(11 * 60);
    await evaluate();
    const long = (await alertsOf()).find((a) => a.kind === 'long_call');
    expect(long).toMatchObject({ callId: call.id, leadId: lead.id, leadName: 'Long Talker', agentId: t.cast.telecaller.id, severity: 'warning' });
    expect(long?.message).toMatch(/on a call with Long Talker/);

    const hang = await t.request({ method: 'POST', url: `/api/v1/calls/${call.id}/hangup`, as: t.cast.telecaller });
    expect(hang.statusCode, hang.body).toBe(200);
    await until('the end', async () => (await t.app.services.callsReader.get(SYSTEM_ACTOR, call.id)).endedAt);
    await evaluate();
    expect((await alertsOf()).some((a) => a.kind === 'long_call')).toBe(false);
    const wrap = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${call.id}/disposition`,
      as: t.cast.telecaller,
      payload: { disposition: 'callback', callbackAt: new Date(clock.now().getTime() + 60_000).toISOString() },
    });
    expect(wrap.statusCode, wrap.body).toBe(200);
    await setPresence({ state: 'offline' });
  });

  it('raises an overdue-callback alert past the grace and clears it once the callback is done', async () => {
    await evaluate();
    later(17 * 60);
    await evaluate();
    const overdue = (await alertsOf()).find((a) => a.kind === 'callback_overdue');
    expect(overdue).toMatchObject({ leadName: 'Long Talker', agentId: t.cast.telecaller.id, threshold: 900 });
    const pending = await t.request({ method: 'GET', url: '/api/v1/callbacks?status=pending', as: t.cast.telecaller });
    const [callback] = pending.json<CallbackList>().items;
    if (!callback) throw new Error('expected the pending callback');
    const done = await t.request({ method: 'PATCH', url: `/api/v1/callbacks/${callback.id}`, as: t.cast.telecaller, payload: { status: 'done' } });
    expect(done.statusCode, done.body).toBe(200);
    await evaluate();
    expect((await alertsOf()).some((a) => a.kind === 'callback_overdue')).toBe(false);
  });
});
