/** The dialer through the API on the simulator: campaigns paced by themselves, gates first, abandons recorded and rested. */
import { randomUUID } from 'node:crypto';
import type { Call, Campaign, CampaignStats } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlData } from '../../graphql/testing/gql.js';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { noonInIndia } from '../../test/clock.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';

/** 12:00 in India today, whenever the suite runs. */
const clock = noonInIndia();

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    clock,
    env: {
      SIMULATOR_ANSWER_RATE: '1',
      SIMULATOR_SPEED: '20',
      TELEHUB_DIALER_TICK_MS: '100',
      TELEHUB_ABANDON_WAIT_MS: '500',
      TELEHUB_MAX_ATTEMPTS_PER_DAY: '10',
    },
  });
});
afterAll(() => t?.close());

let n = 0;
async function leads(count: number, extra: { dnd?: boolean } = {}) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: `Dialer Lead ${++n}`, phone: `94${String(10_000_000 + n)}` });
    if (extra.dnd) await t.app.services.leads.dnd.apply([{ phone: lead.phone, blocked: true, categories: null }]);
    ids.push(lead.id);
  }
  return ids;
}

async function campaign(body: Record<string, unknown>, leadIds: string[]): Promise<Campaign> {
  const c = await t.request({ method: 'POST', url: '/api/v1/campaigns', as: t.cast.manager, payload: { wrapUpSeconds: 1, ...body } });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json<Campaign>().id;
  if (leadIds.length > 0)
    expect((await t.request({ method: 'POST', url: `/api/v1/campaigns/${id}/leads`, as: t.cast.manager, payload: { leadIds } })).statusCode).toBe(200);
  const started = await t.request({ method: 'POST', url: `/api/v1/campaigns/${id}/start`, as: t.cast.manager });
  expect(started.statusCode, started.body).toBe(200);
  return started.json<Campaign>();
}

const join = (p: Person, campaignId: string | null) =>
  t.request({ method: 'PUT', url: '/api/v1/presence/me', as: p, payload: { state: 'available', campaignId } });
/** Stops the campaign, then takes the agent out of it once their last call is wrapped up. */
async function finish(campaignId: string, p: Person = t.cast.telecaller) {
  await t.request({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/stop`, as: t.cast.manager });
  await until('the agent free to leave', async () => (await join(p, null)).statusCode === 200, 30_000);
}
const stats = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/campaigns/${id}/stats`, as: t.cast.manager })).json<CampaignStats>();
const campaignCalls = async (id: string) =>
  (await t.request({ method: 'GET', url: `/api/v1/calls?campaignId=${id}&pageSize=100`, as: t.cast.admin })).json<{ items: Call[] }>().items;
