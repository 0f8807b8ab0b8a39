/**
 * The agent's in-call controls through the API on a real database, with the simulator as the
 * provider: mute, hold and keypad tones kept with the call (a reload reads them back) and recorded
 * as call events by TeleHub and by the simulator; transfers to a teammate, cold and warm, moving
 * the call and both agents' presence; who may use the controls; and the redial of another of the
 * lead's numbers.
 */
import type { Call, CallControls, CallWithLead, Presence, TransferTargetList } from '@telehub/shared';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { callEvents } from './calls.tables.js';

let t: TestApp;
/** A second telecaller in the first one's team, to transfer to. */
let mate: Person;

beforeAll(async () => {
  // Slow enough that every call talks for several seconds before anyone hangs up.
  t = await createTestApp({
    env: { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '2', TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_MAX_ATTEMPTS_PER_DAY: '50' },
  });
  const u = await t.app.services.users.create(SYSTEM_ACTOR, {
    email: 'mate@test.example',
    name: 'Meera Mate',
    role: 'telecaller',
    password: 'correct-horse-battery',
    teamId: t.cast.teamId,
  });
  mate = { id: u.id, email: u.email, role: 'telecaller', teamId: t.cast.teamId, token: await t.login(u.email) };
  await t.app.services.agents.presence.set(mate.id, 'available');
}, 60_000);
afterAll(() => t?.close());

let seq = 0;
const lead = async (metadata: Record<string, unknown> = {}) =>
  t.app.services.leads.create(SYSTEM_ACTOR, { name: `Control Lead ${++seq}`, phone: `96${String(10_000_000 + seq)}`, ownerId: t.cast.telecaller.id, metadata });

const me = () => t.cast.telecaller;
const get = async <T>(url: string, who: Person = me()) => {
  const res = await t.request({ method: 'GET', url, as: who });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
};
const post = (url: string, payload: object, who: Person = me()) => t.request({ method: 'POST', url, as: who, payload });
const control = async (id: string, body: object, who: Person = me()) => {
  const res = await post(`/api/v1/calls/${id}/controls`, body, who);
  if (res.statusCode !== 200) throw new Error(`control ${JSON.stringify(body)}: ${res.statusCode} ${res.body}`);
  return res.json<CallControls>();
};
const presence = (who: Person) => get<Presence>('/api/v1/presence/me', who);

/** A call from `who` to a new lead, answered. */
async function answered(who: Person = me(), metadata: Record<string, unknown> = {}) {
  const l = await lead(metadata);
  const res = await post('/api/v1/calls', { leadId: l.id }, who);
  expect(res.statusCode, res.body).toBe(201);
  const call = res.json<Call>();
  await until('the lead answers', async () => (await get<CallWithLead>(`/api/v1/calls/${call.id}`, who)).status === 'in_progress', 20_000);
  return { call, lead: l };
}

/** Hangs up and wraps up, so the agent is free for the next test. */
async function finish(id: string, who: Person) {
  await post(`/api/v1/calls/${id}/hangup`, {}, who);
  await until('the call ends', async () => (await get<CallWithLead>(`/api/v1/calls/${id}`, who)).wrapUpPending);
  expect((await post(`/api/v1/calls/${id}/disposition`, { disposition: 'interested' }, who)).statusCode).toBe(200);
}

