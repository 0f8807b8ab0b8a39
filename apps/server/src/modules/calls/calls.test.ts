/**
 * The call engine through the API on a real database, with the simulator as the provider:
 * dial, live transcript, hang-up, wrap-up with a callback.
 */
import type { Call, Callback, CallWithLead, Presence, TodayCounters, Transcript } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

/** Noon in India today: inside calling hours whenever the suite runs. */
function indiaNoon(): number {
  const now = new Date();
  const ist = new Date(now.getTime() + 5.5 * 3600_000);
  const noonIstAsUtc = Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate(), 12, 0) - 5.5 * 3600_000;
  return noonIstAsUtc - now.getTime();
}
const clock = { offsetMs: indiaNoon(), now: () => new Date(Date.now() + clock.offsetMs) };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '40', TELEHUB_MAX_ATTEMPTS_PER_DAY: '3' } });
});
afterAll(() => t?.close());

let seq = 0;
const lead = async (over: { ownerId?: string | null; timezone?: string; language?: 'hi' | 'en' } = {}) =>
  t.app.services.leads.create(SYSTEM_ACTOR, {
    name: `Caller Lead ${++seq}`,
    phone: `97${String(10_000_000 + seq)}`,
    ownerId: over.ownerId === undefined ? t.cast.telecaller.id : over.ownerId,
    timezone: over.timezone,
    language: over.language ?? 'en',
  });

const as = () => t.cast.telecaller;
const get = async <T>(url: string, who = as()) => {
  const res = await t.request({ method: 'GET', url, as: who });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
};
const post = (url: string, payload: object, who = as()) => t.request({ method: 'POST', url, as: who, payload });

