/**
 * The command center in GraphQL on a real database: teams, the leaderboard and the KPI trend
 * over calls and presence seeded at known instants (a fixed clock, days in Asia/Kolkata), talk
 * minutes per logged-in hour, alerts and their acknowledgement, the floor of one team, and
 * alertChanged / teamUpdated over a real graphql-ws websocket.
 */
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentPresenceLog } from '../modules/agents/agents.tables.js';
import { calls } from '../modules/calls/calls.tables.js';
import { SYSTEM_ACTOR } from '../platform/context.js';
import type { EventHandler, EventName } from '../platform/events/bus.js';
import { createTestApp, PASSWORD, type Person, type TestApp } from '../test/harness.js';
import { codes, collect, gql, gqlData, until, wsClient } from './testing/gql.js';

/** A Wednesday, noon in Asia/Kolkata: today began at 00:00, the week on Monday the 23rd, the month on the 1st. */
const NOW = '2026-11-25T12:00:00+05:30';
/** An instant given as the wall-clock time in Asia/Kolkata. */
const ist = (local: string) => new Date(`${local}+05:30`);
const iso = (local: string) => ist(local).toISOString();
const NOW_ISO = new Date(NOW).toISOString();

const PERF = 'from to calls connects connectRate talkSeconds averageHandleSeconds conversions conversionRate loggedInSeconds callsPerHour talkMinutesPerHour';
type Perf = {
  from: string;
  to: string;
  calls: number;
  connects: number;
  connectRate: number | null;
  talkSeconds: number;
  averageHandleSeconds: number | null;
  conversions: number;
  conversionRate: number | null;
  loggedInSeconds: number;
  callsPerHour: number | null;
  talkMinutesPerHour: number | null;
};

