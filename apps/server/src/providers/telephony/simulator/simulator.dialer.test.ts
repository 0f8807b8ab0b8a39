/** The simulator as the dialer uses it: answering machines, rates that change mid-run, abandon messages. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logging.js';
import { type DialRequest, ProviderError, type ProviderEvent } from '../telephony.port.js';
import { createSimulatorProvider, isSimulatorProvider, messageSeconds, type SimulatorProvider } from './simulator.provider.js';
import { collector, dialRequest, isTerminal, seeded } from './testing/sim-events.js';

const logger = createLogger({ level: 'silent' });
const callIdOf = (i: number) => `22222222-2222-4222-8222-${String(i).padStart(12, '0')}`;
const dialer = (over: Partial<DialRequest> = {}) => dialRequest({ mode: 'lead_first', agentPhone: null, detectMachine: true, ...over });
const answered = (e: ProviderEvent) => e.status === 'in_progress';
const MESSAGE = { text: 'Sorry, all our counsellors are busy right now. We will call you back soon.', language: 'en' };

/** Dials `count` calls (ids from `first`) and waits for each one's terminal event. */
async function dialMany(sim: SimulatorProvider, c: ReturnType<typeof collector>, first: number, count: number, over: Partial<DialRequest> = {}) {
  const ids = Array.from({ length: count }, (_, i) => callIdOf(first + i));
  for (const callId of ids) await sim.dial(dialer({ ...over, callId }));
  await Promise.all(ids.map((callId) => c.next((e) => e.callId === callId && isTerminal(e))));
  const mine = c.events.filter((e) => e.callId !== null && ids.includes(e.callId));
  return { answers: mine.filter(answered), ends: mine.filter(isTerminal) };
}

describe('answering machines in the simulator', () => {
  it('answers the share of calls set by machineRate, and setRates changes the shares for calls dialed after it', async () => {
    const c = collector();
    const sim = createSimulatorProvider({ answerRate: 1, machineRate: 0.3, speed: 1000, sink: c.sink, logger, random: seeded(7) });
    const first = await dialMany(sim, c, 0, 200);
    expect(first.answers).toHaveLength(200);
    expect(first.answers.every((e) => e.answeredBy === 'human' || e.answeredBy === 'machine')).toBe(true);
    const machines = first.answers.filter((e) => e.answeredBy === 'machine').length;
    expect(machines / 200).toBeGreaterThan(0.2);
    expect(machines / 200).toBeLessThan(0.4);

    sim.setRates({ answerRate: 0.5, machineRate: 0 });
    const second = await dialMany(sim, c, 1000, 200);
    expect(second.ends).toHaveLength(200);
    expect(second.answers.length / 200).toBeGreaterThan(0.4);
    expect(second.answers.length / 200).toBeLessThan(0.6);
    expect(second.answers.every((e) => e.answeredBy === 'human')).toBe(true);

    // One rate at a time: the machine share stays as it was.
    sim.setRates({ answerRate: 1 });
    const third = await dialMany(sim, c, 2000, 50);
    expect(third.answers).toHaveLength(50);
    expect(third.answers.every((e) => e.answeredBy === 'human')).toBe(true);
    expect(() => sim.setRates({ machineRate: 1.5 })).toThrow('machineRate must be between 0 and 1');
    expect(() => sim.setRates({ answerRate: -0.1 })).toThrow('answerRate must be between 0 and 1');
    expect(() => createSimulatorProvider({ answerRate: 1, machineRate: 2, speed: 1, sink: c.sink, logger })).toThrow('machineRate');
    await sim.close?.();
  });

  it('keeps the rates a call was dialed with', async () => {
    const c = collector();
    const sim = createSimulatorProvider({ answerRate: 1, machineRate: 1, speed: 100, sink: c.sink, logger, random: () => 0.5 });
    await sim.dial(dialer());
    sim.setRates({ machineRate: 0 });
    expect(await c.next(answered)).toMatchObject({ answeredBy: 'machine' });
    await sim.close?.();
  });

  it('lets a machine nobody hangs up on end after its greeting, saying nothing, recording nothing', async () => {
    const c = collector();
    const sim = createSimulatorProvider({ answerRate: 1, machineRate: 1, speed: 100, sink: c.sink, logger, random: () => 0.5 });
    expect(sim.machineDetection).toBe(true);
    await sim.dial(dialer());
    expect(await c.next(answered)).toMatchObject({ kind: 'status', answeredBy: 'machine', raw: { answeredBy: 'machine' } });
    const answeredAt = Date.now();
    const end = await c.next(isTerminal);
    const greeted = ((Date.now() - answeredAt) / 1000) * 100;
    expect(greeted).toBeGreaterThanOrEqual(19);
    expect(greeted).toBeLessThan(40);
    expect(end).toMatchObject({ status: 'completed', hangupBy: 'lead' });
    expect(end.recordingUrl).toBeUndefined();
    expect(c.events.some((e) => e.kind === 'transcript')).toBe(false);
    await sim.close?.();
  });

  it('reports a person as human, and says nothing of who answered without detectMachine or on agent_first', async () => {
    const human = collector();
    const a = createSimulatorProvider({ answerRate: 1, machineRate: 0, speed: 100, sink: human.sink, logger, random: () => 0.5 });
    await a.dial(dialer());
    expect(await human.next(answered)).toMatchObject({ answeredBy: 'human' });

    // A machine share of 1: still a person on every call dialed without detection.
    const quiet = collector();
    const b = createSimulatorProvider({ answerRate: 1, machineRate: 1, speed: 100, sink: quiet.sink, logger, random: () => 0.5, leadPatienceSeconds: 2 });
    await b.dial(dialer({ detectMachine: false }));
    expect('answeredBy' in (await quiet.next(answered))).toBe(false);
    expect(await quiet.next(isTerminal)).toMatchObject({ status: 'completed', hangupBy: 'lead' });

    const clickToCall = collector();
    const d = createSimulatorProvider({ answerRate: 1, machineRate: 1, speed: 100, sink: clickToCall.sink, logger, random: () => 0.5 });
    await d.dial(dialRequest({ detectMachine: true }));
    expect('answeredBy' in (await clickToCall.next(answered))).toBe(false);
    await clickToCall.next((e) => e.kind === 'transcript');
    for (const s of [a, b, d]) await s.close?.();
  });

  it('narrows a provider to the simulator', () => {
    const sim = createSimulatorProvider({ answerRate: 1, speed: 1, sink: async () => undefined, logger });
    expect(isSimulatorProvider(sim)).toBe(true);
    expect(isSimulatorProvider({ ...sim, name: 'twilio' })).toBe(false);
  });
});