/** Joins, and fails loudly when the agent could not. */
async function enter(p: Person, campaignId: string) {
  const res = await join(p, campaignId);
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 40_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the dialer', () => {
  it('refuses to start without people, and refuses a telecaller who is not one of them', async () => {
    const c = (
      await t.request({ method: 'POST', url: '/api/v1/campaigns', as: t.cast.manager, payload: { name: 'Nobody', dialMode: 'progressive' } })
    ).json<Campaign>();
    const start = await t.request({ method: 'POST', url: `/api/v1/campaigns/${c.id}/start`, as: t.cast.manager });
    expect(start.statusCode).toBe(409);
    expect(start.json().code).toBe('CAMPAIGN_NO_AGENTS');
    const other = await campaign({ name: 'Team Beta only', dialMode: 'progressive', teamIds: [t.cast.otherTeamId] }, []);
    const refused = await join(t.cast.telecaller, other.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('CAMPAIGN_NOT_ASSIGNED');
    await t.request({ method: 'POST', url: `/api/v1/campaigns/${other.id}/stop`, as: t.cast.manager });
  });

  it('progressive: calls reach the agent by themselves, carry the campaign and the agent, and the counters move', async () => {
    const ids = await leads(4);
    const c = await campaign({ name: 'Progressive', dialMode: 'progressive', teamIds: [t.cast.teamId] }, ids);
    expect((await enter(t.cast.telecaller, c.id)).json().campaignId).toBe(c.id);
    // Each call: the agent is rung, talks, and the wrap-up timer (1 s) saves wrap_up_timeout and makes them ready again.
    const calls = await until(
      'two campaign calls done',
      async () => {
        const items = await campaignCalls(c.id);
        return items.filter((x) => x.disposition).length >= 2 && items;
      },
      60_000,
    );
    for (const call of calls) {
      expect(call.campaignId).toBe(c.id);
      expect(call.agentId).toBe(t.cast.telecaller.id);
    }
    expect(calls.some((x) => x.disposition === 'wrap_up_timeout')).toBe(true);
    const s = await stats(c.id);
    expect(s.dialed).toBeGreaterThanOrEqual(2);
    expect(s.answered).toBeGreaterThanOrEqual(2);
    expect(s.queue.done).toBeGreaterThanOrEqual(1);
    expect(s.agentStates.map((a) => a.userId)).toContain(t.cast.telecaller.id);
    await finish(c.id);
  }, 90_000);

  it('runs the gates before any dial: a DND lead is refused with its reason and moves on, never dialled', async () => {
    const [dnd] = await leads(1, { dnd: true });
    if (!dnd) throw new Error('no lead');
    expect((await t.app.services.leads.get(SYSTEM_ACTOR, dnd)).dnd).toBe(true);
    const c = await campaign({ name: 'Gates', dialMode: 'progressive', teamIds: [t.cast.teamId] }, [dnd]);
    await enter(t.cast.telecaller, c.id);
    const s = await until('the refusal', async () => {
      const x = await stats(c.id);
      return x.queue.exhausted === 1 && x;
    });
    expect(s.dialed).toBe(0);
    expect(await campaignCalls(c.id)).toHaveLength(0);
    await finish(c.id);
  });

  it('power: an answered lead with no agent free is abandoned, not bridged, and the pacer backs off; the lead rests 72 hours', async () => {
    const ids = await leads(6);
    const c = await campaign({ name: 'Power', dialMode: 'power', ratio: 5, maxAbandonRate: 0.1, teamIds: [t.cast.teamId] }, ids);
    await enter(t.cast.telecaller, c.id);
    const abandoned = await until('an abandoned call, closed by the system', async () =>
      (await campaignCalls(c.id)).find((x) => x.status === 'abandoned' && x.disposition),
    );
    expect(abandoned.agentId).toBeNull();
    expect(abandoned.disposition).toBe('abandoned');
    // The manager running the campaign finds it by status, though no agent of theirs took it; a telecaller does not.
    const asManager = await t.request({ method: 'GET', url: `/api/v1/calls?campaignId=${c.id}&status=abandoned`, as: t.cast.manager });
    expect(asManager.json<{ items: Call[] }>().items.map((x) => x.id)).toContain(abandoned.id);
    const byAgent = await t.request({
      method: 'GET',
      url: `/api/v1/calls?campaignId=${c.id}&agentId=${t.cast.telecaller.id}&status=abandoned`,
      as: t.cast.manager,
    });
    expect(byAgent.json<{ items: Call[] }>().items).toEqual([]);
    const asTelecaller = await t.request({ method: 'GET', url: `/api/v1/calls?campaignId=${c.id}&status=abandoned`, as: t.cast.telecaller });
    expect(asTelecaller.json<{ items: Call[] }>().items).toEqual([]);
    const s = await until('the pacer backing off', async () => {
      const x = await stats(c.id);
      return x.pacing?.backedOff && x;
    });
    expect(s.abandoned).toBeGreaterThan(0);
    expect(s.pacing?.mode).toBe('progressive');
    // Once the abandon has moved its lead on (every lead answers here, so a retry is an abandon)...
    await until('the abandoned lead moved on', async () => (await stats(c.id)).queue.retry > 0);
    // ...it waits 72 hours: a predictive campaign that has it too leaves it alone.
    const again = await campaign({ name: 'Predictive rest', dialMode: 'predictive', teamIds: [t.cast.otherTeamId] }, [abandoned.leadId]);
    const leased = await t.app.services.campaigns.queue.lease(again.id, 5, 'test', { leaseMs: 1000, rest: true });
    expect(leased).toHaveLength(0);
    await t.request({ method: 'POST', url: `/api/v1/campaigns/${again.id}/stop`, as: t.cast.manager });
    await finish(c.id);
  }, 120_000);

  it('a break asked for on a call is taken when the call is done, and the pacer stops counting on the agent meanwhile', async () => {
    const agent = t.cast.telecaller;
    const ids = await leads(6);
    const c = await campaign({ name: 'Break after', dialMode: 'progressive', teamIds: [t.cast.teamId] }, ids);
    await enter(agent, c.id);
    const onCall = await until('a call holding the agent', async () => {
      const p = await t.app.services.agents.presence.get(agent.id);
      return (p.state === 'ringing' || p.state === 'on_call') && p;
    });
    const put = (payload: object) => t.request({ method: 'PUT', url: '/api/v1/presence/me', as: agent, payload });
    // Without afterCall it is refused as before, saying why.
    const refused = await put({ state: 'break', reason: 'tea' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('PRESENCE_ON_CALL');
    // Asked for after the call: the agent stays on it, the move is recorded; back to available cancels it, asking again sets it.
    const asked = await put({ state: 'break', reason: 'tea', afterCall: true });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ callId: onCall.callId, campaignId: c.id, next: { state: 'break', reason: 'tea', campaignId: c.id } });
    expect((await put({ state: 'available', afterCall: true })).json().next).toBeNull();
    expect((await put({ state: 'available', campaignId: randomUUID(), afterCall: true })).statusCode).toBe(404);
    expect((await put({ state: 'break', reason: 'tea', afterCall: true })).json().next).toMatchObject({ state: 'break' });
    // The command center and the workspace read it over GraphQL too.
    const live = await gqlData<{ myPresence: { state: string; next: unknown } }>(
      t.app,
      agent.token,
      'query { myPresence { state next { state reason campaign { id } } } }',
    );
    expect(live.myPresence.next).toEqual({ state: 'BREAK', reason: 'tea', campaign: { id: c.id } });
    // The call ends, the wrap-up timer runs out: the agent is on their break in the campaign, not back to available.
    const after = await until('the break', async () => {
      const p = await t.app.services.agents.presence.get(agent.id);
      return p.state === 'break' && p;
    });
    expect(after).toMatchObject({ reason: 'tea', campaignId: c.id, next: null, callId: null });
    const calls = (await campaignCalls(c.id)).filter((x) => x.agentId === agent.id);
    expect(calls).toHaveLength(1);
    // On the break, the dialer places nothing for them.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await campaignCalls(c.id)).filter((x) => x.agentId === agent.id)).toHaveLength(1);
    await finish(c.id);
  }, 90_000);

  it('an agent free in a campaign with a line dialled for them leaves once it settles, not while a lead may answer to nobody', async () => {
    const agent = t.cast.telecaller;
    const [lead] = await leads(1);
    if (!lead) throw new Error('no lead');
    const c = await campaign({ name: 'Lines out', dialMode: 'predictive', teamIds: [t.cast.teamId] }, []);
    await enter(agent, c.id);
    // Paused, so the pacer itself neither dials nor routes: the line below is one it placed a moment before.
    expect((await t.request({ method: 'POST', url: `/api/v1/campaigns/${c.id}/pause`, as: t.cast.manager })).statusCode).toBe(200);
    const line = await t.app.services.calls.placeCall(SYSTEM_ACTOR, { leadId: lead, campaignId: c.id, agentId: null, mode: 'lead_first' });
    const put = (payload: object) => t.request({ method: 'PUT', url: '/api/v1/presence/me', as: agent, payload });
    const asked = await put({ state: 'offline', afterCall: true });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ state: 'available', campaignId: c.id, next: { state: 'offline', campaignId: null } });
    // Not free for new lines meanwhile: the pacer does not count them.
    expect((await t.app.services.agents.presence.inCampaign(c.id)).filter((p) => p.state === 'available' && !p.next)).toHaveLength(0);
    await t.app.services.calls.hangup(SYSTEM_ACTOR, line.id);
    const gone = await until('the agent offline', async () => {
      const p = await t.app.services.agents.presence.get(agent.id);
      return p.state === 'offline' && p;
    });
    expect(gone).toMatchObject({ campaignId: null, next: null });
    // With no line out, the same request is taken at once.
    await enter(agent, c.id);
    expect((await put({ state: 'offline', afterCall: true })).json()).toMatchObject({ state: 'offline', next: null });
    await t.request({ method: 'POST', url: `/api/v1/campaigns/${c.id}/stop`, as: t.cast.manager });
  }, 60_000);

  it('hands no call to an agent who has just left the campaign or gone on a break, whatever the dialer read a moment before', async () => {
    const agent = t.cast.telecaller;
    const [first, second] = await leads(2);
    if (!first || !second) throw new Error('no leads');
    // Started with no leads, so the dialer itself places nothing: the two calls below are the ones it set aside a moment ago.
    const c = await campaign({ name: 'Left', dialMode: 'progressive', teamIds: [t.cast.teamId] }, []);
    await enter(agent, c.id);
    expect((await join(agent, null)).statusCode).toBe(200);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (err: unknown) => (err instanceof AppError ? `${err.code}:${String(err.extra?.reason)}` : String(err)),
      );
    const reserved = t.app.services.calls.placeCall(SYSTEM_ACTOR, {
      leadId: first,
      campaignId: c.id,
      agentId: agent.id,
      mode: 'agent_first',
      reservedInCampaign: true,
    });
    expect(await code(reserved)).toBe('DIAL_BLOCKED:agent_busy');
    expect(await t.app.services.agents.presence.get(agent.id)).toMatchObject({ state: 'available', callId: null, campaignId: null });
    expect(await campaignCalls(c.id)).toHaveLength(0);

    // Lead-first: the agent has gone on a break since the dialer saw them free, so the bridge is refused.
    // (A line outside any campaign, so that only this bridge, not the running engine, tries it.)
    await enter(agent, c.id);
    expect((await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: agent, payload: { state: 'break', reason: 'tea' } })).statusCode).toBe(200);
    const line = await t.app.services.calls.placeCall(SYSTEM_ACTOR, { leadId: second, agentId: null, mode: 'lead_first' });
    await until('the answer', async () => (await t.app.services.callsReader.get(SYSTEM_ACTOR, line.id)).status === 'in_progress');
    expect(await code(t.app.services.calls.bridge(SYSTEM_ACTOR, line.id, agent.id))).toBe('DIAL_BLOCKED:agent_on_break');
    expect(await t.app.services.agents.presence.get(agent.id)).toMatchObject({ state: 'break', callId: null, campaignId: c.id });
    await t.app.services.calls.hangup(SYSTEM_ACTOR, line.id);
    await finish(c.id);
  });
});
