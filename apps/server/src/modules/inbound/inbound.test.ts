/** Inbound calls through the API on the simulator: callers found by number, routed owner → team → anyone, queued, taken, missed and owed a callback. */
import type { Alert, Call, Callback, InboundCall, InboundQueue, InboundStats, Lead, Presence } from '@telehub/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codes, collect, gql, gqlData, until, wsClient } from '../../graphql/testing/gql.js';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createLogger } from '../../platform/logging.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { createInboundService } from './inbound.service.js';

/** Noon in India today, and a way to move the clock on (callbacks falling overdue). */
const ist = () => {
  const now = new Date();
  const d = new Date(now.getTime() + 5.5 * 3600_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12, 0) - 5.5 * 3600_000 - now.getTime();
};
const shift = ist();
const clock = { now: () => new Date(Date.now() + shift) };

let t: TestApp;
let teammate: Person;
beforeAll(async () => {
  t = await createTestApp({
    clock,
    env: {
      SIMULATOR_SPEED: '20',
      SIMULATOR_CALLER_PATIENCE: '300',
      TELEHUB_INBOUND_RING_SECONDS: '5',
      TELEHUB_INBOUND_MAX_WAIT: '600',
      TELEHUB_INBOUND_CALLBACK_SLA: '30',
      TELEHUB_ALERT_CALLBACK_OVERDUE: '60',
    },
  });
  const u = await t.app.services.users.create(SYSTEM_ACTOR, {
    email: 'mate@test.example',
    name: 'Mate',
    role: 'telecaller',
    password: 'test-password-1',
    teamId: t.cast.teamId,
    languages: ['hi'],
  });
  teammate = { id: u.id, email: u.email, role: 'telecaller', teamId: t.cast.teamId, token: await t.login(u.email, 'test-password-1') };
});
afterAll(() => t?.close());

const everyone = () => [t.cast.telecaller, teammate, t.cast.otherTelecaller];
const setPresence = (p: Person, body: Record<string, unknown>) => t.request({ method: 'PUT', url: '/api/v1/presence/me', as: p, payload: body });
const presenceOf = async (p: Person) => (await t.request({ method: 'GET', url: '/api/v1/presence/me', as: p })).json<Presence>();
const ring = async (from: string, as: Person = t.cast.manager) => {
  const res = await t.request({ method: 'POST', url: '/api/v1/inbound/simulate', as, payload: { from } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ callId: string; action: string }>();
};
const offerOf = async (p: Person) => (await t.request({ method: 'GET', url: '/api/v1/inbound/offer', as: p })).json<{ offer: InboundCall | null }>().offer;
const queue = async () => (await t.request({ method: 'GET', url: '/api/v1/inbound/queue', as: t.cast.admin })).json<InboundQueue>();
const entry = async (callId: string) => (await queue()).items.find((i) => i.callId === callId);
const callOf = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.admin })).json<Call>();
const accept = (p: Person, callId: string) => t.request({ method: 'POST', url: `/api/v1/calls/${callId}/accept`, as: p });
const reject = (p: Person, callId: string) => t.request({ method: 'POST', url: `/api/v1/calls/${callId}/reject`, as: p });

/** Everyone's ringing and live calls settled: each agent back to available, the queue empty. */
async function calm() {
  for (const p of everyone()) {
    const offer = await offerOf(p);
    if (offer) await reject(p, offer.callId);
  }
  for (const item of (await queue()).items.filter((i) => i.state === 'waiting' || i.state === 'offered')) {
    const call = await callOf(item.callId);
    if (call.providerCallId) await t.app.services.telephony.hangup({ callId: call.id, providerCallId: call.providerCallId });
  }
  await until('the queue empty', async () => (await queue()).waiting === 0);
  for (const p of everyone()) {
    await until(`${p.email} free`, async () => {
      const me = await presenceOf(p);
      if (me.state === 'wrap_up' && me.callId) {
        await t.request({ method: 'POST', url: `/api/v1/calls/${me.callId}/disposition`, as: p, payload: { disposition: 'interested' } });
        return false;
      }
      if (me.state === 'on_call' && me.callId) {
        const call = await callOf(me.callId);
        if (call.providerCallId) await t.app.services.telephony.hangup({ callId: call.id, providerCallId: call.providerCallId });
        return false;
      }
      if (me.state !== 'offline' && me.state !== 'available') await setPresence(p, { state: 'offline' });
      return me.state === 'offline' || me.state === 'available';
    });
    await setPresence(p, { state: 'offline' });
  }
}

