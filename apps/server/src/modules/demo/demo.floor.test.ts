/** The demo floor drives a virtual telecaller through real calls on the simulator. */
import type { CallWithLead } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createLogger } from '../../platform/logging.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createDemoFloor } from './demo.floor.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    presence: 'offline',
    env: { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '100', TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_MAX_ATTEMPTS_PER_DAY: '10' },
  });
});
afterAll(() => t?.close());

describe('the demo floor', () => {
  it('starts the shift, dials the queue, wraps up with a disposition, and moves on', async () => {
    const agent = t.cast.telecaller;
    for (let i = 0; i < 3; i++) {
      await t.app.services.leads.create(SYSTEM_ACTOR, { name: `Floor Lead ${i}`, phone: `90011${String(22_330 + i)}`, ownerId: agent.id });
    }
    const { calls, callsReader, agents, clock } = t.app.services;
    const { workspace, presence } = agents;
    let step = 0;
    const floor = createDemoFloor({
      clock,
      logger: createLogger({ level: 'silent' }),
      agents: async () => [{ id: agent.id, teamId: agent.teamId }],
      presence,
      next: (actor) => workspace.next(actor, []),
      start: (actor, body) => calls.start(actor, body),
      status: (actor, id) => callsReader.get(actor, id),
      dispose: (actor, id, body) => calls.dispose(actor, id, body),
      random: () => [0.9, 0.1, 0.5][step++ % 3] ?? 0.5,
      pace: { wrapUpSeconds: 0, breakSeconds: 0, breakChance: 0 },
    });
    const seen: string[] = [];
    for (let i = 0; i < 400 && seen.filter((s) => s.startsWith('saved')).length < 2; i++) {
      seen.push(...Object.values(await floor.tick()));
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(seen[0]).toBe('shift started');
    expect(seen).toContain('dialed');
    expect(seen.filter((s) => s.startsWith('saved')).length).toBeGreaterThanOrEqual(2);
    const page = await callsReader.list({ id: agent.id, role: 'telecaller', teamId: agent.teamId }, { page: 1, pageSize: 10 });
    const done = page.items.filter((c: CallWithLead) => c.disposition !== null);
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done.every((c) => c.status === 'completed' && c.answeredAt !== null)).toBe(true);
    const from = new Date(Date.now() - 3600_000);
    const states = (await presence.history(agent.id, from, new Date(Date.now() + 1000))).map((h) => h.state);
    for (const s of ['available', 'ringing', 'on_call', 'wrap_up'] as const) expect(states).toContain(s);
  });

  it('takes a caller ringing in after a couple of rings', async () => {
    const agent = t.cast.otherTelecaller;
    const { calls, callsReader, agents, clock, inbound, telephony } = t.app.services;
    const { presence } = agents;
    const floor = createDemoFloor({
      clock,
      logger: createLogger({ level: 'silent' }),
      agents: async () => [{ id: agent.id, teamId: agent.teamId }],
      presence,
      next: async () => ({ lead: null }),
      start: (actor, body) => calls.start(actor, body),
      status: (actor, id) => callsReader.get(actor, id),
      dispose: (actor, id, body) => calls.dispose(actor, id, body),
      offer: (id) => inbound.offeredTo(id),
      accept: (actor, id) => inbound.accept(actor, id),
      // The simulator runs 100 times fast here: its caller waits under a second.
      pace: { wrapUpSeconds: 0, breakSeconds: 0, breakChance: 0, answerSeconds: 0 },
    });
    expect(Object.values(await floor.tick())).toEqual(['shift started']);
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Rings In', phone: '9001199887', ownerId: agent.id });
    if (!('incoming' in telephony)) throw new Error('the simulator rings the line');
    const { callId } = await (telephony as { incoming(c: { from: string }): Promise<{ callId: string }> }).incoming({ from: lead.phone });
    const seen: string[] = [];
    for (let i = 0; i < 200 && !seen.includes('took an inbound call'); i++) {
      seen.push(...Object.values(await floor.tick()));
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toContain('took an inbound call');
    expect((await callsReader.get(SYSTEM_ACTOR, callId)).agentId).toBe(agent.id);
  });
});
