/**
 * The live floor against the floor read whole: a seeded walk of presence changes and calls on a
 * real database, each event published on the bus as the services publish it, and after each step
 * the board kept from patches must equal viewOfFloor over a fresh createFloor.load, for everyone
 * and for one team. Also: stale and out-of-order events, and a change of team.
 */
import type { Call, Presence } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { type CallValues, writeCall } from '../../test/calls.js';
import { applyPatch, type Board as BoardOf, emptyBoard } from '../../test/floor-board.js';
import { createTestApp, PASSWORD, type TestApp } from '../../test/harness.js';
import { type FloorView, viewOfFloor } from './analytics.floor.js';
import { createFloorView, createLiveFloor, type FloorPatch, type LiveFloor } from './analytics.live.js';

/** Noon in Asia/Kolkata; each step moves the clock on by a few seconds. */
const clock = { ms: Date.parse('2026-11-25T12:00:00+05:30') };

type Board = BoardOf<FloorPatch['agents'][number], Call, FloorPatch['totals'], FloorPatch['today']>;

/** What a board shows of a row; logged-in time (and what is per logged-in hour) aside unless asked. */
const shape = (a: FloorView['agents'][number], loggedIn: boolean) => ({
  id: a.user.id,
  team: a.user.teamId,
  state: a.presence.state,
  since: a.presence.since,
  reason: a.presence.reason,
  call: a.currentCall ? `${a.currentCall.id}:${a.currentCall.status}:${a.currentCall.agentId}` : null,
  today: { ...a.today, loggedInSeconds: loggedIn ? a.today.loggedInSeconds : 0 },
});

function expectSame(board: Board, truth: FloorView, loggedIn: boolean) {
  const byId = (list: ReturnType<typeof shape>[]) => list.sort((x, y) => x.id.localeCompare(y.id));
  expect(byId([...board.agents.values()].map((a) => shape(a, loggedIn)))).toEqual(byId(truth.agents.map((a) => shape(a, loggedIn))));
  expect([...board.calls.keys()].sort()).toEqual(truth.liveCalls.map((c) => c.id).sort());
  expect(board.totals).toEqual(truth.totals);
  expect({ ...board.today, loggedInSeconds: loggedIn ? board.today?.loggedInSeconds : 0 }).toEqual({
    ...truth.today,
    loggedInSeconds: loggedIn ? truth.today.loggedInSeconds : 0,
  });
}

