/**
 * Calls through GraphQL with the simulator: startCall, endCall on a live and an ended call,
 * the calls list and its scoping, the Call fields (lead, telecaller, transcript, recording,
 * analytics), myPerformance and teamStatus.
 */
import type { Lead } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/context.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { codes, gql, gqlData, until } from './testing/gql.js';

let t: TestApp;
let seq = 0;
const lead = (ownerId: string) =>
  t.app.services.leads.create(SYSTEM_ACTOR, { name: `Call Lead ${++seq}`, phone: `98200${String(10_000 + seq)}`, ownerId, language: 'en' });

beforeAll(async () => {
  t = await createTestApp({
    env: { TELEHUB_CALLING_HOURS: '00:00-24:00', SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '50', TELEHUB_MAX_ATTEMPTS_PER_DAY: '20' },
  });
});
afterAll(() => t?.close());

const START = 'mutation($leadId: ID!) { startCall(leadId: $leadId) { id status lead { id name } telecaller { id name } } }';
const END =
  'mutation($id: ID!, $o: CallOutcome!, $notes: String, $at: DateTime) { endCall(callId: $id, outcome: $o, notes: $notes, callbackAt: $at) { id status outcome disposition notes callbackAt wrapUpPending duration hangupBy endedAt lead { status } } }';
type Started = { startCall: { id: string; status: string; lead: { id: string; name: string }; telecaller: { id: string } } };
type Ended = {
  endCall: { id: string; status: string; outcome: string; notes: string | null; callbackAt: string | null; wrapUpPending: boolean; lead: { status: string } };
};

const statusOf = async (id: string) => (await t.app.services.callsReader.get(SYSTEM_ACTOR, id)).status;
const tc = () => t.cast.telecaller;

async function liveCall(l: Lead): Promise<string> {
  const d = await gqlData<Started>(t.app, tc().token, START, { leadId: l.id });
  await until('in progress', async () => (await statusOf(d.startCall.id)) === 'in_progress');
  return d.startCall.id;
}

