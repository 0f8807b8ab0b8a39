/**
 * Subscriptions over a real graphql-ws websocket against the app listening on a port, with the
 * simulator placing real calls: authentication of the socket, callStatusChanged and its scoping,
 * teamUpdated and its pace, the live transcript, bus clean-up, and token expiry.
 */
import type { Call } from '@telehub/shared';
import { type Client, createClient } from 'graphql-ws';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { calls } from '../modules/calls/calls.tables.js';
import { createTokenSigner } from '../platform/auth/tokens.js';
import { SYSTEM_ACTOR } from '../platform/context.js';
import type { EventHandler, EventName } from '../platform/events/bus.js';
import { applyPatch, emptyBoard } from '../test/floor-board.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { collect, gqlData, sleep, until, wsClient } from './testing/gql.js';

const SECRET = 'realtime-test-secret-0123456789abcdef';
let t: TestApp;
let url = '';
let handlers = 0;
const clients: Client[] = [];
const open = (token: string, extra?: Parameters<typeof wsClient>[2]) => {
  const c = wsClient(url, { authorization: `Bearer ${token}` }, extra);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  t = await createTestApp({
    presence: 'offline',
    env: {
      TELEHUB_CALLING_HOURS: '00:00-24:00',
      SIMULATOR_ANSWER_RATE: '1',
      SIMULATOR_SPEED: '40',
      TELEHUB_MAX_ATTEMPTS_PER_DAY: '20',
      TELEHUB_JWT_SECRET: SECRET,
    },
  });
  // Count live bus handlers, to see subscriptions let go of theirs.
  const bus = t.app.services.bus;
  const subscribe = bus.subscribe.bind(bus);
  bus.subscribe = <K extends EventName>(name: K, handler: EventHandler<K>) => {
    handlers++;
    const off = subscribe(name, handler);
    let done = false;
    return () => {
      if (!done) handlers--;
      done = true;
      off();
    };
  };
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
/** Call subscriptions this node serves, as /metrics reports them. */
async function callSubscribers(): Promise<number> {
  const text = (await t.app.inject({ url: '/metrics' })).body;
  return Number(text.match(/telehub_graphql_live_subscribers\{feed="calls"[^}]*\} (\d+)/)?.[1] ?? Number.NaN);
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.close();
});

let seq = 0;
const lead = (ownerId: string) =>
  t.app.services.leads.create(SYSTEM_ACTOR, { name: `Live Lead ${++seq}`, phone: `98400${String(10_000 + seq)}`, ownerId, language: 'en' });
const statusOf = async (id: string) => (await t.app.services.callsReader.get(SYSTEM_ACTOR, id)).status;
const tc = () => t.cast.telecaller;
/** A token of the telecaller's session that expires in two seconds. */
const shortToken = () => {
  const { sid, sv } = decodeJwt(tc().token);
  return createTokenSigner(SECRET, 2).sign({ sub: tc().id, sid: String(sid), sv: Number(sv) }, new Date());
};

async function startCall(): Promise<string> {
  const l = await lead(tc().id);
  // At the desk: a dial while offline or on a break is refused.
  await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: tc(), payload: { state: 'available' } });
  const d = await gqlData<{ startCall: { id: string } }>(t.app, tc().token, 'mutation($l: ID!) { startCall(leadId: $l) { id } }', { l: l.id });
  return d.startCall.id;
}
const endCall = (id: string) => gqlData(t.app, tc().token, `mutation { endCall(callId: "${id}", outcome: INTERESTED) { id } }`);

const CHANGES = 'subscription($who: ID) { callStatusChanged(telecallerId: $who) { id status outcome telecaller { id } lead { name } } }';
type Change = { callStatusChanged: { id: string; status: string; outcome: string | null; telecaller: { id: string }; lead: { name: string } } };

