/**
 * placeCall in the dialer's way, on the simulator: the lead is rung alone, and once answered the
 * engine bridges the call to a free agent, who is on the call from then on (presence, transcript,
 * wrap-up). A lead nobody takes hangs up on their own, with no wrap-up for anyone.
 */
import type { Call, Presence } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '40', TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_MAX_ATTEMPTS_PER_DAY: '20' },
  });
});
afterAll(() => t?.close());

let seq = 0;
const lead = () =>
  t.app.services.leads.create(SYSTEM_ACTOR, {
    name: `Dialer Lead ${++seq}`,
    phone: `95${String(10_000_000 + seq)}`,
    ownerId: t.cast.telecaller.id,
    language: 'en',
  });
const call = (id: string) => t.app.services.callsReader.get(SYSTEM_ACTOR, id);
const presence = (userId: string) => t.app.services.agents.presence.get(userId);
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (err: unknown) => (err instanceof AppError ? `${err.code}${err.extra?.reason ? `:${String(err.extra.reason)}` : ''}` : String(err)),
  );

describe('a lead-first call', () => {
  it('rings the lead alone, is bridged to a free agent once answered, and leaves that agent in wrap-up', async () => {
    const agent = t.cast.telecaller;
    await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: agent, payload: { state: 'available' } });
    const placed = await t.app.services.calls.placeCall(SYSTEM_ACTOR, { leadId: (await lead()).id, agentId: null, mode: 'lead_first' });
    expect(placed).toMatchObject({ agentId: null, direction: 'outbound' });
    const answered = await until('the lead answers', async () => ((await call(placed.id)).status === 'in_progress' ? call(placed.id) : undefined));
    expect(answered.agentId).toBeNull();
    // Nobody is on the call yet: the agent stays free and nothing is said.
    expect((await presence(agent.id)).state).toBe('available');
    expect((await t.app.services.callsReader.transcript(SYSTEM_ACTOR, placed.id, -1)).items).toEqual([]);

    const bridged = await t.app.services.calls.bridge(SYSTEM_ACTOR, placed.id, agent.id);
    expect(bridged.agentId).toBe(agent.id);
    expect(await presence(agent.id)).toMatchObject<Partial<Presence>>({ state: 'on_call', callId: placed.id });
    // The agent sees it as their call from now on.
    const seen = await t.request({ method: 'GET', url: `/api/v1/calls/${placed.id}`, as: agent });
    expect(seen.statusCode).toBe(200);
    await until('the conversation', async () => (await t.app.services.callsReader.transcript(SYSTEM_ACTOR, placed.id, -1)).items.length >= 2);

    await t.request({ method: 'POST', url: `/api/v1/calls/${placed.id}/hangup`, as: agent });
    const ended = await until('the end', async () => {
      const c = await call(placed.id);
      return c.status === 'completed' ? c : undefined;
    });
    expect(ended.wrapUpPending).toBe(true);
    await until('wrap-up', async () => (await presence(agent.id)).state === 'wrap_up');
    const saved = await t.request({ method: 'POST', url: `/api/v1/calls/${placed.id}/disposition`, as: agent, payload: { disposition: 'interested' } });
    expect(saved.json<Call>().disposition).toBe('interested');
    expect((await presence(agent.id)).state).toBe('available');
  });

  it('is refused to bridge before the answer, to a busy agent, twice to two agents, and for a click-to-call', async () => {
    const agent = t.cast.telecaller;
    const other = t.cast.otherTelecaller;
    const placed = await t.app.services.calls.placeCall(SYSTEM_ACTOR, { leadId: (await lead()).id, agentId: null, mode: 'lead_first' });
    expect(await codeOf(t.app.services.calls.bridge(SYSTEM_ACTOR, placed.id, agent.id))).toBe('CALL_NOT_BRIDGEABLE');
    await until('the answer', async () => (await call(placed.id)).status === 'in_progress');
    await t.app.services.calls.bridge(SYSTEM_ACTOR, placed.id, agent.id);
    // The same agent again is a no-op at the provider; another agent is refused; a busy agent too.
    expect(await codeOf(t.app.services.calls.bridge(SYSTEM_ACTOR, placed.id, other.id))).toBe('CALL_NOT_BRIDGEABLE');
    const second = await t.app.services.calls.placeCall(SYSTEM_ACTOR, { leadId: (await lead()).id, agentId: null, mode: 'lead_first' });
    await until('the second answer', async () => (await call(second.id)).status === 'in_progress');
    expect(await codeOf(t.app.services.calls.bridge(SYSTEM_ACTOR, second.id, agent.id))).toBe('DIAL_BLOCKED:agent_busy');
    await t.app.services.calls.hangup(SYSTEM_ACTOR, second.id);

    await t.app.services.calls.hangup(SYSTEM_ACTOR, placed.id);
    await until('the end', async () => (await call(placed.id)).status === 'completed');
    await t.app.services.calls.dispose(SYSTEM_ACTOR, placed.id, { disposition: 'not_interested' });

    const click = await t.request({ method: 'POST', url: '/api/v1/calls', as: other, payload: { leadId: (await lead()).id } });
    expect(click.statusCode).toBe(404); // not their lead
    const own = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Theirs', phone: `95${String(20_000_000 + seq)}`, ownerId: other.id });
    const agentFirst = await t.request({ method: 'POST', url: '/api/v1/calls', as: other, payload: { leadId: own.id } });
    const id = agentFirst.json<Call>().id;
    await until('their answer', async () => (await call(id)).status === 'in_progress');
    expect(await codeOf(t.app.services.calls.bridge(SYSTEM_ACTOR, id, agent.id))).toBe('CALL_NOT_BRIDGEABLE');
    await t.app.services.calls.hangup(SYSTEM_ACTOR, id);
  });

  it('goes through the dialing rules like any call, and a lead nobody takes hangs up with no wrap-up', async () => {
    const dnd = await lead();
    await t.app.services.leads.dnd.apply([{ phone: dnd.phone, blocked: true, categories: [0] }]);
    expect(await codeOf(t.app.services.calls.placeCall(SYSTEM_ACTOR, { leadId: dnd.id, agentId: null, mode: 'lead_first' }))).toBe('DIAL_BLOCKED:dnd');

    const placed = await t.app.services.calls.placeCall(SYSTEM_ACTOR, { leadId: (await lead()).id, agentId: null, mode: 'lead_first' });
    const ended = await until(
      'the lead gives up',
      async () => {
        const c = await call(placed.id);
        return c.status === 'completed' ? c : undefined;
      },
      10_000,
    );
    expect(ended).toMatchObject({ agentId: null, wrapUpPending: false, hangupBy: 'lead', recordingAvailable: false });
  });
});
