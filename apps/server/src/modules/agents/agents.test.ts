/**
 * The agents module through the API on a real database: presence set by the agent and its
 * history, the workspace's next lead (a due callback first, then the queue), and who may see
 * an agent's things.
 */
import type { NextLead } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

let seq = 0;
const lead = async (over: { ownerId?: string | null } = {}) =>
  t.app.services.leads.create(SYSTEM_ACTOR, {
    name: `Queue Lead ${++seq}`,
    phone: `96${String(10_000_000 + seq)}`,
    ownerId: over.ownerId === undefined ? t.cast.telecaller.id : over.ownerId,
  });

const as = () => t.cast.telecaller;
const get = async <T>(url: string, who = as()) => {
  const res = await t.request({ method: 'GET', url, as: who });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
};

describe('presence', () => {
  it('goes on a break with a reason and back, with a history', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const brk = await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: as(), payload: { state: 'break', reason: 'lunch' } });
    expect(brk.json()).toMatchObject({ state: 'break', reason: 'lunch' });
    expect((await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: as(), payload: { state: 'break' } })).statusCode).toBe(400);
    await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: as(), payload: { state: 'available' } });
    const to = new Date(Date.now() + 1000).toISOString();
    const h = await get<{ items: { state: string; reason: string | null }[] }>(`/api/v1/presence/${as().id}/history?from=${from}&to=${to}`);
    expect(h.items.map((i) => i.state).slice(-2)).toEqual(['break', 'available']);
    expect((await t.request({ method: 'GET', url: `/api/v1/presence/${as().id}/history?from=${from}&to=${to}`, as: t.cast.otherTelecaller })).statusCode).toBe(
      404,
    );
    expect((await t.request({ method: 'GET', url: `/api/v1/presence/${as().id}/history?from=${from}&to=${to}`, as: t.cast.manager })).statusCode).toBe(200);
  });
});

describe('the presence log', () => {
  it('keeps one open row: each move closes the last at the moment the next opens', async () => {
    const agent = await t.app.services.users.create(SYSTEM_ACTOR, {
      email: 'log@test.example',
      name: 'Log Agent',
      role: 'telecaller',
      password: 'correct-horse-battery',
    });
    const { presence } = t.app.services.agents;
    const from = new Date(Date.now() - 1000);
    const moves = [
      await presence.set(agent.id, 'available'),
      await presence.set(agent.id, 'break', { reason: 'lunch' }),
      // The same state again changes nothing, in the presence or its log.
      await presence.set(agent.id, 'break', { reason: 'lunch' }),
      await presence.set(agent.id, 'break', { reason: 'tea' }),
      await presence.set(agent.id, 'offline'),
    ];
    expect(moves[2]).toEqual(moves[1]);
    const log = await presence.history(agent.id, from, new Date(Date.now() + 1000));
    expect(log.map((r) => [r.state, r.reason])).toEqual([
      ['available', null],
      ['break', 'lunch'],
      ['break', 'tea'],
      ['offline', null],
    ]);
    for (const [i, row] of log.entries()) expect(row.endedAt).toBe(log[i + 1]?.startedAt ?? null);
    expect(log.map((r) => r.startedAt)).toEqual([moves[0], moves[1], moves[3], moves[4]].map((m) => m?.since));
    expect(await presence.get(agent.id)).toMatchObject({ state: 'offline', since: log[3]?.startedAt });
  });
});

describe('the next lead', () => {
  it('serves a due callback first, then the queue, and skips on request', async () => {
    const agent = await t.app.services.users.create(SYSTEM_ACTOR, {
      email: 'queue@test.example',
      name: 'Queue Agent',
      role: 'telecaller',
      password: 'correct-horse-battery',
    });
    const token = await t.login('queue@test.example');
    const me = { ...t.cast.telecaller, id: agent.id, email: agent.email, token };
    const empty = await get<NextLead>('/api/v1/workspace/next', me);
    expect(empty).toEqual({ lead: null, reason: null, callback: null, remaining: 0 });
    const a = await lead({ ownerId: agent.id });
    const b = await lead({ ownerId: agent.id });
    const first = await get<NextLead>('/api/v1/workspace/next', me);
    expect(first).toMatchObject({ reason: 'queue', lead: { id: a.id }, remaining: 1 });
    expect((await get<NextLead>(`/api/v1/workspace/next?skip=${a.id}`, me)).lead?.id).toBe(b.id);
    // A callback on b due now puts b first.
    await t.app.services.agents.callbacks.replaceForLead(t.db.database.db, {
      leadId: b.id,
      agentId: agent.id,
      callId: null,
      dueAt: new Date(Date.now() - 60_000),
      notes: null,
    });
    const due = await get<NextLead>('/api/v1/workspace/next', me);
    expect(due).toMatchObject({ reason: 'callback', lead: { id: b.id }, callback: { leadId: b.id, overdue: true } });
  });
});