describe('websocket authentication', () => {
  it('refuses a connection without a token, or with a bad one, and delivers nothing', async () => {
    for (const params of [undefined, { authorization: 'Bearer not-a-token' }, { authorization: 'Bearer' }]) {
      let connected = false;
      const closes: number[] = [];
      const c = wsClient(url, params, { connected: () => (connected = true), closed: (e) => void closes.push((e as { code: number }).code) });
      clients.push(c);
      const r = collect<Change>(c, CHANGES);
      // mercurius refuses the init (connection_error) and closes the socket.
      await until('the refusal', () => r.errors.length > 0 && closes.length > 0);
      await t.app.services.bus.publish('call.updated', { call: fakeCall(tc().id) });
      await sleep(100);
      expect(connected).toBe(false);
      expect(r.values).toEqual([]);
    }
  });

  it('accepts the bare token too', async () => {
    const c = wsClient(url, { authorization: tc().token });
    clients.push(c);
    const r = collect(c, 'subscription { callStatusChanged { id status } }');
    await until('subscribed', () => handlers > 0);
    await t.app.services.bus.publish('call.updated', { call: fakeCall(tc().id) });
    await until('delivery', () => r.values.length === 1);
    r.stop();
  });

  it('closes the socket with 4403 when its token expires', async () => {
    const short = await shortToken();
    const closes: number[] = [];
    const c = wsClient(url, { authorization: `Bearer ${short}` }, { closed: (e) => void closes.push((e as { code: number }).code) });
    clients.push(c);
    collect<Change>(c, CHANGES);
    await until('the close', () => closes.length > 0, 6000);
    expect(closes[0]).toBe(4403);
  });

  it('closes a socket used for queries only when its token expires too', async () => {
    const short = await shortToken();
    const closes: number[] = [];
    // Not lazy: the socket stays open after the answer, as a page that keeps it for later does.
    const c = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${short}` },
      lazy: false,
      // The close is expected; the default would print it.
      onNonLazyError: () => undefined,
      retryAttempts: 0,
      on: { closed: (e) => void closes.push((e as { code: number }).code) },
    });
    clients.push(c);
    const r = collect<{ myPerformance: { calls: number } }>(c, 'query { myPerformance { calls } }');
    await until('the answer', () => r.values.length > 0);
    await until('the close', () => closes.length > 0, 6000);
    expect(closes[0]).toBe(4403);
  });
});

function fakeCall(agentId: string): Call {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    leadId: crypto.randomUUID(),
    agentId,
    campaignId: null,
    direction: 'outbound',
    provider: 'simulator',
    providerCallId: null,
    status: 'ringing',
    startedAt: now,
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    disposition: null,
    notes: null,
    callbackAt: null,
    hangupBy: null,
    recordingAvailable: false,
    recordingNotice: false,
    wrapUpPending: false,
    answeredBy: null,
    createdAt: now,
    updatedAt: now,
  };
}

describe('callStatusChanged', () => {
  it('tells a telecaller of their own calls only, whatever they ask, and staff of all or one agent’s', async () => {
    await until('earlier subscriptions gone', async () => (await callSubscribers()) === 0);
    const base = await callSubscribers();
    const mine = collect<Change>(open(tc().token), CHANGES, { who: t.cast.otherTelecaller.id });
    const theirs = collect<Change>(open(t.cast.otherTelecaller.token), CHANGES);
    const all = collect<Change>(open(t.cast.manager.token), CHANGES);
    const one = collect<Change>(open(t.cast.admin.token), CHANGES, { who: t.cast.otherTelecaller.id });
    await until('four subscriptions', async () => (await callSubscribers()) === base + 4);

    const id = await startCall();
    await until('in progress', () => mine.values.some((v) => v.callStatusChanged.status === 'IN_PROGRESS'));
    await endCall(id);
    await until('the outcome', () => mine.values.some((v) => v.callStatusChanged.outcome === 'INTERESTED'));
    await until('the manager', () => all.values.some((v) => v.callStatusChanged.outcome === 'INTERESTED'));
    // Changes after the outcome (the recording) reach the two sockets one after the other.
    await until('both sockets to have caught up', () => all.values.length === mine.values.length);

    const statuses = mine.values.map((v) => v.callStatusChanged.status);
    expect(statuses).toContain('IN_PROGRESS');
    expect(statuses).toContain('COMPLETED');
    expect(mine.values.every((v) => v.callStatusChanged.id === id && v.callStatusChanged.telecaller.id === tc().id)).toBe(true);
    expect(mine.values[0]?.callStatusChanged.lead.name).toMatch(/^Live Lead/);
    expect(all.values.map((v) => v.callStatusChanged.status)).toEqual(statuses);
    expect(theirs.values).toEqual([]);
    expect(one.values).toEqual([]);
    expect(mine.errors).toEqual([]);
  });

  it('delivers changes published on the bus by another node', async () => {
    const base = await callSubscribers();
    const r = collect<{ callStatusChanged: { id: string; status: string } }>(open(t.cast.manager.token), 'subscription { callStatusChanged { id status } }');
    await until('subscribed', async () => (await callSubscribers()) === base + 1);
    // What a Redis bus delivers from another node arrives exactly like this.
    const outside = fakeCall(t.cast.otherTelecaller.id);
    const call = fakeCall(t.cast.telecaller.id);
    await t.app.services.bus.publish('call.updated', { call: outside });
    await t.app.services.bus.publish('call.updated', { call });
    const got = await until('delivery', () => r.values.find((v) => v.callStatusChanged.id === call.id));
    expect(got).toEqual({ callStatusChanged: { id: call.id, status: 'RINGING' } });
    // The other team's telecaller is outside this manager's teams. (A late change of an earlier
    // test's real call, e.g. its recording landing, may arrive too: only the two made here count.)
    const ids = r.values.map((v) => v.callStatusChanged.id).filter((id) => id === call.id || id === outside.id);
    expect(ids).toEqual([call.id]);
  });

  it('lets go of its bus handlers when a client stops or its socket closes', async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await until('no handlers left', () => handlers === 0, 5000);
    const c = open(t.cast.manager.token);
    const r = collect(c, 'subscription { callStatusChanged { id } }');
    await until('subscribed', () => handlers === 1);
    expect(await callSubscribers()).toBe(1);
    r.stop();
    await until('stopped', () => handlers === 0, 5000);
    expect(await callSubscribers()).toBe(0);
  });

  it('validates subscriptions and applies the limits to them', async () => {
    const c = open(t.cast.manager.token);
    const unknown = collect(c, 'subscription { callStatusChanged { nope } }');
    let deep = 'id';
    for (let i = 0; i < 5; i++) deep = `lead { calls { ${deep} } }`;
    const tooDeep = collect(c, `subscription { callStatusChanged { ${deep} } }`);
    const badId = collect(c, 'subscription { callStatusChanged(telecallerId: "x") { id } }');
    await until('three errors', () => unknown.errors.length && tooDeep.errors.length && badId.errors.length);
    const code = (r: { errors: unknown[] }) => (r.errors[0] as { extensions?: { code?: string } }[])[0]?.extensions?.code;
    expect([code(unknown), code(tooDeep), code(badId)]).toEqual(['GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_DEEP', 'BAD_USER_INPUT']);
  });
});

describe('teamUpdated', () => {
  const TEAM = 'subscription { teamUpdated { agents { user { id } state reason } totals { agents onBreak } updatedAt } }';
  type Team = { teamUpdated: { agents: { user: { id: string }; state: string; reason: string | null }[]; totals: { agents: number; onBreak: number } } };
  const setPresence = (payload: object) => t.request({ method: 'PUT', url: '/api/v1/presence/me', as: tc(), payload });

  it('refuses telecallers', async () => {
    const r = collect(open(tc().token), TEAM);
    await until('the error', () => r.errors.length > 0);
    expect(r.errors[0]).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    expect(r.values).toEqual([]);
  });

  it('sends a snapshot at once, then fresh ones as the floor changes, in each viewer’s scope', async () => {
    const manager = collect<Team>(open(t.cast.manager.token), TEAM);
    const admin = collect<Team>(open(t.cast.admin.token), TEAM);
    await until('first snapshots', () => manager.values.length > 0 && admin.values.length > 0);
    expect(manager.values[0]?.teamUpdated.agents.map((a) => a.user.id)).toEqual([tc().id]);
    expect(admin.values[0]?.teamUpdated.agents.map((a) => a.user.id).sort()).toEqual([tc().id, t.cast.otherTelecaller.id].sort());

    await setPresence({ state: 'break', reason: 'Lunch' });
    const seen = await until('the break', () => manager.values.find((v) => v.teamUpdated.agents[0]?.state === 'BREAK'));
    expect(seen.teamUpdated).toMatchObject({ agents: [{ state: 'BREAK', reason: 'Lunch' }], totals: { agents: 1, onBreak: 1 } });
    await until('the admin too', () => admin.values.some((v) => v.teamUpdated.totals.onBreak === 1));
  });

  it('sends at most one snapshot per 250 ms however busy the floor', async () => {
    const times: number[] = [];
    const c = open(t.cast.manager.token);
    c.subscribe({ query: TEAM }, { next: () => void times.push(Date.now()), error: () => undefined, complete: () => undefined });
    await until('first snapshot', () => times.length > 0);
    const startedAt = Date.now();
    for (let i = 0; i < 20; i++) await setPresence(i % 2 ? { state: 'available' } : { state: 'break', reason: `r${i}` });
    await sleep(600);
    const during = times.filter((x) => x >= startedAt);
    const span = Date.now() - startedAt;
    expect(during.length).toBeGreaterThan(0);
    expect(during.length).toBeLessThanOrEqual(Math.ceil(span / 250) + 1);
    for (let i = 1; i < during.length; i++) expect((during[i] ?? 0) - (during[i - 1] ?? 0)).toBeGreaterThanOrEqual(200);
  });
});

describe('floorChanged', () => {
  const AGENT = 'user { id } state reason currentCall { id status } today { calls connects talkSeconds }';
  const PATCHES = `subscription($team: ID) { floorChanged(teamId: $team) { seq full agents { ${AGENT} } removedAgentIds liveCalls { id status } endedCallIds totals { agents available onBreak onCall wrapUp liveCalls } today { calls } updatedAt } }`;
  const WHOLE = `subscription($team: ID) { teamUpdated(teamId: $team) { agents { ${AGENT} } liveCalls { id status } totals { agents available onBreak onCall wrapUp liveCalls } today { calls } } }`;
  type Agent = { user: { id: string }; state: string; reason: string | null; currentCall: { id: string; status: string } | null; today: { calls: number } };
  type Whole = { agents: Agent[]; liveCalls: { id: string; status: string }[]; totals: Record<string, number>; today: { calls: number } };
  type Patch = Whole & { seq: number; full: boolean; removedAgentIds: string[]; endedCallIds: string[] };
  const setPresence = (payload: object) => t.request({ method: 'PUT', url: '/api/v1/presence/me', as: tc(), payload });

  /** A board kept from patches, as the command center keeps it. */
  const keep = (patches: { floorChanged: Patch }[]) =>
    patches.reduce((board, { floorChanged: p }) => applyPatch(board, p), emptyBoard<Agent, Patch['liveCalls'][number], Patch['totals'], Patch['today']>());
  const byId = (list: Agent[]) => [...list].sort((a, b) => a.user.id.localeCompare(b.user.id));

  it('refuses telecallers', async () => {
    const r = collect(open(tc().token), PATCHES);
    await until('the error', () => r.errors.length > 0);
    expect(r.errors[0]).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
  });

  it('sends the whole view first, then only what changed; applied in order, the board equals teamUpdated’s', async () => {
    await setPresence({ state: 'available' });
    const admin = collect<{ floorChanged: Patch }>(open(t.cast.admin.token), PATCHES);
    const whole = collect<{ teamUpdated: Whole }>(open(t.cast.admin.token), WHOLE);
    await until('the first patch', () => admin.values.length > 0 && whole.values.length > 0);
    const first = admin.values[0]?.floorChanged;
    expect(first?.full).toBe(true);
    expect(first?.agents.map((a) => a.user.id).sort()).toEqual([tc().id, t.cast.otherTelecaller.id].sort());

    await setPresence({ state: 'break', reason: 'Tea' });
    const onBreak = await until('the break', () => admin.values.find((v) => !v.floorChanged.full && v.floorChanged.agents.some((a) => a.state === 'BREAK')));
    // Only the agent who changed travels; the other telecaller stays out of the patch.
    expect(onBreak.floorChanged.agents.map((a) => a.user.id)).toEqual([tc().id]);
    expect(onBreak.floorChanged.totals.onBreak).toBe(1);

    await setPresence({ state: 'available' });
    const id = await startCall();
    await until('the call live', () => keep(admin.values).calls.get(id)?.status === 'IN_PROGRESS');
    await endCall(id);
    await until(
      'the call ended',
      () =>
        !keep(admin.values).calls.has(id) &&
        keep(admin.values).agents.get(tc().id)?.today.calls !== first?.agents.find((a) => a.user.id === tc().id)?.today.calls,
    );
    await sleep(600);
    const board = keep(admin.values);
    const last = whole.values.at(-1)?.teamUpdated;
    expect(byId([...board.agents.values()])).toEqual(byId(last?.agents ?? []));
    expect([...board.calls.values()]).toEqual(last?.liveCalls);
    expect(board.totals).toEqual(last?.totals);
    expect(board.today).toEqual(last?.today);
    expect(admin.errors).toEqual([]);
  });

  it('executes and encodes once for viewers who share a scope and a document', async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    const metric = async (name: string) =>
      Number((await t.app.inject({ url: '/metrics' })).body.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm'))?.[1] ?? Number.NaN);
    await until(
      'no floor subscriptions',
      async () => (await t.app.inject({ url: '/metrics' })).body.includes('telehub_graphql_live_subscribers{feed="floor",service="telehub"} 0'),
      5000,
    );
    const viewers = [0, 1, 2].map(() => collect<{ floorChanged: Patch }>(open(t.cast.manager.token), PATCHES, { team: t.cast.teamId }));
    await until('three whole views', () => viewers.every((v) => v.values.length === 1));
    const executions = await metric('telehub_graphql_fanout_executions_total');
    const messages = await metric('telehub_graphql_fanout_messages_total');
    await setPresence({ state: 'break', reason: 'Lunch' });
    await until('the patch, three times', () => viewers.every((v) => v.values.length === 2));
    expect((await metric('telehub_graphql_fanout_messages_total')) - messages).toBe(3);
    expect((await metric('telehub_graphql_fanout_executions_total')) - executions).toBe(1);
    expect(new Set(viewers.map((v) => JSON.stringify(v.values[1])))).toHaveProperty('size', 1);
  });
});

describe('transcript', () => {
  it('streams the live transcript of a call, stored segments first with afterSeq, to those who may see it', async () => {
    await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: tc(), payload: { state: 'available' } });
    const id = await startCall();
    const Q = 'subscription($id: ID!, $after: Int) { transcript(callId: $id, afterSeq: $after) { seq speaker text callId } }';
    type Seg = { transcript: { seq: number; speaker: string; text: string; callId: string } };
    const live = collect<Seg>(open(tc().token), Q, { id });
    const refused = collect<Seg>(open(t.cast.otherTelecaller.token), Q, { id });
    await until('two live segments', () => live.values.length >= 2);
    const replay = collect<Seg>(open(t.cast.manager.token), Q, { id, after: -1 });
    await until('the replay', () => replay.values.length >= live.values.length);
    await endCall(id);
    await until('the refusal', () => refused.errors.length > 0);
    expect(refused.errors[0]).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    const seqs = replay.values.map((v) => v.transcript.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(seqs[0]).toBe(0);
    expect(live.values[0]?.transcript).toMatchObject({ seq: 0, speaker: 'AGENT', callId: id });
    expect(await statusOf(id)).toBe('completed');
  });

  it('streams a call’s assist cards to its agent and their manager (stored ones first), and to nobody else', async () => {
    await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: tc(), payload: { state: 'available' } });
    const id = await startCall();
    const Q = 'subscription($id: ID!) { assistCards(callId: $id) { id callId kind key title { en hi } checklist { checkpoint done } } }';
    type Card = { assistCards: { id: string; callId: string; kind: string; key: string } };
    const live = collect<Card>(open(tc().token), Q, { id });
    const refused = collect<Card>(open(t.cast.otherManager.token), Q, { id });
    // The agent's greeting ticks the checklist: a script card.
    await until('a live card', () => live.values.some((v) => v.assistCards.kind === 'script'));
    await t.app.services.assistEngine.flush();
    const later = collect<Card>(open(t.cast.manager.token), Q, { id });
    await until('the stored cards', () => later.values.length > 0);
    await endCall(id);
    await until('the refusal', () => refused.errors.length > 0);
    expect(refused.errors[0]).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    expect(live.values.every((v) => v.assistCards.callId === id)).toBe(true);
    expect(later.values.map((v) => v.assistCards.id)).toEqual(expect.arrayContaining([live.values[0]?.assistCards.id]));
    // None twice, replay or live.
    const ids = later.values.map((v) => v.assistCards.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('presenceChanged', () => {
  const Q = 'subscription($who: ID) { presenceChanged(userId: $who) { userId state reason callId } }';
  type P = { presenceChanged: { userId: string; state: string; reason: string | null; callId: string | null } };
  const states = (r: { values: P[] }, userId: string) => r.values.filter((v) => v.presenceChanged.userId === userId).map((v) => v.presenceChanged.state);

  it('sends the current state first, then each change: a telecaller their own, staff those they watch', async () => {
    const other = t.cast.otherTelecaller;
    await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: tc(), payload: { state: 'break', reason: 'tea' } });
    const mine = collect<P>(open(tc().token), Q, { who: other.id });
    const manager = collect<P>(open(t.cast.manager.token), Q);
    const hidden = collect<P>(open(t.cast.manager.token), Q, { who: other.id });
    const admin = collect<P>(open(t.cast.admin.token), Q, { who: other.id });
    await until('the current state', () => mine.values.length === 1 && manager.values.some((v) => v.presenceChanged.userId === tc().id));
    expect(mine.values[0]?.presenceChanged).toEqual({ userId: tc().id, state: 'BREAK', reason: 'tea', callId: null });

    await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: tc(), payload: { state: 'available' } });
    await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: other, payload: { state: 'break', reason: 'lunch' } });
    await until('the change', () => states(mine, tc().id).includes('AVAILABLE') && states(manager, tc().id).includes('AVAILABLE'));
    await until('the other team', () => states(admin, other.id).includes('BREAK'));
    expect(states(mine, tc().id)).toEqual(['BREAK', 'AVAILABLE']);
    expect(mine.values.every((v) => v.presenceChanged.userId === tc().id)).toBe(true);
    // The manager watches team Alpha: the other team's telecaller never shows.
    expect(states(manager, other.id)).toEqual([]);
    expect(hidden.errors[0]).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    expect(admin.values[0]?.presenceChanged.state).toBe('OFFLINE');
    for (const r of [mine, manager, admin]) r.stop();
    const now = await gqlData<{ myPresence: { state: string } }>(t.app, tc().token, 'query { myPresence { state } }');
    expect(now.myPresence.state).toBe('AVAILABLE');
  });
});

describe('queries and mutations over the websocket', () => {
  /** The one result of a query or mutation sent on the socket. */
  const once = <T>(token: string, query: string, variables?: Record<string, unknown>) =>
    new Promise<{ data?: T | null; errors?: readonly { extensions?: { code?: string } }[] }>((resolve, reject) => {
      open(token).subscribe<T>({ query, variables }, { next: (v) => resolve(v as never), error: reject, complete: () => undefined });
    });

  it('answers every query and mutation as HTTP does, in the same scope', async () => {
    const l = await lead(tc().id);
    const queries = await once<Record<string, unknown[]>>(
      t.cast.manager.token,
      `query {
        leads(filter: { pageSize: 5 }) { id }
        calls(filter: { limit: 5 }) { id }
        myPerformance { calls }
        teamStatus { totals { agents } }
        teams { name }
        alerts { id }
        leaderboard(period: WEEK) { rank user { id } }
        teamTrend(days: 2) { calls }
      }`,
    );
    expect(queries.errors).toBeUndefined();
    expect(queries.data).toMatchObject({ teams: [{ name: 'Alpha' }], alerts: [], myPerformance: { calls: 0 } });
    expect((queries.data as { teamTrend: unknown[] }).teamTrend).toHaveLength(2);
    expect((queries.data as { leaderboard: { user: { id: string } }[] }).leaderboard.map((e) => e.user.id)).toEqual([tc().id]);

    const updated = await once<{ updateLead: { city: string } }>(tc().token, 'mutation($id: ID!) { updateLead(id: $id, input: { city: "Pune" }) { city } }', {
      id: l.id,
    });
    expect(updated.data).toEqual({ updateLead: { city: 'Pune' } });
    const refused = await once(tc().token, 'query { teamStatus { updatedAt } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await once(t.cast.manager.token, 'mutation { acknowledgeAlert(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: tc(), payload: { state: 'available' } });
    const started = await once<{ startCall: { id: string; status: string } }>(tc().token, 'mutation($l: ID!) { startCall(leadId: $l) { id status } }', {
      l: l.id,
    });
    const id = started.data?.startCall.id ?? '';
    await until('in progress', async () => (await statusOf(id)) === 'in_progress');
    const ended = await once<{ endCall: { outcome: string } }>(tc().token, `mutation { endCall(callId: "${id}", outcome: NOT_INTERESTED) { outcome } }`);
    expect(ended.data).toEqual({ endCall: { outcome: 'NOT_INTERESTED' } });
  });
});

describe('team scope', () => {
  const LIVE = 'subscription { callStatusChanged { id telecaller { id } lead { id phone } } }';
  type Live = { callStatusChanged: { id: string; telecaller: { id: string }; lead: { id: string; phone: string } } };
  const code = (r: { errors: unknown[] }) => (r.errors[0] as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code;

  it('answers NOT_FOUND to a manager who asks for another team’s agent, their presence or a call of theirs', async () => {
    const other = t.cast.otherTelecaller;
    const l = await lead(tc().id);
    const [row] = await t.db.database.db
      .insert(calls)
      .values({ leadId: l.id, agentId: tc().id, provider: 'simulator', providerCallId: `scope-${++seq}`, status: 'completed', disposition: 'interested' })
      .returning({ id: calls.id });
    const theirCall = row?.id;
    const refused = [
      collect<Change>(open(t.cast.manager.token), CHANGES, { who: other.id }),
      collect<Change>(open(t.cast.otherManager.token), CHANGES, { who: tc().id }),
      collect(open(t.cast.otherManager.token), 'subscription($who: ID) { presenceChanged(userId: $who) { state } }', { who: tc().id }),
      collect(open(t.cast.otherManager.token), 'subscription($id: ID!) { transcript(callId: $id) { seq } }', { id: theirCall }),
    ];
    // A subscription that is not refused stays silent: wait a while, then say which ones answered what.
    await until('every refusal', () => refused.every((r) => r.errors.length > 0), 3000).catch(() => undefined);
    expect(refused.map(code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(refused.flatMap((r) => r.values)).toEqual([]);
  });

  it('streams each manager their own team’s calls with the lead’s phone, and never the other team’s', async () => {
    const other = t.cast.otherTelecaller;
    const [alphaLead, betaLead] = await Promise.all([lead(tc().id), lead(other.id)]);
    const alpha = { ...fakeCall(tc().id), leadId: alphaLead.id };
    const beta = { ...fakeCall(other.id), leadId: betaLead.id };
    const before = await callSubscribers();
    const alphaManager = collect<Live>(open(t.cast.manager.token), LIVE);
    const betaManager = collect<Live>(open(t.cast.otherManager.token), LIVE);
    const admin = collect<Live>(open(t.cast.admin.token), LIVE);
    await until('three subscriptions', async () => (await callSubscribers()) === before + 3);
    await t.app.services.bus.publish('call.updated', { call: beta });
    await t.app.services.bus.publish('call.updated', { call: alpha });
    await until('every delivery', () => alphaManager.values.length > 0 && betaManager.values.length > 0 && admin.values.length === 2);
    await sleep(100);
    expect(alphaManager.values).toEqual([
      { callStatusChanged: { id: alpha.id, telecaller: { id: tc().id }, lead: { id: alphaLead.id, phone: alphaLead.phone } } },
    ]);
    expect(betaManager.values).toEqual([
      { callStatusChanged: { id: beta.id, telecaller: { id: other.id }, lead: { id: betaLead.id, phone: betaLead.phone } } },
    ]);
    expect(JSON.stringify(alphaManager.values)).not.toContain(betaLead.phone);
    expect(JSON.stringify(betaManager.values)).not.toContain(alphaLead.phone);
    for (const r of [alphaManager, betaManager, admin]) r.stop();
  });
});