/** A small deterministic generator (mulberry32), so a failing walk can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the live floor', () => {
  let t: TestApp;
  let store: LiveFloor;
  const agents: string[] = [];
  const leads = new Map<string, string>();
  const offs: (() => void)[] = [];

  const truth = async (teamId: string | null) => {
    const { analytics, users } = t.app.services;
    return viewOfFloor(await analytics.floor.load(await users.list(SYSTEM_ACTOR)), null, teamId);
  };

  beforeAll(async () => {
    t = await createTestApp({ presence: 'offline', clock: { now: () => new Date(clock.ms) }, env: { TELEHUB_ACCESS_TOKEN_TTL: '12h' } });
    const { users, leads: leadService, analytics, bus } = t.app.services;
    for (let i = 0; i < 6; i++) {
      const u = await users.create(SYSTEM_ACTOR, {
        email: `live${i}@test.example`,
        name: `Live ${i}`,
        role: 'telecaller',
        password: PASSWORD,
        teamId: i % 2 === 0 ? t.cast.teamId : t.cast.otherTeamId,
      });
      agents.push(u.id);
      leads.set(u.id, (await leadService.create(SYSTEM_ACTOR, { name: `Live Lead ${i}`, phone: `98450${10_000 + i}`, ownerId: u.id })).id);
    }
    store = createLiveFloor({
      floor: analytics.floor,
      users: () => users.list(SYSTEM_ACTOR),
      totals: (ids, period) => analytics.performance.of(ids, period),
      resyncMs: 3_600_000,
      now: () => new Date(clock.ms),
    });
    offs.push(
      bus.subscribe('agent.presence', ({ presence }) => store.presence(presence)),
      bus.subscribe('call.updated', ({ call }) => store.call(call)),
      bus.subscribe('user.access_changed', () => store.usersChanged()),
    );
  });
  afterAll(async () => {
    for (const off of offs) off();
    await t?.close();
  });

  /** Lets the bus deliver (it hands events over after the publisher's turn). */
  const settle = () => new Promise((r) => setTimeout(r, 10));

  /** A call row as the call flow writes it, published as a call change. */
  async function callChange(id: string | null, agentId: string, status: Call['status'], extra: CallValues = {}): Promise<string> {
    const now = new Date(clock.ms);
    const callId = await writeCall(t.db.database.db, id, { status, updatedAt: now, ...(id ? {} : { leadId: leads.get(agentId) ?? '', agentId }), ...extra });
    const [call] = await t.app.services.analytics.floor.calls([callId]);
    if (call) await t.app.services.bus.publish('call.updated', { call });
    return callId;
  }

  it('keeps the same board as the floor read whole, through a seeded walk of presence and calls', async () => {
    const { agents: presence } = t.app.services;
    const rnd = random(18);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
    const everyone = createFloorView(store, null, null);
    const team = createFloorView(store, null, t.cast.teamId);
    const boards: { everyone: Board; team: Board } = { everyone: emptyBoard(), team: emptyBoard() };
    const open = new Map<string, { callId: string; stage: 'ringing' | 'on_call' | 'wrap_up' | 'saved' }>();

    const check = async (loggedIn: boolean) => {
      // A flush comes after the events it gathers (periods end before "now": a call made this very millisecond is not yet counted).
      clock.ms += 1;
      const changes = await store.flush();
      for (const [view, board] of [
        [everyone, boards.everyone],
        [team, boards.team],
      ] as const) {
        // As the feed does: a newcomer gets the whole view at its first tick, the others the patch.
        const patch = view.apply(changes);
        if (board.seq < 0) applyPatch(board, view.full());
        else if (patch) applyPatch(board, patch);
      }
      expectSame(boards.everyone, await truth(null), loggedIn);
      expectSame(boards.team, await truth(t.cast.teamId), loggedIn);
    };

    await check(true);
    for (let step = 0; step < 60; step++) {
      clock.ms += 1000 + Math.floor(rnd() * 20_000);
      const agent = pick(agents);
      const onCall = open.get(agent);
      if (onCall) {
        // Along the call: answered, ended (wrap-up), then saved with a disposition.
        if (onCall.stage === 'ringing') {
          await callChange(onCall.callId, agent, 'in_progress', { answeredAt: new Date(clock.ms) });
          await presence.presence.set(agent, 'on_call', { callId: onCall.callId });
          onCall.stage = 'on_call';
        } else if (onCall.stage === 'on_call') {
          // Sometimes the presence comes first, sometimes the call: both orders happen on the bus.
          const end = () => callChange(onCall.callId, agent, 'completed', { endedAt: new Date(clock.ms), durationSeconds: 40, wrapUpPending: true });
          const wrap = () => presence.presence.set(agent, 'wrap_up', { callId: onCall.callId });
          if (rnd() < 0.5) {
            await end();
            await wrap();
          } else {
            await wrap();
            await end();
          }
          onCall.stage = 'wrap_up';
        } else if (onCall.stage === 'wrap_up') {
          // The disposition alone: a call change with no presence change beside it.
          await callChange(onCall.callId, agent, 'completed', {
            wrapUpPending: false,
            disposition: pick(['interested', 'converted', 'not_interested']),
            dispositionAt: new Date(clock.ms),
          });
          onCall.stage = 'saved';
        } else {
          await presence.presence.set(agent, 'available');
          open.delete(agent);
        }
      } else {
        const r = rnd();
        if (r < 0.4) {
          await presence.presence.set(agent, 'available');
          const callId = await callChange(null, agent, 'ringing');
          await presence.presence.set(agent, 'ringing', { callId });
          open.set(agent, { callId, stage: 'ringing' });
        } else if (r < 0.6) await presence.presence.set(agent, 'break', { reason: pick(['Lunch', 'Tea']) });
        else if (r < 0.8) await presence.presence.set(agent, 'available');
        else await presence.presence.set(agent, 'offline');
      }
      await settle();
      if (rnd() < 0.5) await check(false);
    }
    await check(false);
    // A whole read finds nothing but logged-in time changed, and sends no one for it alone.
    store.usersChanged();
    clock.ms += 60_000;
    expect(everyone.apply(await store.flush())).toBeNull();
    expect(open.size + boards.everyone.agents.size).toBeGreaterThan(0);
  });

  it('brings every agent’s logged-in time up, a few rows per flush, without events', async () => {
    const { users, analytics } = t.app.services;
    const rolling = createLiveFloor({
      floor: analytics.floor,
      users: () => users.list(SYSTEM_ACTOR),
      totals: (ids, period) => analytics.performance.of(ids, period),
      resyncMs: 3_600_000,
      refreshMs: 0,
      now: () => new Date(clock.ms),
    });
    const view = createFloorView(rolling, null, null);
    const board: Board = emptyBoard();
    view.apply(await rolling.flush());
    applyPatch(board, view.full());
    // Time passes with agents signed in, and no event at all.
    clock.ms += 600_000;
    const sizes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const patch = view.apply(await rolling.flush());
      sizes.push(patch?.agents.length ?? 0);
      if (patch) applyPatch(board, patch);
    }
    expectSame(board, await truth(null), true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('ignores a presence older than the one it holds, and a call change older than the one it saw', async () => {
    const agent = agents[0] ?? '';
    const view = createFloorView(store, null, null);
    await store.flush();
    clock.ms += 5000;
    const now = await t.app.services.agents.presence.set(agent, 'break', { reason: 'Tea' });
    await settle();
    const stale: Presence = { ...now, state: 'available', reason: null, since: new Date(clock.ms - 60_000).toISOString() };
    await t.app.services.bus.publish('agent.presence', { presence: stale });
    await settle();
    view.apply(await store.flush());
    expect(view.full().agents.find((a) => a.user.id === agent)?.presence.state).toBe('break');

    clock.ms += 1000;
    const callId = await callChange(null, agent, 'in_progress');
    await settle();
    const [fresh] = await t.app.services.analytics.floor.calls([callId]);
    if (!fresh) throw new Error('no call');
    await t.app.services.bus.publish('call.updated', { call: { ...fresh, status: 'ringing', updatedAt: new Date(clock.ms - 5000).toISOString() } });
    await settle();
    view.apply(await store.flush());
    expect(view.full().liveCalls.find((c) => c.id === callId)?.status).toBe('in_progress');
    await callChange(callId, agent, 'completed', { endedAt: new Date(clock.ms) });
    await settle();
    const patch = view.apply(await store.flush());
    expect(patch?.endedCallIds).toEqual([callId]);
  });

  it('moves an agent between team views when their team changes', async () => {
    const agent = agents[1] ?? '';
    const alpha = createFloorView(store, null, t.cast.teamId);
    const beta = createFloorView(store, null, t.cast.otherTeamId);
    await store.flush();
    expect(beta.has(agent)).toBe(true);
    const res = await t.request({ method: 'PATCH', url: `/api/v1/users/${agent}`, as: t.cast.admin, payload: { teamId: t.cast.teamId } });
    expect(res.statusCode).toBe(200);
    await settle();
    const changes = await store.flush();
    expect(beta.apply(changes)?.removedAgentIds).toEqual([agent]);
    expect(alpha.apply(changes)?.agents.map((a) => a.user.id)).toContain(agent);
    expect(alpha.has(agent)).toBe(true);
    expect(beta.has(agent)).toBe(false);
  });
});