describe('startCall and endCall', () => {
  let first: Lead;
  let callId = '';

  it('starts a call for the signed-in telecaller, refusing what the rules refuse', async () => {
    first = await lead(tc().id);
    const other = await lead(t.cast.otherTelecaller.id);
    const d = await gqlData<Started>(t.app, tc().token, START, { leadId: first.id });
    callId = d.startCall.id;
    expect(['QUEUED', 'DIALING', 'RINGING', 'IN_PROGRESS']).toContain(d.startCall.status);
    expect(d.startCall).toMatchObject({ lead: { id: first.id, name: first.name }, telecaller: { id: tc().id } });

    const busy = await gql(t.app, tc().token, START, { leadId: first.id });
    expect(busy.errors[0]?.extensions).toMatchObject({ code: 'DIAL_BLOCKED', reason: 'agent_busy', status: 409 });
    const notMine = await gql(t.app, tc().token, START, { leadId: other.id });
    expect(notMine.errors[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', appCode: 'LEAD_NOT_FOUND' });
    const bad = await gql(t.app, tc().token, START, { leadId: 'abc' });
    expect(bad.errors[0]).toMatchObject({ message: expect.stringMatching(/^leadId: /), extensions: { code: 'BAD_USER_INPUT' } });
    await until('in progress', async () => (await statusOf(callId)) === 'in_progress');
  });

  it('refuses CALLBACK without a time with the service message, and leaves the live call alone', async () => {
    const r = await gql(t.app, tc().token, END, { id: callId, o: 'CALLBACK' });
    expect(r.errors[0]).toMatchObject({
      message: 'callbackAt: this disposition needs a callback time',
      extensions: { code: 'BAD_USER_INPUT', appCode: 'CALLBACK_TIME_REQUIRED' },
    });
    expect(await statusOf(callId)).toBe('in_progress');
    const someoneElse = await gql(t.app, t.cast.otherTelecaller.token, END, { id: callId, o: 'INTERESTED' });
    expect(codes(someoneElse)).toEqual(['NOT_FOUND']);
    expect(await statusOf(callId)).toBe('in_progress');
  });

  it('hangs up a live call, waits for the end, and saves the outcome', async () => {
    const d = await gqlData<Ended>(t.app, tc().token, END, { id: callId, o: 'INTERESTED', notes: '  wants the brochure ' });
    expect(d.endCall).toMatchObject({
      id: callId,
      status: 'COMPLETED',
      outcome: 'INTERESTED',
      notes: 'wants the brochure',
      wrapUpPending: false,
      lead: { status: 'INTERESTED' },
    });
    const again = await gql(t.app, tc().token, END, { id: callId, o: 'CONVERTED' });
    expect(codes(again)).toEqual(['CALL_ALREADY_DISPOSED']);
  });

  it('saves the outcome of a call that already ended, with a callback time', async () => {
    const id = await liveCall(await lead(tc().id));
    await t.request({ method: 'POST', url: `/api/v1/calls/${id}/hangup`, as: tc(), payload: {} });
    await until('ended', async () => (await statusOf(id)) === 'completed');
    const past = await gql(t.app, tc().token, END, { id, o: 'CALLBACK', at: '2020-01-01T10:00:00Z' });
    expect(past.errors[0]?.extensions?.appCode).toBe('CALLBACK_TIME_PAST');
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const d = await gqlData<Ended>(t.app, tc().token, END, { id, o: 'CALLBACK', at });
    expect(d.endCall).toMatchObject({ outcome: 'CALLBACK', callbackAt: at, lead: { status: 'CALLBACK' } });
  });
});

describe('calls and their fields', () => {
  let id = '';
  let l: Lead;

  it('shows the transcript, analytics and recording of a call', async () => {
    l = await lead(tc().id);
    id = await liveCall(l);
    await until('two segments', async () => (await t.app.services.callsReader.transcript(SYSTEM_ACTOR, id, -1)).items.length >= 2);
    await gqlData(t.app, tc().token, END, { id, o: 'CONVERTED' });
    const q = `{ calls(filter: { leadId: "${l.id}" }) { id status duration startedAt answeredAt direction recording transcript sentiment
      analytics { talkSeconds ringSeconds hangupBy transcriptSegments sentiment analysisStatus talkRatio deadAirSeconds longestMonologueSeconds
        interruptions objections { type handled } keywords summary qaScore }
      lead { name status lastCallAt assignedTo { id } calls { id } } telecaller { name } } }`;
    type C = {
      calls: {
        id: string;
        recording: string | null;
        transcript: string | null;
        sentiment: number | null;
        analytics: {
          transcriptSegments: number;
          hangupBy: string;
          sentiment: number | null;
          talkSeconds: number;
          analysisStatus: string;
          talkRatio: number | null;
          summary: string | null;
          qaScore: number | null;
        };
        lead: { status: string; lastCallAt: string; calls: { id: string }[] };
      }[];
    };
    // The recording, and the analysis run with it.
    const d = await until('the recording and its analysis', async () => {
      const r = await gqlData<C>(t.app, tc().token, q);
      return r.calls[0]?.recording && r.calls[0].analytics.talkRatio !== null ? r : undefined;
    });
    const c = d.calls[0];
    expect(c).toMatchObject({
      id,
      status: 'COMPLETED',
      direction: 'OUTBOUND',
      recording: `/api/v1/calls/${id}/recording`,
      telecaller: { name: 'caller' },
    });
    expect(c?.transcript).toMatch(/^Agent: .+\nLead: /);
    expect(c?.analytics).toMatchObject({ hangupBy: 'AGENT', analysisStatus: 'done', qaScore: null });
    expect(c?.sentiment).toEqual(expect.any(Number));
    expect(c?.analytics.sentiment).toBe(c?.sentiment);
    expect(c?.analytics.talkRatio).toBeGreaterThan(0);
    expect(c?.analytics.summary).toEqual(expect.any(String));
    expect(c?.analytics.transcriptSegments).toBeGreaterThanOrEqual(2);
    expect(c?.lead).toMatchObject({ status: 'CONVERTED', calls: [{ id }] });
    expect(Date.parse(c?.lead.lastCallAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    // Staff may hear it; another telecaller may not even see the call.
    const staff = await gqlData<C>(t.app, t.cast.manager.token, q);
    expect(staff.calls[0]?.recording).toBe(`/api/v1/calls/${id}/recording`);
    expect((await gqlData<C>(t.app, t.cast.otherTelecaller.token, q)).calls).toEqual([]);
  });

  it('scopes the list as REST does, and leaves out a telecaller’s calls to leads no longer theirs', async () => {
    type L = { calls: { id: string; telecaller: { id: string } }[] };
    const all = await gqlData<L>(t.app, t.cast.manager.token, `{ calls(filter: { telecallerId: "${tc().id}", limit: 100 }) { id telecaller { id } } }`);
    expect(all.calls.length).toBe(3);
    expect(all.calls.every((c) => c.telecaller.id === tc().id)).toBe(true);
    const status = await gqlData<L>(t.app, t.cast.admin.token, '{ calls(filter: { status: COMPLETED, limit: 2 }) { id telecaller { id } } }');
    expect(status.calls.length).toBe(2);
    // Another agent's calls, asked for by name, answer as REST's do: that agent is not found.
    const asked = await gql<L>(t.app, tc().token, `{ calls(filter: { telecallerId: "${t.cast.otherTelecaller.id}" }) { id telecaller { id } } }`);
    expect(codes(asked)).toEqual(['NOT_FOUND']);
    await t.app.services.leads.update(SYSTEM_ACTOR, l.id, { ownerId: t.cast.otherTelecaller.id });
    const after = await gqlData<L>(t.app, tc().token, '{ calls { id } }');
    expect(after.calls.map((c) => c.id)).not.toContain(id);
    expect(after.calls.length).toBe(2);
    const rest = await t.request({ method: 'GET', url: '/api/v1/calls', as: tc() });
    expect(rest.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toContain(id);
    const bad = await gql(t.app, tc().token, '{ calls(filter: { limit: 101 }) { id } }');
    expect(bad.errors[0]?.message).toMatch(/^filter\.limit: /);
  });
});

describe('myPerformance and teamStatus', () => {
  type P = { myPerformance: { calls: number; connects: number; connectRate: number; conversions: number; averageHandleSeconds: number; talkSeconds: number } };

  it('counts the signed-in user’s calls today', async () => {
    const d = await gqlData<P>(
      t.app,
      tc().token,
      '{ myPerformance { from to calls connects connectRate talkSeconds averageHandleSeconds conversions conversionRate loggedInSeconds callsPerHour } }',
    );
    expect(d.myPerformance).toMatchObject({ calls: 3, connects: 3, connectRate: 1, conversions: 1 });
    expect(d.myPerformance.averageHandleSeconds).toBeGreaterThanOrEqual(0);
    const other = await gqlData<P>(t.app, t.cast.otherTelecaller.token, '{ myPerformance { calls connectRate averageHandleSeconds } }');
    expect(other.myPerformance).toEqual({ calls: 0, connectRate: null, averageHandleSeconds: null });
    const past = await gqlData<P>(t.app, tc().token, '{ myPerformance(period: { from: "2020-01-01T00:00:00Z", to: "2020-02-01T00:00:00Z" }) { calls } }');
    expect(past.myPerformance.calls).toBe(0);
    const wrong = await gql(t.app, tc().token, '{ myPerformance(period: { from: "2030-01-01T00:00:00Z" }) { calls } }');
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
  });

  it('shows staff the floor in their scope, and refuses telecallers', async () => {
    const q =
      '{ teamStatus { agents { user { id email } state since today { calls conversions } currentCall { id } } liveCalls { id } totals { agents available offline liveCalls } today { calls } updatedAt } }';
    type T = {
      teamStatus: { agents: { user: { id: string }; state: string; today: { calls: number } }[]; totals: { agents: number }; today: { calls: number } };
    };
    const refused = await gql(t.app, tc().token, q);
    expect(refused.errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const manager = await gqlData<T>(t.app, t.cast.manager.token, q);
    expect(manager.teamStatus.agents.map((a) => a.user.id)).toEqual([tc().id]);
    expect(manager.teamStatus.agents[0]).toMatchObject({ state: 'AVAILABLE', today: { calls: 3 } });
    expect(manager.teamStatus.today.calls).toBe(3);
    const admin = await gqlData<T>(t.app, t.cast.admin.token, q);
    expect(admin.teamStatus.agents.map((a) => a.user.id).sort()).toEqual([tc().id, t.cast.otherTelecaller.id].sort());
    // Signed in and not calling: available (the harness signs telecallers in).
    expect(admin.teamStatus.agents.find((a) => a.user.id === t.cast.otherTelecaller.id)?.state).toBe('AVAILABLE');
  });
});

describe('team scope', () => {
  type L = { calls: { id: string; telecaller: { id: string }; lead: { id: string; phone: string } }[] };
  const CALLS = 'query($f: CallFilter) { calls(filter: $f) { id telecaller { id } lead { id phone } } }';

  it('shows each manager their own team’s calls and answers NOT_FOUND for the other team’s agent, as REST does', async () => {
    const other = t.cast.otherTelecaller;
    const theirLead = await lead(other.id);
    const started = await gqlData<Started>(t.app, other.token, START, { leadId: theirLead.id });
    await until('in progress', async () => (await statusOf(started.startCall.id)) === 'in_progress');
    await gqlData<Ended>(t.app, other.token, END, { id: started.startCall.id, o: 'INTERESTED' });

    for (const [manager, own, foreign] of [
      [t.cast.manager, tc().id, other.id],
      [t.cast.otherManager, other.id, tc().id],
    ] as const) {
      const mine = await gqlData<L>(t.app, manager.token, CALLS, { f: { telecallerId: own, limit: 100 } });
      expect(mine.calls.length).toBeGreaterThan(0);
      expect(mine.calls.every((c) => c.telecaller.id === own)).toBe(true);
      const all = await gqlData<L>(t.app, manager.token, CALLS, { f: { limit: 100 } });
      expect(all.calls.some((c) => c.telecaller.id === foreign)).toBe(false);

      const refused = await gql<L>(t.app, manager.token, CALLS, { f: { telecallerId: foreign } });
      expect({ manager: manager.email, data: refused.data, codes: codes(refused) }).toEqual({ manager: manager.email, data: null, codes: ['NOT_FOUND'] });
      const rest = await t.request({ method: 'GET', url: `/api/v1/calls?agentId=${foreign}`, as: manager });
      expect({ status: rest.statusCode, code: rest.json<{ code: string }>().code }).toEqual({ status: 404, code: 'AGENT_NOT_FOUND' });
    }
    // The other team's lead: none of its calls, nor its phone, reach the manager of another team.
    const foreignLead = await gqlData<L>(t.app, t.cast.manager.token, CALLS, { f: { leadId: theirLead.id } });
    expect(foreignLead.calls).toEqual([]);
    const admin = await gqlData<L>(t.app, t.cast.admin.token, CALLS, { f: { telecallerId: other.id } });
    expect(admin.calls.map((c) => c.id)).toContain(started.startCall.id);
  });
});