let n = 0;
async function ownedLead(owner: Person | null, extra: { language?: 'en' | 'hi' } = {}) {
  n++;
  const phone = `+9198765${String(10_000 + n).slice(-5)}`;
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: `Inbound Lead ${n}`, phone, ownerId: owner?.id ?? null, ...extra });
  return lead;
}

describe('inbound calls', () => {
  beforeEach(async () => {
    await calm();
    await t.request({ method: 'PUT', url: `/api/v1/teams/${t.cast.teamId}/inbound-hours`, as: t.cast.admin, payload: { hours: null } });
  });

  it('finds the caller by number in every form it comes in, and makes a lead of a number it has never seen', async () => {
    await setPresence(t.cast.telecaller, { state: 'break', reason: 'Tea' });
    const lead = await ownedLead(t.cast.telecaller);
    const digits = lead.phone.slice(3);
    const forms = [
      lead.phone,
      `0${digits}`,
      `91${digits}`,
      `0091 ${digits.slice(0, 5)} ${digits.slice(5)}`,
      `+91-${digits.slice(0, 5)}-${digits.slice(5)}`,
      `(+91) ${digits}`,
    ];
    for (const from of forms) {
      const { callId, action } = await ring(from);
      expect(action, from).toBe('queue');
      const call = await callOf(callId);
      expect(call, from).toMatchObject({ leadId: lead.id, direction: 'inbound', agentId: null, status: 'in_progress' });
    }
    // A new number: a new lead, from the inbound source, with the line it rang.
    const fresh = await ring('98111 22333');
    const call = await callOf(fresh.callId);
    const created = (await t.request({ method: 'GET', url: `/api/v1/leads/${call.leadId}`, as: t.cast.admin })).json<Lead>();
    expect(created).toMatchObject({ phone: '+919811122333', ownerId: null });
    expect(created.metadata).toMatchObject({ calledLine: '+918069000000' });
    // A number nobody could call back is told so, and nothing is recorded.
    const withheld = await ring('anonymous');
    expect(withheld).toEqual({ callId: '', action: 'closed' });
    // Listed in the calls, inbound.
    const listed = (await t.request({ method: 'GET', url: `/api/v1/calls?leadId=${lead.id}&pageSize=50`, as: t.cast.admin })).json<{ items: Call[] }>().items;
    expect(listed.filter((c) => c.direction === 'inbound')).toHaveLength(forms.length);
  });

  it('rings the owner first, then the owner’s team, then anyone; a refusal passes it on', async () => {
    for (const p of everyone()) expect((await setPresence(p, { state: 'available' })).statusCode).toBe(200);
    const lead = await ownedLead(t.cast.telecaller);
    const { callId } = await ring(lead.phone);
    await until('the owner rung', async () => (await offerOf(t.cast.telecaller))?.callId === callId);
    expect(await presenceOf(t.cast.telecaller)).toMatchObject({ state: 'ringing', callId });
    // The command center shows the call ringing on the owner's row, as theirs (no agent has it yet).
    const floor = await gqlData<{
      teamStatus: { agents: { user: { id: string }; state: string; currentCall: { id: string; telecaller: { id: string } } | null }[] };
    }>(t.app, t.cast.manager.token, 'query { teamStatus { agents { user { id } state currentCall { id telecaller { id } } } } }');
    expect(floor.teamStatus.agents.find((a) => a.user.id === t.cast.telecaller.id)).toMatchObject({
      state: 'RINGING',
      currentCall: { id: callId, telecaller: { id: t.cast.telecaller.id } },
    });
    // Not offered to two at once; the teammate may not open the owner's lead.
    expect(await offerOf(teammate)).toBeNull();
    expect((await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}`, as: teammate })).statusCode).toBe(404);
    expect((await reject(t.cast.telecaller, callId)).statusCode).toBe(204);
    await until('the teammate rung', async () => (await offerOf(teammate))?.callId === callId);
    expect((await presenceOf(t.cast.telecaller)).state).toBe('available');
    // While it rings for them, the teammate's workspace opens the caller's lead.
    expect((await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}`, as: teammate })).statusCode).toBe(200);
    // The owner cannot take it back now: it is not ringing for them.
    expect((await accept(t.cast.telecaller, callId)).json()).toMatchObject({ code: 'INBOUND_NOT_OFFERED' });
    expect((await reject(teammate, callId)).statusCode).toBe(204);
    await until('someone in another team rung', async () => (await offerOf(t.cast.otherTelecaller))?.callId === callId);
    const taken = await accept(t.cast.otherTelecaller, callId);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json<Call>()).toMatchObject({ agentId: t.cast.otherTelecaller.id, direction: 'inbound' });
    expect(await presenceOf(t.cast.otherTelecaller)).toMatchObject({ state: 'on_call', callId });
    expect(await entry(callId)).toMatchObject({ state: 'connected', agentId: t.cast.otherTelecaller.id });
    // The call ends on its own (the simulated conversation), and is wrapped up like any other.
    await until('wrap-up', async () => (await presenceOf(t.cast.otherTelecaller)).state === 'wrap_up', 60_000);
    const saved = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${callId}/disposition`,
      as: t.cast.otherTelecaller,
      payload: { disposition: 'interested' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
  }, 90_000);

  it('skips an owner away from the floor, prefers teammates who speak the caller’s language, and lets an unanswered ring pass on', async () => {
    await setPresence(t.cast.telecaller, { state: 'break', reason: 'Lunch' });
    await setPresence(t.cast.otherTelecaller, { state: 'available' });
    await setPresence(teammate, { state: 'available' });
    const lead = await ownedLead(t.cast.telecaller, { language: 'hi' });
    const { callId } = await ring(lead.phone);
    // The owner is on a break: the team next, ahead of the other team's agent who has been free longer.
    await until('the teammate rung', async () => (await offerOf(teammate))?.callId === callId);
    // Left to ring for the ring time (5 s): then the next.
    await until('the other team rung', async () => (await offerOf(t.cast.otherTelecaller))?.callId === callId, 15_000);
    expect((await presenceOf(teammate)).state).toBe('available');
  }, 30_000);

  it('outside the team’s hours the caller hears so, and the owner gets a callback due after the next opening', async () => {
    await setPresence(t.cast.telecaller, { state: 'available' });
    // Open only at 03:00-04:00 India time: closed at noon.
    const hours = {
      timezone: 'Asia/Kolkata',
      week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['03:00', '04:00']]])),
      holidays: [],
    };
    const set = await t.request({ method: 'PUT', url: `/api/v1/teams/${t.cast.teamId}/inbound-hours`, as: t.cast.manager, payload: { hours } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ openNow: false });
    // A manager cannot set another team's hours; bad hours are refused with the reason.
    expect(
      (await t.request({ method: 'PUT', url: `/api/v1/teams/${t.cast.otherTeamId}/inbound-hours`, as: t.cast.manager, payload: { hours } })).statusCode,
    ).toBe(403);
    const bad = await t.request({
      method: 'PUT',
      url: `/api/v1/teams/${t.cast.teamId}/inbound-hours`,
      as: t.cast.manager,
      payload: { hours: { ...hours, week: { mon: [['18:00', '09:00']] } } },
    });
    expect(bad.statusCode).toBe(400);
    const zone = await t.request({
      method: 'PUT',
      url: `/api/v1/teams/${t.cast.teamId}/inbound-hours`,
      as: t.cast.manager,
      payload: { hours: { ...hours, timezone: 'Mars/Base' } },
    });
    expect(zone.json()).toMatchObject({ code: 'INBOUND_HOURS_INVALID' });

    const lead = await ownedLead(t.cast.telecaller);
    const { callId, action } = await ring(lead.phone);
    expect(action).toBe('closed');
    expect(await entry(callId)).toMatchObject({ state: 'missed', missedReason: 'closed' });
    expect(await offerOf(t.cast.telecaller)).toBeNull();
    const callbacks = (await t.request({ method: 'GET', url: '/api/v1/callbacks', as: t.cast.telecaller })).json<{ items: Callback[] }>().items;
    const owed = callbacks.find((c) => c.leadId === lead.id);
    expect(owed).toMatchObject({ source: 'missed_call', callId, agentId: t.cast.telecaller.id, teamId: t.cast.teamId });
    // Due 30 minutes after 03:00 tomorrow, India time.
    const due = new Date(owed?.dueAt ?? 0);
    expect(due.getTime() - clock.now().getTime()).toBeGreaterThan(14 * 3600_000);
    expect(new Date(due.getTime() + 5.5 * 3600_000).toISOString().slice(11, 16)).toBe('03:30');
    await until(
      'the call over, marked missed',
      async () => (await callOf(callId)).disposition === 'missed_call' && (await callOf(callId)).status === 'completed',
    );
  });

  it('queues more callers than agents, tells each their place, and settles a caller who hangs up as missed, with a callback and an alert when it runs late', async () => {
    await setPresence(t.cast.telecaller, { state: 'available' });
    const leads = [await ownedLead(t.cast.telecaller), await ownedLead(t.cast.telecaller), await ownedLead(null)];
    const calls: string[] = [];
    for (const l of leads) calls.push((await ring(l.phone)).callId);
    const [first, second, third] = calls as [string, string, string];
    await until('the first offered', async () => (await offerOf(t.cast.telecaller))?.callId === first);
    const hooks = t.app.services.inbound.hooks;
    const place = async (id: string) => hooks.waiting((await callOf(id)).providerCallId ?? '');
    expect(await place(first)).toMatchObject({ position: 1, language: 'en' });
    expect(await place(second)).toMatchObject({ position: 2, message: 'You are number 2 in line. Thank you for waiting.' });
    expect(await place(third)).toMatchObject({ position: 3 });
    const q = await queue();
    expect(q.waiting).toBe(3);
    // The other team's manager sees none of the team's callers; the owner's manager sees them.
    const theirs = (await t.request({ method: 'GET', url: '/api/v1/inbound/queue', as: t.cast.otherManager })).json<InboundQueue>();
    expect(theirs.items.map((i) => i.callId)).not.toContain(first);
    const ours = (await t.request({ method: 'GET', url: '/api/v1/inbound/queue', as: t.cast.manager })).json<InboundQueue>();
    expect(ours.items.map((i) => i.callId)).toContain(first);
    expect(q.longestWaitSeconds).toBeGreaterThanOrEqual(0);
    expect((await accept(t.cast.telecaller, first)).statusCode).toBe(200);
    expect(await place(first)).toBeNull();
    expect(await place(second)).toMatchObject({ position: 1 });
    // Nobody else is free: the others wait. The third caller hangs up.
    const thirdCall = await callOf(third);
    await t.app.services.telephony.hangup({ callId: third, providerCallId: thirdCall.providerCallId ?? '' });
    await until('the third missed', async () => (await entry(third))?.state === 'missed');
    expect(await entry(third)).toMatchObject({ missedReason: 'caller_left' });
    // Its lead has no owner (so no team): the callback waits in the floor's queue, and an agent takes it.
    const listed = await t.request({ method: 'GET', url: '/api/v1/callbacks/team', as: teammate });
    expect(listed.statusCode, listed.body).toBe(200);
    const teamQueue = listed.json<{ items: Callback[] }>().items;
    const owed = teamQueue.find((c) => c.callId === third);
    expect(owed).toMatchObject({ source: 'missed_call', agentId: null, teamId: null, leadId: leads[2]?.id });
    // An hour on, nobody has called back: the command center hears of it. Only the alerts look an
    // hour ahead; the shared clock stays put, or the router (every second) would see the second
    // caller waiting an hour and let them go.
    await t.app.services.alerts.evaluate(new Date(clock.now().getTime() + 61 * 60_000));
    const res = await t.request({ method: 'GET', url: '/api/v1/alerts', as: t.cast.admin });
    expect(res.statusCode, res.body).toBe(200);
    const alert = res.json<{ items: Alert[] }>().items.find((a) => a.kind === 'missed_call_overdue' && a.leadId === leads[2]?.id);
    expect(alert?.message).toMatch(/has not called back .*, whose call was missed/);
    const claimed = await t.request({ method: 'POST', url: `/api/v1/callbacks/${owed?.id}/claim`, as: teammate });
    expect(claimed.json<Callback>()).toMatchObject({ agentId: teammate.id });
    // A missed call owed by the owner is not in any queue to take.
    const ownersCall = (await t.request({ method: 'GET', url: '/api/v1/callbacks', as: t.cast.telecaller })).json<{ items: Callback[] }>().items;
    const notQueued = ownersCall.find((c) => c.source === 'missed_call');
    if (notQueued) expect((await t.request({ method: 'POST', url: `/api/v1/callbacks/${notQueued.id}/claim`, as: teammate })).statusCode).toBe(409);
    expect((await t.request({ method: 'POST', url: `/api/v1/callbacks/${owed?.id}/claim`, as: t.cast.telecaller })).json()).toMatchObject({
      code: 'CALLBACK_TAKEN',
    });
    // The day's figures: three callers, one answered, one missed, one still waiting.
    const stats = (await t.request({ method: 'GET', url: '/api/v1/inbound/stats', as: t.cast.admin })).json<InboundStats>();
    expect(stats.waiting).toBeGreaterThanOrEqual(1);
    expect(stats.today.answered).toBeGreaterThanOrEqual(1);
    expect(stats.today.missed).toBeGreaterThanOrEqual(1);
    expect(stats.targetSeconds).toBe(20);
    expect(stats.hours.length).toBeGreaterThan(0);
    // The command center reads the same over GraphQL, and hears of changes.
    const gqlStatus = await gqlData<{
      inbound: { waiting: number; callers: { callId: string; state: string; missedReason: string | null }[]; today: { missed: number } };
    }>(
      t.app,
      t.cast.admin.token,
      'query { inbound { waiting longestWaitSeconds callers { callId state missedReason known } today { calls missed serviceLevel } hours { hour figures { calls } } } }',
    );
    expect(gqlStatus.inbound.callers.find((c) => c.callId === third)).toMatchObject({ state: 'MISSED', missedReason: 'CALLER_LEFT' });
    expect(gqlStatus.inbound.waiting).toBe(stats.waiting);
    const denied = await gql(t.app, t.cast.telecaller.token, 'query { inbound { waiting } }');
    expect(codes(denied)).toContain('FORBIDDEN');
    // A telecaller sees none of it; a manager sees their teams'.
    expect((await t.request({ method: 'GET', url: '/api/v1/inbound/stats', as: t.cast.telecaller })).statusCode).toBe(403);
  }, 60_000);

  it('two nodes routing at once never give one caller to two agents, nor one agent two callers', async () => {
    for (const p of everyone()) await setPresence(p, { state: 'available' });
    const s = t.app.services;
    // A second router on the same database, as another node would run.
    const other = createInboundService({
      db: t.db.database.db,
      clock,
      logger: createLogger({ level: 'silent' }),
      bus: s.bus,
      audit: s.audit,
      provider: s.telephony,
      calls: s.calls,
      leads: s.leads,
      users: s.users,
      agents: s.agents,
      leadCampaigns: async () => [],
      options: { ringSeconds: 5, maxWaitSeconds: 600, callbackSlaMinutes: 30, serviceLevelSeconds: 20, record: false, timeZone: 'Asia/Kolkata' },
    });
    const callers: string[] = [];
    for (let i = 0; i < 5; i++) callers.push((await ring((await ownedLead(null)).phone)).callId);
    await Promise.all([other.route(), s.inbound.route(), other.route(), s.inbound.route()]);
    const items = (await queue()).items.filter((i) => callers.includes(i.callId));
    const offered = items.filter((i) => i.state === 'offered');
    expect(offered).toHaveLength(3);
    expect(new Set(offered.map((i) => i.offeredTo)).size).toBe(3);
    for (const p of everyone()) {
      const me = await presenceOf(p);
      expect(me.state).toBe('ringing');
      expect(offered.find((i) => i.offeredTo === p.id)?.callId).toBe(me.callId);
    }
  });

  it('sends the command center the queue as it changes, over the socket', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no port');
    const client = wsClient(`http://127.0.0.1:${addr.port}`, { authorization: `Bearer ${t.cast.manager.token}` });
    try {
      const feed = collect<{ inboundChanged: { waiting: number; callers: { callId: string; state: string }[] } }>(
        client,
        'subscription { inboundChanged { waiting callers { callId state } } }',
      );
      await until('the first status', () => feed.values.length > 0);
      // Someone on the floor (on a break): the caller waits.
      await setPresence(t.cast.telecaller, { state: 'break', reason: 'Tea' });
      const lead = await ownedLead(t.cast.telecaller);
      const { callId } = await ring(lead.phone);
      await until('the caller in the queue', () => feed.values.some((v) => v.inboundChanged.callers.some((c) => c.callId === callId && c.state === 'WAITING')));
      feed.stop();
      // A telecaller may not listen.
      const refused = collect(
        wsClient(`http://127.0.0.1:${addr.port}`, { authorization: `Bearer ${t.cast.telecaller.token}` }),
        'subscription { inboundChanged { waiting } }',
      );
      await until('the refusal', () => refused.errors.length > 0);
    } finally {
      await client.dispose();
    }
  });
});