describe('a call through the simulator', () => {
  it('dials, rings, connects with a live transcript, hangs up and is wrapped up with a callback', async () => {
    const l = await lead({ language: 'hi' });
    const res = await post('/api/v1/calls', { leadId: l.id });
    expect(res.statusCode, res.body).toBe(201);
    const call = res.json<Call>();
    expect(call).toMatchObject({ leadId: l.id, agentId: as().id, provider: 'simulator', direction: 'outbound', recordingNotice: true });
    expect(['queued', 'dialing', 'ringing']).toContain(call.status);

    await until('ringing presence', async () => (await get<Presence>('/api/v1/presence/me')).state === 'ringing' || undefined, 5000).catch(() => undefined);
    await until('in progress', async () => (await get<CallWithLead>(`/api/v1/calls/${call.id}`)).status === 'in_progress');
    expect((await get<Presence>('/api/v1/presence/me')).state).toBe('on_call');
    const segs = await until('two transcript segments', async () => {
      const tr = await get<Transcript>(`/api/v1/calls/${call.id}/transcript`);
      return tr.items.length >= 2 ? tr.items : undefined;
    });
    expect(segs[0]).toMatchObject({ seq: 0, speaker: 'agent', callId: call.id });
    expect(['hi', 'hinglish']).toContain(segs[0]?.language);
    const after = await get<Transcript>(`/api/v1/calls/${call.id}/transcript?afterSeq=${segs[0]?.seq}`);
    expect(after.items.every((s) => s.seq > 0)).toBe(true);

    // Wrap-up cannot start while the call is live.
    expect((await post(`/api/v1/calls/${call.id}/disposition`, { disposition: 'interested' })).statusCode).toBe(409);
    const hung = await post(`/api/v1/calls/${call.id}/hangup`, {});
    expect(hung.statusCode, hung.body).toBe(200);
    const ended = await until('completed', async () => {
      const c = await get<CallWithLead>(`/api/v1/calls/${call.id}`);
      return c.status === 'completed' ? c : undefined;
    });
    expect(ended).toMatchObject({ hangupBy: 'agent', wrapUpPending: true, leadName: l.name });
    expect(ended.durationSeconds).toBeGreaterThanOrEqual(0);
    expect((await get<Presence>('/api/v1/presence/me')).state).toBe('wrap_up');
    // A second dial waits for the disposition.
    const busy = await post('/api/v1/calls', { leadId: (await lead()).id });
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ code: 'DIAL_BLOCKED', reason: 'agent_busy' });

    expect((await post(`/api/v1/calls/${call.id}/disposition`, { disposition: 'nope' })).json()).toMatchObject({ code: 'DISPOSITION_UNKNOWN' });
    expect((await post(`/api/v1/calls/${call.id}/disposition`, { disposition: 'callback' })).json()).toMatchObject({ code: 'CALLBACK_TIME_REQUIRED' });
    const past = new Date(clock.now().getTime() - 60_000).toISOString();
    expect((await post(`/api/v1/calls/${call.id}/disposition`, { disposition: 'callback', callbackAt: past })).json()).toMatchObject({
      code: 'CALLBACK_TIME_PAST',
    });
    const callbackAt = new Date(clock.now().getTime() + 2 * 3600_000).toISOString();
    const saved = await post(`/api/v1/calls/${call.id}/disposition`, { disposition: 'callback', notes: 'Call after 6, father decides', callbackAt });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ disposition: 'callback', wrapUpPending: false, notes: 'Call after 6, father decides', callbackAt });
    expect((await post(`/api/v1/calls/${call.id}/disposition`, { disposition: 'interested' })).json()).toMatchObject({ code: 'CALL_ALREADY_DISPOSED' });

    expect((await get<Presence>('/api/v1/presence/me')).state).toBe('available');
    const updated = await t.app.services.leads.get(SYSTEM_ACTOR, l.id);
    expect(updated.status).toBe('callback');
    expect(updated.lastContactedAt).not.toBeNull();
    const timeline = await get<{ items: { type: string; data: Record<string, unknown>; body: string | null }[] }>(`/api/v1/leads/${l.id}/activities`);
    const entry = timeline.items.find((a) => a.type === 'call');
    expect(entry).toMatchObject({ body: 'Call after 6, father decides', data: { callId: call.id, disposition: 'callback', callbackAt } });
    expect(timeline.items.some((a) => a.type === 'status_change' && a.data.to === 'callback')).toBe(true);

    const cbs = await get<{ items: Callback[] }>('/api/v1/callbacks');
    expect(cbs.items).toEqual([expect.objectContaining({ leadId: l.id, callId: call.id, dueAt: callbackAt, overdue: false, status: 'pending' })]);
    const today = await get<TodayCounters>('/api/v1/workspace/today');
    expect(today).toMatchObject({ calls: 1, connects: 1, dispositions: { callback: 1 } });
  });

  it('lists calls by lead and keeps other telecallers out', async () => {
    const mine = await get<{ items: CallWithLead[]; total: number }>('/api/v1/calls');
    expect(mine.total).toBeGreaterThanOrEqual(1);
    const id = mine.items[0]?.id ?? '';
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.otherTelecaller })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/v1/calls/${id}/hangup`, as: t.cast.otherTelecaller, payload: {} })).statusCode).toBe(404);
    expect((await get<{ total: number }>('/api/v1/calls', t.cast.otherTelecaller)).total).toBe(0);
    expect((await get<CallWithLead>(`/api/v1/calls/${id}`, t.cast.manager)).id).toBe(id);
    // A lead someone else owns: 404, no call placed.
    const theirs = await lead({ ownerId: t.cast.otherTelecaller.id });
    expect((await post('/api/v1/calls', { leadId: theirs.id })).statusCode).toBe(404);
  });

  it('refuses a dial while the telecaller is offline or on a break, with the reason, and places nothing', async () => {
    const l = await lead();
    const me = as();
    const presence = (body: object) => t.request({ method: 'PUT', url: '/api/v1/presence/me', as: me, payload: body });
    const callsOf = async () => (await get<{ total: number }>(`/api/v1/calls?leadId=${l.id}`)).total;
    try {
      expect((await presence({ state: 'offline' })).statusCode).toBe(200);
      const offline = await post('/api/v1/calls', { leadId: l.id });
      expect(offline.statusCode).toBe(409);
      expect(offline.json()).toMatchObject({ code: 'DIAL_BLOCKED', message: 'You are offline: set yourself Available to call.', reason: 'agent_offline' });
      expect((await presence({ state: 'break', reason: 'tea' })).statusCode).toBe(200);
      const onBreak = await post('/api/v1/calls', { leadId: l.id });
      expect(onBreak.statusCode).toBe(409);
      expect(onBreak.json()).toMatchObject({ reason: 'agent_on_break' });
      // Nothing was placed, and the state is as the telecaller left it (not silently Ringing).
      expect(await callsOf()).toBe(0);
      expect((await get<Presence>('/api/v1/presence/me')).state).toBe('break');
    } finally {
      await presence({ state: 'available' });
    }
  });

  it('a lead who does not answer ends as no answer, and the agent wraps up', async () => {
    // A second app whose simulator never answers.
    const quiet = await createTestApp({ clock, env: { SIMULATOR_ANSWER_RATE: '0', SIMULATOR_SPEED: '100', TELEHUB_RING_TIMEOUT: '20' } });
    try {
      const l = await quiet.app.services.leads.create(SYSTEM_ACTOR, { name: 'No Reply', phone: '9812345670', ownerId: quiet.cast.telecaller.id });
      const res = await quiet.request({ method: 'POST', url: '/api/v1/calls', as: quiet.cast.telecaller, payload: { leadId: l.id } });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json<Call>().id;
      const ended = await until('terminal', async () => {
        const c = (await quiet.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: quiet.cast.telecaller })).json<CallWithLead>();
        return ['no_answer', 'busy', 'failed'].includes(c.status) ? c : undefined;
      });
      expect(ended).toMatchObject({ answeredAt: null, durationSeconds: 0, wrapUpPending: true });
      const saved = await quiet.request({
        method: 'POST',
        url: `/api/v1/calls/${id}/disposition`,
        as: quiet.cast.telecaller,
        payload: { disposition: 'no_answer' },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const today = (await quiet.request({ method: 'GET', url: '/api/v1/workspace/today', as: quiet.cast.telecaller })).json<TodayCounters>();
      expect(today).toMatchObject({ calls: 1, connects: 0, talkSeconds: 0 });
    } finally {
      await quiet.close();
    }
  });
});