describe('teams, leaderboard, trend and performance', () => {
  let t: TestApp;
  const id: Record<'chitra' | 'zoya' | 'meera' | 'aarav' | 'xavier', string> = { chitra: '', zoya: '', meera: '', aarav: '', xavier: '' };

  /** A finished call created at `at` (Kolkata time): answered with `talk` seconds, or not answered. */
  function callRow(agentId: string, leadId: string, at: string, o: { talk?: number; disposition?: string; wrap?: number } = {}): typeof calls.$inferInsert {
    const created = ist(at);
    const answeredAt = o.talk === undefined ? null : new Date(created.getTime() + 10_000);
    const endedAt = new Date((answeredAt ?? created).getTime() + (o.talk ?? 30) * 1000);
    return {
      leadId,
      agentId,
      provider: 'simulator',
      direction: 'outbound',
      status: answeredAt ? 'completed' : 'no_answer',
      startedAt: created,
      answeredAt,
      endedAt,
      durationSeconds: o.talk ?? 0,
      disposition: o.disposition ?? (answeredAt ? 'interested' : 'no_answer'),
      dispositionAt: o.wrap === undefined ? null : new Date(endedAt.getTime() + o.wrap * 1000),
      createdAt: created,
      updatedAt: created,
    };
  }

  beforeAll(async () => {
    t = await createTestApp({ presence: 'offline', clock: { now: () => new Date(NOW) }, env: { TELEHUB_ACCESS_TOKEN_TTL: '12h' } });
    const { users, leads } = t.app.services;
    // Created out of name order, so an order by name is not an accident of insertion.
    for (const name of ['chitra', 'zoya', 'meera', 'aarav', 'xavier'] as const) {
      const u = await users.create(SYSTEM_ACTOR, { email: `${name}@test.example`, name, role: 'telecaller', password: PASSWORD, teamId: t.cast.teamId });
      id[name] = u.id;
    }
    let n = 0;
    const leadOf = async (ownerId: string) => (await leads.create(SYSTEM_ACTOR, { name: `Floor Lead ${++n}`, phone: `98400${10_000 + n}`, ownerId })).id;
    const A = t.cast.telecaller.id;
    const B = t.cast.otherTelecaller.id;
    const C = id.chitra;
    const [la, lb, lc, lz, lx] = [await leadOf(A), await leadOf(B), await leadOf(C), await leadOf(id.zoya), await leadOf(id.xavier)];
    const conv = 'converted';
    await t.db.database.db.insert(calls).values([
      // caller (Alpha): today 3 calls, 2 connects, 1 conversion, 245 s; one more just before midnight; one after "now".
      callRow(A, la, '2026-11-25T00:30:00', { talk: 60, disposition: conv, wrap: 20 }),
      callRow(A, la, '2026-11-25T09:15:00', { talk: 185, wrap: 20 }),
      callRow(A, la, '2026-11-25T11:00:00', { wrap: 5 }),
      callRow(A, la, '2026-11-25T12:00:01', { talk: 30, disposition: conv }),
      callRow(A, la, '2026-11-24T23:59:00', { talk: 200, disposition: conv }),
      // caller2 (Beta): today 2 calls, both converted; one at the very start of the week; one in October, one on the 1st.
      callRow(B, lb, '2026-11-25T10:00:00', { talk: 90, disposition: conv }),
      callRow(B, lb, '2026-11-25T11:30:00', { talk: 30, disposition: conv }),
      callRow(B, lb, '2026-11-23T00:00:00', { talk: 10 }),
      callRow(B, lb, '2026-10-31T23:59:59', { talk: 10, disposition: conv }),
      callRow(B, lb, '2026-11-01T03:00:00', { talk: 10 }),
      // chitra (Alpha): today 2 calls, 2 connects, 1 conversion, 120 s; more earlier this week and this month.
      callRow(C, lc, '2026-11-25T10:15:00', { talk: 100, disposition: conv }),
      callRow(C, lc, '2026-11-25T10:45:00', { talk: 20 }),
      callRow(C, lc, '2026-11-24T09:00:00', { talk: 40 }),
      callRow(C, lc, '2026-11-23T14:00:00', { talk: 30 }),
      callRow(C, lc, '2026-11-22T23:59:59', { talk: 50, disposition: conv }),
      callRow(C, lc, '2026-11-10T10:00:00', { talk: 250, disposition: conv }),
      callRow(C, lc, '2026-11-10T11:00:00', { talk: 250, disposition: conv }),
      // zoya (Alpha): one unanswered call today.
      callRow(id.zoya, lz, '2026-11-25T11:45:00'),
      // xavier (Alpha, deactivated below): conversions that must count nowhere.
      callRow(id.xavier, lx, '2026-11-25T10:00:00', { talk: 50, disposition: conv }),
      callRow(id.xavier, lx, '2026-11-25T10:30:00', { talk: 50, disposition: conv }),
    ]);
    await t.db.database.db.insert(agentPresenceLog).values([
      // caller: 1 h on the 24th and 2.5 h today signed in (the break counts, offline does not; the open row runs to now).
      { userId: A, state: 'available', startedAt: ist('2026-11-24T23:00:00'), endedAt: ist('2026-11-25T00:30:00') },
      { userId: A, state: 'on_call', startedAt: ist('2026-11-25T09:00:00'), endedAt: ist('2026-11-25T10:00:00') },
      { userId: A, state: 'break', startedAt: ist('2026-11-25T10:00:00'), endedAt: ist('2026-11-25T10:30:00') },
      { userId: A, state: 'offline', startedAt: ist('2026-11-25T10:30:00'), endedAt: ist('2026-11-25T11:30:00') },
      { userId: A, state: 'available', startedAt: ist('2026-11-25T11:30:00'), endedAt: null },
      // chitra: 1 h today.
      { userId: C, state: 'available', startedAt: ist('2026-11-25T10:00:00'), endedAt: ist('2026-11-25T11:00:00') },
    ]);
    await users.update(SYSTEM_ACTOR, id.xavier, { active: false });
  });
  afterAll(() => t?.close());

  describe('teams', () => {
    const Q = '{ teams { id name } }';
    type T = { teams: { id: string; name: string }[] };

    it('lists every team for an admin, the led team for a manager, their own for a telecaller', async () => {
      const alpha = { id: t.cast.teamId, name: 'Alpha' };
      const beta = { id: t.cast.otherTeamId, name: 'Beta' };
      expect((await gqlData<T>(t.app, t.cast.admin.token, Q)).teams).toEqual([alpha, beta]);
      expect((await gqlData<T>(t.app, t.cast.manager.token, Q)).teams).toEqual([alpha]);
      expect((await gqlData<T>(t.app, t.cast.otherManager.token, Q)).teams).toEqual([beta]);
      expect((await gqlData<T>(t.app, t.cast.telecaller.token, Q)).teams).toEqual([alpha]);
      expect((await gqlData<T>(t.app, t.cast.otherTelecaller.token, Q)).teams).toEqual([beta]);
      expect(codes(await gql(t.app, null, Q))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('leaderboard', () => {
    const Q = `query($period: LeaderboardPeriod, $teamId: ID, $limit: Int) {
      leaderboard(period: $period, teamId: $teamId, limit: $limit) { rank user { id name } performance { ${PERF} } } }`;
    type Entry = { rank: number; user: { id: string; name: string }; performance: Perf };
    const board = async (who: Person, vars: Record<string, unknown> = {}) => (await gqlData<{ leaderboard: Entry[] }>(t.app, who.token, Q, vars)).leaderboard;
    /** rank, name, calls, connects, connect rate, conversions, talk seconds */
    const rows = (entries: Entry[]) =>
      entries.map((e) => [
        e.rank,
        e.user.name,
        e.performance.calls,
        e.performance.connects,
        e.performance.connectRate,
        e.performance.conversions,
        e.performance.talkSeconds,
      ]);

    it('ranks active telecallers today by conversions, connects, talk time, calls, then name', async () => {
      const today = await board(t.cast.admin);
      expect(rows(today)).toEqual([
        [1, 'caller2', 2, 2, 1, 2, 120],
        [2, 'caller', 3, 2, 0.6667, 1, 245],
        [3, 'chitra', 2, 2, 1, 1, 120],
        [4, 'zoya', 1, 0, 0, 0, 0],
        [5, 'aarav', 0, 0, null, 0, 0],
        [6, 'meera', 0, 0, null, 0, 0],
      ]);
      expect(today.map((e) => e.user.id).slice(0, 3)).toEqual([t.cast.otherTelecaller.id, t.cast.telecaller.id, id.chitra]);
      expect(today[1]?.performance).toEqual({
        from: iso('2026-11-25T00:00:00'),
        to: NOW_ISO,
        calls: 3,
        connects: 2,
        connectRate: 0.6667,
        talkSeconds: 245,
        averageHandleSeconds: 142.5,
        conversions: 1,
        conversionRate: 0.5,
        loggedInSeconds: 9000,
        callsPerHour: 1.2,
        talkMinutesPerHour: 1.6,
      });
      expect(today[2]?.performance).toMatchObject({ loggedInSeconds: 3600, callsPerHour: 2, talkMinutesPerHour: 2, averageHandleSeconds: null });
      expect(today[0]?.performance).toMatchObject({ loggedInSeconds: 0, callsPerHour: null, talkMinutesPerHour: null });
      // The default period is TODAY.
      expect(rows(await board(t.cast.admin, { period: 'TODAY' }))).toEqual(rows(today));
    });

    it('counts this week from Monday 00:00 and this month from the 1st, in Asia/Kolkata', async () => {
      const week = await board(t.cast.admin, { period: 'WEEK' });
      expect(rows(week)).toEqual([
        [1, 'caller', 4, 3, 0.75, 2, 445],
        [2, 'caller2', 3, 3, 1, 2, 130],
        [3, 'chitra', 4, 4, 1, 1, 190],
        [4, 'zoya', 1, 0, 0, 0, 0],
        [5, 'aarav', 0, 0, null, 0, 0],
        [6, 'meera', 0, 0, null, 0, 0],
      ]);
      expect(week[0]?.performance).toMatchObject({ from: iso('2026-11-23T00:00:00'), to: NOW_ISO, loggedInSeconds: 12_600 });

      const month = await board(t.cast.admin, { period: 'MONTH' });
      expect(rows(month)).toEqual([
        [1, 'chitra', 7, 7, 1, 4, 740],
        [2, 'caller2', 4, 4, 1, 2, 140],
        [3, 'caller', 4, 3, 0.75, 2, 445],
        [4, 'zoya', 1, 0, 0, 0, 0],
        [5, 'aarav', 0, 0, null, 0, 0],
        [6, 'meera', 0, 0, null, 0, 0],
      ]);
      expect(month[0]?.performance).toMatchObject({ from: iso('2026-11-01T00:00:00'), to: NOW_ISO });
    });

    it('narrows to a team, cuts at the limit, and shows a manager only their team', async () => {
      expect(rows(await board(t.cast.admin, { limit: 2 }))).toEqual([
        [1, 'caller2', 2, 2, 1, 2, 120],
        [2, 'caller', 3, 2, 0.6667, 1, 245],
      ]);
      expect(rows(await board(t.cast.admin, { teamId: t.cast.otherTeamId }))).toEqual([[1, 'caller2', 2, 2, 1, 2, 120]]);
      const alpha = [
        [1, 'caller', 3, 2, 0.6667, 1, 245],
        [2, 'chitra', 2, 2, 1, 1, 120],
        [3, 'zoya', 1, 0, 0, 0, 0],
        [4, 'aarav', 0, 0, null, 0, 0],
        [5, 'meera', 0, 0, null, 0, 0],
      ];
      expect(rows(await board(t.cast.admin, { teamId: t.cast.teamId }))).toEqual(alpha);
      expect(rows(await board(t.cast.manager))).toEqual(alpha);
      expect(rows(await board(t.cast.manager, { teamId: t.cast.teamId, limit: 1 }))).toEqual(alpha.slice(0, 1));
      expect(rows(await board(t.cast.otherManager, { period: 'MONTH' }))).toEqual([[1, 'caller2', 4, 4, 1, 2, 140]]);
      // An admin may name any team, even one without members.
      expect(await board(t.cast.admin, { teamId: crypto.randomUUID() })).toEqual([]);
    });

    it('refuses telecallers, teams not watched, and limits outside 1-100', async () => {
      const ask = (who: Person, vars: Record<string, unknown>) => gql(t.app, who.token, Q, vars);
      expect(codes(await ask(t.cast.otherManager, { teamId: t.cast.teamId }))).toEqual(['FORBIDDEN']);
      expect(codes(await ask(t.cast.manager, { teamId: crypto.randomUUID() }))).toEqual(['FORBIDDEN']);
      expect(codes(await ask(t.cast.telecaller, {}))).toEqual(['FORBIDDEN']);
      expect(codes(await ask(t.cast.telecaller, { teamId: t.cast.teamId }))).toEqual(['FORBIDDEN']);
      const zero = await ask(t.cast.admin, { limit: 0 });
      expect(codes(zero)).toEqual(['BAD_USER_INPUT']);
      expect(zero.errors[0]?.message).toMatch(/^limit: /);
      expect(codes(await ask(t.cast.admin, { limit: 101 }))).toEqual(['BAD_USER_INPUT']);
      expect(rows(await board(t.cast.admin, { limit: 100 }))).toHaveLength(6);
      expect(codes(await ask(t.cast.admin, { teamId: 'alpha' }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await ask(t.cast.admin, { period: 'YEAR' }))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('teamTrend', () => {
    const Q = `query($days: Int, $teamId: ID) { teamTrend(days: $days, teamId: $teamId) { ${PERF} } }`;
    const trend = async (who: Person, vars: Record<string, unknown>) => (await gqlData<{ teamTrend: Perf[] }>(t.app, who.token, Q, vars)).teamTrend;
    const days = [
      { from: iso('2026-11-23T00:00:00'), to: iso('2026-11-24T00:00:00') },
      { from: iso('2026-11-24T00:00:00'), to: iso('2026-11-25T00:00:00') },
      { from: iso('2026-11-25T00:00:00'), to: NOW_ISO },
    ];

    it('gives a manager their team per local day, oldest first, the last one ending now', async () => {
      const d = await trend(t.cast.manager, { days: 3 });
      expect(d).toEqual([
        {
          ...days[0],
          calls: 1,
          connects: 1,
          connectRate: 1,
          talkSeconds: 30,
          averageHandleSeconds: null,
          conversions: 0,
          conversionRate: 0,
          loggedInSeconds: 0,
          callsPerHour: null,
          talkMinutesPerHour: null,
        },
        {
          ...days[1],
          calls: 2,
          connects: 2,
          connectRate: 1,
          talkSeconds: 240,
          averageHandleSeconds: null,
          conversions: 1,
          conversionRate: 0.5,
          loggedInSeconds: 3600,
          callsPerHour: 2,
          talkMinutesPerHour: 4,
        },
        {
          ...days[2],
          calls: 6,
          connects: 4,
          connectRate: 0.6667,
          talkSeconds: 365,
          averageHandleSeconds: 142.5,
          conversions: 2,
          conversionRate: 0.5,
          loggedInSeconds: 12_600,
          callsPerHour: 1.71,
          talkMinutesPerHour: 1.7,
        },
      ]);
      expect(await trend(t.cast.admin, { days: 3, teamId: t.cast.teamId })).toEqual(d);
    });

    it('sums every team for an admin, one team when asked, and defaults to 7 days', async () => {
      const count = (d: Perf[]) => d.map((p) => [p.from, p.to, p.calls, p.connects, p.conversions, p.talkSeconds]);
      expect(count(await trend(t.cast.admin, { days: 3 }))).toEqual([
        [days[0]?.from, days[0]?.to, 2, 2, 0, 40],
        [days[1]?.from, days[1]?.to, 2, 2, 1, 240],
        [days[2]?.from, days[2]?.to, 8, 6, 4, 485],
      ]);
      expect(count(await trend(t.cast.otherManager, { days: 3 }))).toEqual([
        [days[0]?.from, days[0]?.to, 1, 1, 0, 10],
        [days[1]?.from, days[1]?.to, 0, 0, 0, 0],
        [days[2]?.from, days[2]?.to, 2, 2, 2, 120],
      ]);
      const one = await trend(t.cast.admin, { days: 1, teamId: t.cast.otherTeamId });
      expect(count(one)).toEqual([[days[2]?.from, NOW_ISO, 2, 2, 2, 120]]);
      const week = await trend(t.cast.manager, {});
      expect(week).toHaveLength(7);
      expect(week[0]?.from).toBe(iso('2026-11-19T00:00:00'));
      expect(week[6]?.to).toBe(NOW_ISO);
      // Each day ends where the next begins.
      for (let i = 1; i < week.length; i++) expect(week[i]?.from).toBe(week[i - 1]?.to);
      expect(week.map((p) => p.calls)).toEqual([0, 0, 0, 1, 1, 2, 6]);
    });

    it('refuses telecallers, teams not watched, and days outside 1-31', async () => {
      for (const n of [0, 32, -1]) expect(codes(await gql(t.app, t.cast.manager.token, Q, { days: n }))).toEqual(['BAD_USER_INPUT']);
      expect((await trend(t.cast.manager, { days: 31 })).length).toBe(31);
      expect(codes(await gql(t.app, t.cast.telecaller.token, Q, { days: 3 }))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(t.app, t.cast.manager.token, Q, { days: 3, teamId: t.cast.otherTeamId }))).toEqual(['FORBIDDEN']);
    });
  });

  describe('talk minutes per hour', () => {
    const Q = `query($from: DateTime, $to: DateTime) { myPerformance(period: { from: $from, to: $to }) { ${PERF} } }`;
    type P = { myPerformance: Perf };

    it('divides talk minutes by the hours signed in (any state but offline), to one decimal', async () => {
      const mine = await gqlData<P>(t.app, t.cast.telecaller.token, `{ myPerformance { ${PERF} } }`);
      // 245 s of talk in 2.5 h signed in: 4.083 min / 2.5 h.
      expect(mine.myPerformance).toEqual({
        from: iso('2026-11-25T00:00:00'),
        to: NOW_ISO,
        calls: 3,
        connects: 2,
        connectRate: 0.6667,
        talkSeconds: 245,
        averageHandleSeconds: 142.5,
        conversions: 1,
        conversionRate: 0.5,
        loggedInSeconds: 9000,
        callsPerHour: 1.2,
        talkMinutesPerHour: 1.6,
      });
      // Yesterday and today: the span across midnight counts whole.
      const two = await gqlData<P>(t.app, t.cast.telecaller.token, Q, { from: iso('2026-11-24T00:00:00'), to: NOW_ISO });
      // 445 s in 3.5 h: 7.417 min / 3.5 h = 2.119.
      expect(two.myPerformance).toMatchObject({ calls: 4, talkSeconds: 445, loggedInSeconds: 12_600, callsPerHour: 1.14, talkMinutesPerHour: 2.1 });
      // A window cut inside the open row: 11:00-11:45 holds 15 min available, no talk.
      const cut = await gqlData<P>(t.app, t.cast.telecaller.token, Q, { from: iso('2026-11-25T11:00:00'), to: iso('2026-11-25T11:45:00') });
      expect(cut.myPerformance).toMatchObject({ calls: 1, talkSeconds: 0, loggedInSeconds: 900, talkMinutesPerHour: 0 });
      // Nobody signed in: nothing to divide by.
      const other = await gqlData<P>(t.app, t.cast.otherTelecaller.token, `{ myPerformance { ${PERF} } }`);
      expect(other.myPerformance).toMatchObject({ calls: 2, talkSeconds: 120, loggedInSeconds: 0, callsPerHour: null, talkMinutesPerHour: null });
    });

    it('adds up over the team in teamStatus', async () => {
      const q = `query($teamId: ID) { teamStatus(teamId: $teamId) { agents { user { name } today { calls talkMinutesPerHour } } today { ${PERF} } } }`;
      type S = { teamStatus: { agents: { user: { name: string }; today: { calls: number; talkMinutesPerHour: number | null } }[]; today: Perf } };
      const d = await gqlData<S>(t.app, t.cast.manager.token, q, { teamId: t.cast.teamId });
      expect(d.teamStatus.agents.map((a) => [a.user.name, a.today.calls, a.today.talkMinutesPerHour])).toEqual([
        ['aarav', 0, null],
        ['caller', 3, 1.6],
        ['chitra', 2, 2],
        ['meera', 0, null],
        ['zoya', 1, null],
      ]);
      expect(d.teamStatus.today).toMatchObject({
        calls: 6,
        talkSeconds: 365,
        loggedInSeconds: 12_600,
        talkMinutesPerHour: 1.7,
        from: iso('2026-11-25T00:00:00'),
      });
      const beta = await gqlData<S>(t.app, t.cast.admin.token, q, { teamId: t.cast.otherTeamId });
      expect(beta.teamStatus.agents.map((a) => a.user.name)).toEqual(['caller2']);
      expect(beta.teamStatus.today).toMatchObject({ calls: 2, conversions: 2 });
    });
  });
});

describe('alerts, one team’s floor, and their subscriptions', () => {
  const clock = { offsetMs: 0, now: () => new Date(Date.parse(NOW) + clock.offsetMs) };
  const later = (minutes: number) => {
    clock.offsetMs += minutes * 60_000;
  };
  let t: TestApp;
  let url = '';
  const clients: Client[] = [];
  /** Live bus handlers per event, to know when a subscription is in place. */
  const handlers = new Map<string, number>();
  const live = (name: EventName) => handlers.get(name) ?? 0;

  beforeAll(async () => {
    t = await createTestApp({
      presence: 'offline',
      clock,
      env: {
        TELEHUB_ALERT_IDLE: '5m',
        TELEHUB_ALERT_BREAK: '15m',
        TELEHUB_ALERT_LONG_CALL: '10m',
        TELEHUB_ALERT_CALLBACK_OVERDUE: '15m',
        TELEHUB_ALERT_CONNECT_DROP: '0',
        TELEHUB_ACCESS_TOKEN_TTL: '12h',
      },
    });
    const bus = t.app.services.bus;
    const subscribe = bus.subscribe.bind(bus);
    bus.subscribe = <K extends EventName>(name: K, handler: EventHandler<K>) => {
      handlers.set(name, live(name) + 1);
      const off = subscribe(name, handler);
      let done = false;
      return () => {
        if (!done) handlers.set(name, live(name) - 1);
        done = true;
        off();
      };
    };
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t?.close();
  });

  const open = (who: Person) => {
    const c = wsClient(url, { authorization: `Bearer ${who.token}` });
    clients.push(c);
    return c;
  };
  const evaluate = () => t.app.services.alerts.evaluate();
  const setPresence = async (who: Person, payload: object) => {
    const res = await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: who, payload });
    expect(res.statusCode, res.body).toBe(200);
  };
  const firstCode = (r: { errors: unknown[] }) => (r.errors[0] as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code;

  const ALERTS = `query($status: AlertStatus, $teamId: ID) { alerts(status: $status, teamId: $teamId) {
    id kind severity message agent { id name } team { name } callId leadId leadName value threshold since raisedAt acknowledgedAt acknowledgedBy { id } resolvedAt } }`;
  const ACK = 'mutation($id: ID!) { acknowledgeAlert(id: $id) { id kind acknowledgedAt acknowledgedBy { id } resolvedAt } }';
  type AlertOut = { id: string; kind: string; acknowledgedAt: string | null; acknowledgedBy: { id: string } | null; resolvedAt: string | null };
  const alertsOf = async (who: Person, vars: Record<string, unknown> = {}) => (await gqlData<{ alerts: AlertOut[] }>(t.app, who.token, ALERTS, vars)).alerts;
  let idleId = '';

  describe('alerts and acknowledgeAlert', () => {
    it('shows an idle alert to the managers of the agent’s team and to admins only', async () => {
      await setPresence(t.cast.telecaller, { state: 'available' });
      const since = clock.now().toISOString();
      later(6);
      expect(await evaluate()).toEqual({ raised: 1, cleared: 0 });

      const mine = await alertsOf(t.cast.manager);
      expect(mine).toEqual([
        {
          id: expect.any(String),
          kind: 'IDLE_TOO_LONG',
          severity: 'WARNING',
          message: 'caller has been available without a call for 6 min (limit 5 min)',
          agent: { id: t.cast.telecaller.id, name: 'caller' },
          team: { name: 'Alpha' },
          callId: null,
          leadId: null,
          leadName: null,
          value: 360,
          threshold: 300,
          since,
          raisedAt: clock.now().toISOString(),
          acknowledgedAt: null,
          acknowledgedBy: null,
          resolvedAt: null,
        },
      ]);
      idleId = mine[0]?.id ?? '';
      expect(await alertsOf(t.cast.otherManager)).toEqual([]);
      expect((await alertsOf(t.cast.admin)).map((a) => a.id)).toEqual([idleId]);
      expect((await alertsOf(t.cast.admin, { teamId: t.cast.teamId })).map((a) => a.id)).toEqual([idleId]);
      expect(await alertsOf(t.cast.admin, { teamId: t.cast.otherTeamId })).toEqual([]);
      expect((await alertsOf(t.cast.manager, { teamId: t.cast.teamId })).map((a) => a.id)).toEqual([idleId]);

      expect(codes(await gql(t.app, t.cast.telecaller.token, ALERTS))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(t.app, t.cast.otherManager.token, ALERTS, { teamId: t.cast.teamId }))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(t.app, t.cast.manager.token, ALERTS, { teamId: 'alpha' }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await gql(t.app, t.cast.manager.token, ALERTS, { status: 'CLOSED' }))).toEqual(['BAD_USER_INPUT']);
    });

    it('is acknowledged once, by someone who watches it, and then leaves the open list', async () => {
      const ack = (who: Person, alertId: string) => gql<{ acknowledgeAlert: AlertOut }>(t.app, who.token, ACK, { id: alertId });
      const theirs = await ack(t.cast.otherManager, idleId);
      expect(theirs.errors[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', appCode: 'ALERT_NOT_FOUND' });
      expect(codes(await ack(t.cast.telecaller, idleId))).toEqual(['FORBIDDEN']);
      expect(codes(await ack(t.cast.manager, 'not-an-id'))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await ack(t.cast.manager, crypto.randomUUID()))).toEqual(['NOT_FOUND']);
      expect((await alertsOf(t.cast.manager)).map((a) => a.acknowledgedAt)).toEqual([null]);

      later(1);
      const at = clock.now().toISOString();
      const done = await ack(t.cast.manager, idleId);
      expect(done.errors).toEqual([]);
      expect(done.data?.acknowledgeAlert).toEqual({
        id: idleId,
        kind: 'IDLE_TOO_LONG',
        acknowledgedAt: at,
        acknowledgedBy: { id: t.cast.manager.id },
        resolvedAt: null,
      });
      // Again, later and by someone else: no change.
      later(1);
      const again = await ack(t.cast.admin, idleId);
      expect(again.data?.acknowledgeAlert).toEqual(done.data?.acknowledgeAlert);

      expect(await alertsOf(t.cast.manager, { status: 'OPEN' })).toEqual([]);
      expect(await alertsOf(t.cast.manager)).toEqual([]);
      const all = await alertsOf(t.cast.manager, { status: 'ALL' });
      expect(all.map((a) => [a.id, a.acknowledgedAt, a.acknowledgedBy?.id, a.resolvedAt])).toEqual([[idleId, at, t.cast.manager.id, null]]);
      expect(await alertsOf(t.cast.otherManager, { status: 'ALL' })).toEqual([]);
    });
  });

  describe('alertChanged', () => {
    const SUB = 'subscription($teamId: ID) { alertChanged(teamId: $teamId) { id kind agent { id } resolvedAt acknowledgedAt } }';
    type Changed = { alertChanged: { id: string; kind: string; agent: { id: string } | null; resolvedAt: string | null; acknowledgedAt: string | null } };

    it('tells each watcher of the alerts in their scope as they are raised, acknowledged and cleared', async () => {
      // The acknowledged idle spell ends before anyone listens.
      await setPresence(t.cast.telecaller, { state: 'break', reason: 'Tea' });
      expect(await evaluate()).toEqual({ raised: 0, cleared: 1 });

      const base = live('alert.changed');
      const manager = collect<Changed>(open(t.cast.manager), SUB);
      const other = collect<Changed>(open(t.cast.otherManager), SUB);
      const admin = collect<Changed>(open(t.cast.admin), SUB);
      const adminBeta = collect<Changed>(open(t.cast.admin), SUB, { teamId: t.cast.otherTeamId });
      const telecaller = collect<Changed>(open(t.cast.telecaller), SUB);
      const notWatched = collect<Changed>(open(t.cast.otherManager), SUB, { teamId: t.cast.teamId });
      const badId = collect<Changed>(open(t.cast.manager), SUB, { teamId: 'alpha' });
      await until('four subscriptions', () => live('alert.changed') === base + 4);
      await until('three refusals', () => telecaller.errors.length > 0 && notWatched.errors.length > 0 && badId.errors.length > 0);
      expect([firstCode(telecaller), firstCode(notWatched), firstCode(badId)]).toEqual(['FORBIDDEN', 'FORBIDDEN', 'BAD_USER_INPUT']);

      // Alpha: the break runs past 15 minutes.
      later(16);
      expect(await evaluate()).toEqual({ raised: 1, cleared: 0 });
      const raised = await until('the raise', () => manager.values[0]);
      const breakId = raised.alertChanged.id;
      expect(raised.alertChanged).toEqual({ id: breakId, kind: 'BREAK_TOO_LONG', agent: { id: t.cast.telecaller.id }, resolvedAt: null, acknowledgedAt: null });

      later(1);
      const ackAt = clock.now().toISOString();
      await gqlData(t.app, t.cast.manager.token, ACK, { id: breakId });
      const acked = await until('the acknowledgement', () => manager.values[1]);
      expect(acked.alertChanged).toEqual({ ...raised.alertChanged, acknowledgedAt: ackAt });

      // Beta: its telecaller idles past 5 minutes.
      await setPresence(t.cast.otherTelecaller, { state: 'available' });
      later(6);
      expect(await evaluate()).toEqual({ raised: 1, cleared: 0 });
      // Alpha: the break ends, and its alert clears.
      await setPresence(t.cast.telecaller, { state: 'available' });
      const clearedAt = clock.now().toISOString();
      expect(await evaluate()).toEqual({ raised: 0, cleared: 1 });
      // Beta: its telecaller signs off, and that alert clears too.
      await setPresence(t.cast.otherTelecaller, { state: 'offline' });
      expect(await evaluate()).toEqual({ raised: 0, cleared: 1 });

      // Each stream keeps the bus order: whatever came before the last expected value has arrived.
      await until('the clearing', () => manager.values[2]);
      await until('Beta’s clearing', () => other.values[1]);
      await until('everything, for the admin', () => admin.values[4]);
      await until('Beta’s, for the admin', () => adminBeta.values[1]);
      expect(manager.values.map((v) => v.alertChanged)).toEqual([raised.alertChanged, acked.alertChanged, { ...acked.alertChanged, resolvedAt: clearedAt }]);
      const betaIdle = other.values[0]?.alertChanged;
      expect(betaIdle).toMatchObject({ kind: 'IDLE_TOO_LONG', agent: { id: t.cast.otherTelecaller.id }, resolvedAt: null, acknowledgedAt: null });
      expect(other.values.map((v) => [v.alertChanged.id, v.alertChanged.resolvedAt === null])).toEqual([
        [betaIdle?.id, true],
        [betaIdle?.id, false],
      ]);
      expect(adminBeta.values).toEqual(other.values);
      expect(admin.values.map((v) => [v.alertChanged.id, v.alertChanged.kind])).toEqual([
        [breakId, 'BREAK_TOO_LONG'],
        [breakId, 'BREAK_TOO_LONG'],
        [betaIdle?.id, 'IDLE_TOO_LONG'],
        [breakId, 'BREAK_TOO_LONG'],
        [betaIdle?.id, 'IDLE_TOO_LONG'],
      ]);
      expect([manager.errors, other.errors, admin.errors, adminBeta.errors]).toEqual([[], [], [], []]);
      expect([telecaller.values, notWatched.values, badId.values]).toEqual([[], [], []]);

      for (const r of [manager, other, admin, adminBeta]) r.stop();
      await until('subscriptions let go', () => live('alert.changed') === base);
    });
  });

  describe('teamStatus and teamUpdated of one team', () => {
    const FLOOR = 'agents { user { id } state } totals { agents available offline }';
    type Floor = { agents: { user: { id: string }; state: string }[]; totals: { agents: number; available: number; offline: number } };

    it('narrows teamStatus to a team the viewer watches', async () => {
      const q = `query($teamId: ID) { teamStatus(teamId: $teamId) { ${FLOOR} } }`;
      const beta = await gqlData<{ teamStatus: Floor }>(t.app, t.cast.admin.token, q, { teamId: t.cast.otherTeamId });
      expect(beta.teamStatus).toEqual({
        agents: [{ user: { id: t.cast.otherTelecaller.id }, state: 'OFFLINE' }],
        totals: { agents: 1, available: 0, offline: 1 },
      });
      const alpha = await gqlData<{ teamStatus: Floor }>(t.app, t.cast.manager.token, q, { teamId: t.cast.teamId });
      expect(alpha.teamStatus).toEqual({
        agents: [{ user: { id: t.cast.telecaller.id }, state: 'AVAILABLE' }],
        totals: { agents: 1, available: 1, offline: 0 },
      });
      const all = await gqlData<{ teamStatus: Floor }>(t.app, t.cast.admin.token, q);
      expect(all.teamStatus.agents.map((a) => a.user.id).sort()).toEqual([t.cast.telecaller.id, t.cast.otherTelecaller.id].sort());

      const refused = await gql(t.app, t.cast.manager.token, q, { teamId: t.cast.otherTeamId });
      expect(refused.errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      expect(codes(await gql(t.app, t.cast.otherManager.token, q, { teamId: t.cast.teamId }))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(t.app, t.cast.telecaller.token, q, { teamId: t.cast.teamId }))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(t.app, t.cast.admin.token, q, { teamId: 'beta' }))).toEqual(['BAD_USER_INPUT']);
    });

    it('sends teamUpdated snapshots of the team asked for, and refuses a team not watched', async () => {
      const SUB = `subscription($teamId: ID) { teamUpdated(teamId: $teamId) { ${FLOOR} } }`;
      const admin = collect<{ teamUpdated: Floor }>(open(t.cast.admin), SUB, { teamId: t.cast.teamId });
      const beta = collect<{ teamUpdated: Floor }>(open(t.cast.otherManager), SUB, { teamId: t.cast.otherTeamId });
      const refused = collect<{ teamUpdated: Floor }>(open(t.cast.manager), SUB, { teamId: t.cast.otherTeamId });
      const first = await until('the first snapshot', () => admin.values[0]);
      expect(first.teamUpdated).toEqual({
        agents: [{ user: { id: t.cast.telecaller.id }, state: 'AVAILABLE' }],
        totals: { agents: 1, available: 1, offline: 0 },
      });
      const theirs = await until('Beta’s first snapshot', () => beta.values[0]);
      expect(theirs.teamUpdated.agents).toEqual([{ user: { id: t.cast.otherTelecaller.id }, state: 'OFFLINE' }]);
      await until('the refusal', () => refused.errors.length > 0);
      expect(firstCode(refused)).toBe('FORBIDDEN');
      expect(refused.values).toEqual([]);

      // A change on Beta's floor reaches Beta's watcher; Alpha's snapshots still hold only Alpha.
      await setPresence(t.cast.otherTelecaller, { state: 'break', reason: 'Lunch' });
      await until('the break', () => beta.values.some((v) => v.teamUpdated.agents[0]?.state === 'BREAK'));
      expect(admin.values.every((v) => v.teamUpdated.agents.length === 1 && v.teamUpdated.agents[0]?.user.id === t.cast.telecaller.id)).toBe(true);
    });
  });
});