describe('in-call controls on the simulator', () => {
  it('mutes, holds and sends keypad tones; the state reads back after a reload and every action is a call event', async () => {
    const l = await lead();
    const placed = (await post('/api/v1/calls', { leadId: l.id })).json<Call>();
    // Before the lead answers there is nothing to mute or hold yet.
    const early = await get<CallControls>(`/api/v1/calls/${placed.id}/controls`);
    if (early.status !== 'in_progress') {
      expect(early.can.mute).toMatchObject({ ok: false, reason: 'not_connected' });
      const refused = await post(`/api/v1/calls/${placed.id}/controls`, { action: 'mute' });
      if (refused.statusCode !== 200) expect(refused.json()).toMatchObject({ code: 'CONTROL_UNAVAILABLE', reason: 'not_connected' });
    }
    await until('the lead answers', async () => (await get<CallWithLead>(`/api/v1/calls/${placed.id}`)).status === 'in_progress', 20_000);
    const id = placed.id;

    const fresh = await get<CallControls>(`/api/v1/calls/${id}/controls`);
    expect(fresh).toMatchObject({ provider: 'simulator', agentId: me().id, muted: false, held: false, digitsSent: '', transfer: null });
    expect(fresh.can.mute.ok && fresh.can.hold.ok && fresh.can.dtmf.ok && fresh.can.transfer.ok).toBe(true);

    expect(await control(id, { action: 'mute' })).toMatchObject({ muted: true, held: false });
    const held = await control(id, { action: 'hold' });
    expect(held).toMatchObject({ muted: true, held: true });
    // Tones go to the lead's line: not while the lead is on hold.
    expect(held.can.dtmf).toMatchObject({ ok: false, reason: 'held' });
    const onHold = await post(`/api/v1/calls/${id}/controls`, { action: 'dtmf', digits: '1' });
    expect(onHold.statusCode).toBe(409);
    expect(onHold.json()).toMatchObject({ code: 'CONTROL_UNAVAILABLE', reason: 'held' });
    await control(id, { action: 'unhold' });
    await control(id, { action: 'dtmf', digits: '1w2#' });
    const after = await control(id, { action: 'dtmf', digits: '*9' });
    expect(after).toMatchObject({ muted: true, held: false, digitsSent: '1w2#*9' });

    // A reload reads the same state back.
    expect(await get<CallControls>(`/api/v1/calls/${id}/controls`)).toMatchObject({ muted: true, held: false, digitsSent: '1w2#*9' });

    // Digits are checked: only 0-9 * # w, at most 32.
    for (const digits of ['12a', '', '1'.repeat(33), '1 2']) {
      const bad = await post(`/api/v1/calls/${id}/controls`, { action: 'dtmf', digits });
      expect(bad.statusCode, digits).toBe(400);
    }
    expect((await post(`/api/v1/calls/${id}/controls`, { action: 'shout' })).statusCode).toBe(400);

    // Recorded twice over: TeleHub's record of each action, and the simulator's report of carrying it out.
    const db = t.db.database.db;
    const events = await db
      .select()
      .from(callEvents)
      .where(and(eq(callEvents.callId, id), like(callEvents.type, 'control:%')));
    const ours = events.filter((e) => e.providerEventId.startsWith('engine:control:'));
    expect(ours.map((e) => e.type)).toEqual(['control:mute', 'control:hold', 'control:unhold', 'control:dtmf', 'control:dtmf']);
    expect(ours[3]?.payload).toMatchObject({ action: 'dtmf', digits: '1w2#', by: me().id });
    const reported = await until('the simulator’s reports', async () => {
      const rows = await db
        .select()
        .from(callEvents)
        .where(and(eq(callEvents.callId, id), like(callEvents.type, 'control:%')));
      const sim = rows.filter((e) => !e.providerEventId.startsWith('engine:'));
      return sim.length === 5 ? sim : undefined;
    });
    expect(reported.map((e) => e.payload)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ control: { action: 'mute' }, muted: true, held: false }),
        expect.objectContaining({ control: { action: 'hold' }, muted: true, held: true }),
        expect.objectContaining({ control: { action: 'dtmf', digits: '*9' }, tones: '1w2#*9' }),
      ]),
    );
    expect(reported.every((e) => e.appliedAt === null)).toBe(true);
    await finish(id, me());
    // Over: the controls say so, and refuse.
    const ended = await get<CallControls>(`/api/v1/calls/${id}/controls`);
    expect(ended.can.mute).toMatchObject({ ok: false, reason: 'ended' });
    const late = await post(`/api/v1/calls/${id}/controls`, { action: 'unmute' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'CALL_NOT_LIVE' });
  }, 60_000);

  it('lets only the agent on the call use its controls: a manager who sees it is refused, another team’s agent does not see it', async () => {
    const { call } = await answered();
    const manager = await post(`/api/v1/calls/${call.id}/controls`, { action: 'mute' }, t.cast.manager);
    expect(manager.statusCode).toBe(403);
    expect(manager.json()).toMatchObject({ code: 'CONTROL_FORBIDDEN' });
    // The manager may read the state (the command center shows it), with every control closed to them.
    const seen = await get<CallControls>(`/api/v1/calls/${call.id}/controls`, t.cast.manager);
    expect(seen.can.mute).toMatchObject({ ok: false, reason: 'not_yours' });
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}/transfer-targets`, as: t.cast.manager })).statusCode).toBe(403);
    expect((await post(`/api/v1/calls/${call.id}/controls`, { action: 'mute' }, t.cast.otherTelecaller)).statusCode).toBe(404);
    expect((await post(`/api/v1/calls/${call.id}/redial`, { phone: '+919600000001' }, t.cast.otherTelecaller)).statusCode).toBe(404);
    await finish(call.id, me());
  }, 60_000);

  it('transfers cold to a free teammate: the call, its wrap-up and the presence of both move', async () => {
    const { call } = await answered();
    const targets = await get<TransferTargetList>(`/api/v1/calls/${call.id}/transfer-targets`);
    // The team: the teammate (free) and the team's manager (signed off); nobody from another team.
    expect(targets.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: mate.id, relation: 'teammate', presence: 'available', available: true, reason: null }),
        expect.objectContaining({ userId: t.cast.manager.id, relation: 'manager', available: false, reason: 'offline' }),
      ]),
    );
    expect(targets.items.map((i) => i.userId)).not.toContain(t.cast.otherTelecaller.id);

    const outsider = await post(`/api/v1/calls/${call.id}/controls`, { action: 'transfer', toUserId: t.cast.otherTelecaller.id, mode: 'cold' });
    expect(outsider.statusCode).toBe(422);
    expect(outsider.json()).toMatchObject({ code: 'TRANSFER_TARGET_INVALID', reason: 'not_colleague' });
    const away = await post(`/api/v1/calls/${call.id}/controls`, { action: 'transfer', toUserId: t.cast.manager.id, mode: 'cold' });
    expect(away.json()).toMatchObject({ code: 'TRANSFER_TARGET_INVALID', reason: 'offline' });

    await control(call.id, { action: 'mute' });
    const moved = await control(call.id, { action: 'transfer', toUserId: mate.id, mode: 'cold' });
    expect(moved).toMatchObject({ agentId: mate.id, agentName: 'Meera Mate', muted: false, transfer: null });
    expect(moved.can.mute).toMatchObject({ ok: false, reason: 'not_yours' });
    expect(await presence(mate)).toMatchObject({ state: 'on_call', callId: call.id });
    expect(await presence(me())).toMatchObject({ state: 'available', callId: null });
    // Theirs now: they control it, the agent who left does not.
    expect((await post(`/api/v1/calls/${call.id}/controls`, { action: 'hold' })).statusCode).toBe(403);
    expect(await control(call.id, { action: 'hold' }, mate)).toMatchObject({ held: true, agentId: mate.id });

    const audit = await get<{ items: { action: string; entityId: string; details: Record<string, unknown> }[] }>(
      '/api/v1/audit?action=call.transfer',
      t.cast.admin,
    );
    expect(audit.items.find((e) => e.entityId === call.id)?.details).toMatchObject({ mode: 'cold', fromUserId: me().id, toUserId: mate.id });

    // The teammate ends the call: the wrap-up is theirs.
    await post(`/api/v1/calls/${call.id}/hangup`, {}, mate);
    await until('the teammate’s wrap-up', async () => (await presence(mate)).state === 'wrap_up');
    expect((await get<CallWithLead>(`/api/v1/calls/${call.id}`, mate)).agentId).toBe(mate.id);
    expect((await post(`/api/v1/calls/${call.id}/disposition`, { disposition: 'interested' }, mate)).statusCode).toBe(200);
  }, 60_000);

  it('transfers warm: the teammate joins while the lead holds, then takes over; cancelled, the teammate is free again', async () => {
    const { call } = await answered();
    const consulting = await control(call.id, { action: 'transfer', toUserId: mate.id, mode: 'warm' });
    expect(consulting).toMatchObject({ agentId: me().id, held: true, transfer: { toUserId: mate.id, toName: 'Meera Mate', mode: 'warm' } });
    expect(consulting.can.hold).toMatchObject({ ok: false, reason: 'consulting' });
    expect(consulting.can.mute.ok).toBe(true);
    // Held for this call: the dialer sends them nothing else, and no one else can transfer to them.
    expect(await presence(mate)).toMatchObject({ state: 'ringing', callId: null });
    const again = await post(`/api/v1/calls/${call.id}/controls`, { action: 'transfer', toUserId: mate.id, mode: 'cold' });
    expect(again.json()).toMatchObject({ code: 'CONTROL_UNAVAILABLE', reason: 'consulting' });

    const back = await control(call.id, { action: 'transfer_cancel' });
    expect(back).toMatchObject({ agentId: me().id, held: false, transfer: null });
    expect(await presence(mate)).toMatchObject({ state: 'available', callId: null });

    await control(call.id, { action: 'transfer', toUserId: mate.id, mode: 'warm' });
    const done = await control(call.id, { action: 'transfer_complete' });
    expect(done).toMatchObject({ agentId: mate.id, held: false, transfer: null });
    expect(await presence(mate)).toMatchObject({ state: 'on_call', callId: call.id });
    expect(await presence(me())).toMatchObject({ state: 'available' });
    await finish(call.id, mate);
  }, 60_000);

  it('lets the teammate go when the call ends during a warm transfer', async () => {
    const { call } = await answered();
    await control(call.id, { action: 'transfer', toUserId: mate.id, mode: 'warm' });
    await post(`/api/v1/calls/${call.id}/hangup`, {});
    await until('the teammate is free again', async () => (await presence(mate)).state === 'available');
    await until('the wrap-up', async () => (await get<CallWithLead>(`/api/v1/calls/${call.id}`)).wrapUpPending);
    expect((await post(`/api/v1/calls/${call.id}/disposition`, { disposition: 'interested' })).statusCode).toBe(200);
  }, 60_000);

  it('calls another of the lead’s numbers: the call is hung up and saved, and the other number is dialled', async () => {
    const { call, lead: l } = await answered(me(), { alternatePhones: ['+919811122233'], 'Alt Mobile': '098111 22244', city_code: '0731' });
    const state = await get<CallControls>(`/api/v1/calls/${call.id}/controls`);
    expect(state.numbers).toEqual([
      { phone: l.phone, primary: true, dialled: true },
      { phone: '+919811122233', primary: false, dialled: false },
      { phone: '+919811122244', primary: false, dialled: false },
    ]);
    expect(state.can.redial.ok).toBe(true);

    const stranger = await post(`/api/v1/calls/${call.id}/redial`, { phone: '+919800099999', disposition: 'not_interested' });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json()).toMatchObject({ code: 'REDIAL_NUMBER_UNKNOWN' });
    // The lead answered this one: its outcome is the agent's to say.
    const untold = await post(`/api/v1/calls/${call.id}/redial`, { phone: '+919811122233' });
    expect(untold.json()).toMatchObject({ code: 'REDIAL_OUTCOME_REQUIRED' });
    expect((await get<CallWithLead>(`/api/v1/calls/${call.id}`)).status).toBe('in_progress');

    const res = await post(`/api/v1/calls/${call.id}/redial`, {
      phone: '98111 22233',
      disposition: 'interested',
      notes: 'Asked to be called on her office number',
    });
    expect(res.statusCode, res.body).toBe(201);
    const next = res.json<Call>();
    expect(next).toMatchObject({ leadId: l.id, agentId: me().id });
    expect(next.id).not.toBe(call.id);
    expect(await get<CallWithLead>(`/api/v1/calls/${call.id}`)).toMatchObject({ disposition: 'interested', wrapUpPending: false, hangupBy: 'agent' });
    const nextState = await get<CallControls>(`/api/v1/calls/${next.id}/controls`);
    expect(nextState.numbers.find((n) => n.dialled)?.phone).toBe('+919811122233');
    await until('the new call is answered', async () => (await get<CallWithLead>(`/api/v1/calls/${next.id}`)).status === 'in_progress', 20_000);
    await finish(next.id, me());
  }, 60_000);
});