describe('abandon in the simulator', () => {
  // The message takes 7 simulated seconds (70 ms): a bridge or hang-up right after abandon() resolves
  // runs before any timer can fire.
  const waiting = async () => {
    const c = collector();
    const sim = createSimulatorProvider({ answerRate: 1, speed: 100, sink: c.sink, logger, random: () => 0.5 });
    const { providerCallId } = await sim.dial(dialer());
    await c.next(answered);
    return { c, sim, call: { callId: dialer().callId, providerCallId } };
  };

  it('plays the message for as long as it takes to say, then ends the call for the system, and keeps the message', async () => {
    const { c, sim, call } = await waiting();
    const startedAt = Date.now();
    await sim.abandon?.(call, MESSAGE);
    // Asked twice (a retry): one message, one end.
    await sim.abandon?.(call, MESSAGE);
    const end = await c.next(isTerminal);
    const played = ((Date.now() - startedAt) / 1000) * 100;
    expect(played).toBeGreaterThanOrEqual(messageSeconds(MESSAGE.text) - 1);
    expect(messageSeconds(MESSAGE.text)).toBe(7); // 14 words
    expect(end).toMatchObject({
      status: 'completed',
      hangupBy: 'system',
      raw: { abandonMessagePlayed: true, abandonMessage: MESSAGE.text },
    });
    expect(end.recordingUrl).toBeUndefined();
    expect(sim.abandonMessages()).toEqual([{ callId: call.callId, text: MESSAGE.text, language: 'en' }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.events.filter(isTerminal)).toHaveLength(1);
    expect(c.events.some((e) => e.kind === 'transcript')).toBe(false);
    // Over: nothing more to play.
    await sim.abandon?.(call, { text: 'again', language: 'hi' });
    expect(sim.abandonMessages()).toHaveLength(1);
    expect(sim.live()).toBe(0);
    await sim.close?.();
  });

  it('refuses a call not yet answered, already bridged or dialed agent first, and a bridge while the message plays', async () => {
    const refused = async (abandoning: Promise<void> | undefined, message: string) => {
      const err = await abandoning?.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect(err).toMatchObject({ retryable: false });
      expect((err as Error).message).toContain(message);
    };
    const c = collector();
    const ringing = createSimulatorProvider({ answerRate: 0, speed: 1, sink: c.sink, logger });
    const one = await ringing.dial(dialer());
    await refused(ringing.abandon?.({ callId: dialer().callId, providerCallId: one.providerCallId }, MESSAGE), 'has not answered yet');

    const bridged = await waiting();
    await bridged.sim.bridge?.(bridged.call, { phone: null });
    await refused(bridged.sim.abandon?.(bridged.call, MESSAGE), 'already bridged');

    const d = collector();
    const clickToCall = createSimulatorProvider({ answerRate: 1, speed: 100, sink: d.sink, logger, random: () => 0.5 });
    const two = await clickToCall.dial(dialRequest());
    await d.next(answered);
    await refused(clickToCall.abandon?.({ callId: dialRequest().callId, providerCallId: two.providerCallId }, MESSAGE), 'dialed agent_first');

    const playing = await waiting();
    await playing.sim.abandon?.(playing.call, MESSAGE);
    const err = await playing.sim.bridge?.(playing.call, { phone: null }).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: expect.stringContaining('being given up') });
    for (const s of [ringing, bridged.sim, clickToCall, playing.sim]) await s.close?.();
    expect([ringing, bridged.sim, clickToCall, playing.sim].flatMap((s) => s.abandonMessages())).toEqual([]);
  });

  it('cut short by a hang-up, the call ends for the system without the message counted as played', async () => {
    const { c, sim, call } = await waiting();
    await sim.abandon?.(call, MESSAGE);
    await sim.hangup(call);
    const end = await c.next(isTerminal);
    expect(end).toMatchObject({ status: 'completed', hangupBy: 'system' });
    expect(end.raw.abandonMessagePlayed).toBeUndefined();
    expect(sim.abandonMessages()).toEqual([]);
    await sim.close?.();
  });
});
