/** The simulator on its own: outcomes by answer rate, timed transcript, hang-ups, recordings. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logging.js';
import { type DialRequest, ProviderError } from '../telephony.port.js';
import { CONVERSATIONS } from './conversations.js';
import { createSimulatorProvider } from './simulator.provider.js';
import { collector, dialRequest, isTerminal } from './testing/sim-events.js';

const logger = createLogger({ level: 'silent' });
const req = dialRequest;
const terminal = isTerminal;

describe('the simulator provider', () => {
  it('rings, answers, speaks the conversation in order and ends with a recording', async () => {
    const c = collector();
    const sim = createSimulatorProvider({ answerRate: 1, speed: 200, sink: c.sink, logger });
    const { providerCallId } = await sim.dial(req({ leadLanguage: 'en' }));
    expect(providerCallId).toMatch(/^SIM[0-9a-f]{24}$/);
    const end = await c.next(terminal);
    expect(end).toMatchObject({ status: 'completed', providerCallId, callId: req().callId, recordingStatus: 'completed' });
    expect(['lead', 'agent']).toContain(end.hangupBy);
    const statuses = c.events.filter((e) => e.kind === 'status').map((e) => e.status);
    expect(statuses).toEqual(['ringing', 'in_progress', 'completed']);
    const lines = c.events.filter((e) => e.kind === 'transcript').map((e) => e.segment);
    const english = CONVERSATIONS.find((x) => x.language === 'en');
    // Talk time is at least 25 s: the lines said by then (at 1, 7, 12 and 20 s), and more on a longer call.
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.map((l) => l?.text)).toEqual(english?.lines.slice(0, lines.length).map((l) => l.text));
    expect(lines.map((l) => l?.seq)).toEqual(lines.map((_, i) => i));
    // Every event has its own id, so ingestion stores each once.
    expect(new Set(c.events.map((e) => e.providerEventId)).size).toBe(c.events.length);

    const audio = await sim.fetchRecording({ callId: req().callId, providerCallId, recordingUrl: end.recordingUrl ?? '' });
    expect(audio.contentType).toBe('audio/wav');
    expect(audio.body.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(audio.body.readUInt16LE(22)).toBe(2); // dual channel
    expect(audio.body.readUInt32LE(24)).toBe(8000);
    const seconds = Number(new URL(end.recordingUrl ?? '').searchParams.get('seconds'));
    expect(audio.body.length).toBe(44 + seconds * 8000 * 4);
    // The same link gives the same audio (it is generated from the link alone).
    expect((await sim.fetchRecording({ callId: req().callId, providerCallId, recordingUrl: end.recordingUrl ?? '' })).body.equals(audio.body)).toBe(true);
    await sim.close?.();
  });

  it('lets an unanswered call ring out, be busy or fail, without a recording', async () => {
    const outcomes = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const c = collector();
      const sim = createSimulatorProvider({ answerRate: 0, speed: 1000, sink: c.sink, logger });
      await sim.dial(req({ ringTimeoutSeconds: 20 }));
      const end = await c.next(terminal);
      expect(end.recordingUrl).toBeUndefined();
      expect(c.events.some((e) => e.kind === 'transcript' || e.status === 'in_progress')).toBe(false);
      outcomes.add(end.status ?? '');
      await sim.close?.();
    }
    expect([...outcomes].every((o) => ['no_answer', 'busy', 'failed'].includes(o))).toBe(true);
    expect(outcomes.has('no_answer')).toBe(true);
  });

  it('hangs up: canceled before the answer, completed by the agent after', async () => {
    const a = collector();
    const ringing = createSimulatorProvider({ answerRate: 0, speed: 1, sink: a.sink, logger });
    const one = await ringing.dial(req());
    await ringing.hangup({ callId: req().callId, providerCallId: one.providerCallId });
    expect(await a.next(terminal)).toMatchObject({ status: 'canceled', hangupBy: 'agent' });
    expect(ringing.live()).toBe(0);

    const b = collector();
    const talking = createSimulatorProvider({ answerRate: 1, speed: 20, sink: b.sink, logger, random: () => 0.01 });
    const two = await talking.dial(req({ leadLanguage: 'hi' }));
    await b.next((e) => e.status === 'in_progress');
    await talking.hangup({ callId: req().callId, providerCallId: two.providerCallId });
    const end = await b.next(terminal);
    expect(end).toMatchObject({ status: 'completed', hangupBy: 'agent' });
    // Nothing more arrives after the end.
    const count = b.events.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(b.events.length).toBe(count);
    // Hanging up a call that is over is harmless.
    await talking.hangup({ callId: req().callId, providerCallId: two.providerCallId });
    await ringing.close?.();
    await talking.close?.();
  });

  it('refuses a recording link that is not its own', async () => {
    const sim = createSimulatorProvider({ answerRate: 1, speed: 1, sink: async () => undefined, logger });
    await expect(sim.fetchRecording({ callId: 'x', providerCallId: 'y', recordingUrl: 'https://example.org/a.wav' })).rejects.toThrow(
      'not a simulator recording',
    );
  });
});

describe('the simulator, lead first', () => {
  const leadFirst = (over: Partial<DialRequest> = {}) => req({ ...over, mode: 'lead_first', agentPhone: null });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const callOf = (providerCallId: string) => ({ callId: req().callId, providerCallId });
  /** The provider's bridge, failing the test when there is none. */
  const bridgeOf = (sim: ReturnType<typeof createSimulatorProvider>) => {
    const bridge = sim.bridge?.bind(sim);
    if (!bridge) throw new Error('the simulator has no bridge()');
    return bridge;
  };

  it('places both modes', () => {
    const sim = createSimulatorProvider({ answerRate: 1, speed: 1, sink: async () => undefined, logger });
    expect(sim.dialModes).toEqual(['agent_first', 'lead_first']);
    expect(typeof sim.bridge).toBe('function');
  });

  it('reports the answer and waits: the conversation, its talk time and recording start at the bridge', async () => {
    const c = collector();
    // random 0.5: answered after 7.5 s of ringing, English, 42 s of talk.
    const sim = createSimulatorProvider({ answerRate: 1, speed: 100, sink: c.sink, logger, random: () => 0.5, leadPatienceSeconds: 600 });
    const { providerCallId } = await sim.dial(leadFirst());
    await c.next((e) => e.status === 'in_progress');
    // 30 simulated seconds in which an agent_first call would have spoken five lines.
    await sleep(300);
    expect(c.events.filter((e) => e.kind === 'transcript')).toHaveLength(0);
    expect(c.events.filter(terminal)).toHaveLength(0);

    const bridgedAt = Date.now();
    await bridgeOf(sim)(callOf(providerCallId), { phone: null });
    const end = await c.next(terminal);
    expect(end).toMatchObject({ status: 'completed', recordingStatus: 'completed' });
    expect(['lead', 'agent']).toContain(end.hangupBy);
    expect(c.events.filter((e) => e.kind === 'status').map((e) => e.status)).toEqual(['ringing', 'in_progress', 'completed']);
    const lines = c.events.filter((e) => e.kind === 'transcript');
    const english = CONVERSATIONS.find((x) => x.language === 'en');
    expect(lines.map((l) => l.segment?.text)).toEqual(english?.lines.slice(0, lines.length).map((l) => l.text));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const l of lines) expect(l.occurredAt.getTime()).toBeGreaterThanOrEqual(bridgedAt);
    // 42 s of talk, not the 72 s since the answer.
    const seconds = Number(new URL(end.recordingUrl ?? '').searchParams.get('seconds'));
    expect(seconds).toBeGreaterThanOrEqual(41);
    expect(seconds).toBeLessThan(65); // generous for a busy machine; the wait would add 30
    await sim.close?.();
  });

  it('lets a lead nobody is bridged to hang up after leadPatienceSeconds, without a recording', async () => {
    for (const patience of [undefined, 4]) {
      const c = collector();
      const sim = createSimulatorProvider({ answerRate: 1, speed: 100, sink: c.sink, logger, random: () => 0.5, leadPatienceSeconds: patience });
      await sim.dial(leadFirst());
      await c.next((e) => e.status === 'in_progress');
      const answeredAt = Date.now();
      const end = await c.next(terminal);
      const waited = ((Date.now() - answeredAt) / 1000) * 100;
      expect(waited).toBeGreaterThanOrEqual((patience ?? 15) - 1);
      expect(waited).toBeLessThan((patience ?? 15) + 20);
      expect(end).toMatchObject({ status: 'completed', hangupBy: 'lead' });
      expect(end.recordingUrl).toBeUndefined();
      expect(c.events.some((e) => e.kind === 'transcript')).toBe(false);
      expect(sim.live()).toBe(0);
      await sim.close?.();
    }
  });

  it('bridges once: a second bridge changes nothing', async () => {
    const c = collector();
    const sim = createSimulatorProvider({ answerRate: 1, speed: 100, sink: c.sink, logger, random: () => 0.5 });
    const { providerCallId } = await sim.dial(leadFirst());
    await c.next((e) => e.status === 'in_progress');
    const bridgedAt = Date.now();
    await bridgeOf(sim)(callOf(providerCallId), { phone: null });
    await c.next((e) => e.kind === 'transcript');
    await bridgeOf(sim)(callOf(providerCallId), { phone: '+919800000003' });
    await c.next(terminal);
    const transcript = c.events.filter((e) => e.kind === 'transcript');
    for (const l of transcript) expect(l.occurredAt.getTime()).toBeGreaterThanOrEqual(bridgedAt);
    const lines = transcript.map((e) => e.segment?.seq);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines).toEqual(lines.map((_, i) => i));
    expect(c.events.filter((e) => e.kind === 'status').map((e) => e.status)).toEqual(['ringing', 'in_progress', 'completed']);
    await sim.close?.();
  });

  it('refuses to bridge a call that is unknown, over, still ringing or dialed agent first', async () => {
    const c = collector();
    const sim = createSimulatorProvider({ answerRate: 1, speed: 100, sink: c.sink, logger, random: () => 0.5, leadPatienceSeconds: 1 });
    const refused = async (providerCallId: string, message: string) => {
      const err = await bridgeOf(sim)(callOf(providerCallId), { phone: null }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect(err).toMatchObject({ retryable: false });
      expect((err as Error).message).toContain(message);
    };
    await refused('SIMnotacall', 'no live call SIMnotacall');

    const ringing = await sim.dial(leadFirst());
    await refused(ringing.providerCallId, 'has not answered yet');
    await c.next((e) => e.providerCallId === ringing.providerCallId && terminal(e));
    await refused(ringing.providerCallId, 'has ended');

    const clickToCall = await sim.dial(req());
    await c.next((e) => e.providerCallId === clickToCall.providerCallId && e.status === 'in_progress');
    await refused(clickToCall.providerCallId, 'dialed agent_first');
    await sim.close?.();
  });

  it('hangs up for the system before the bridge, for the agent after it', async () => {
    const a = collector();
    const waiting = createSimulatorProvider({ answerRate: 1, speed: 100, sink: a.sink, logger, random: () => 0.5 });
    const one = await waiting.dial(leadFirst());
    await a.next((e) => e.status === 'in_progress');
    await waiting.hangup(callOf(one.providerCallId));
    const given = await a.next(terminal);
    expect(given).toMatchObject({ status: 'completed', hangupBy: 'system' });
    expect(given.recordingUrl).toBeUndefined();

    const b = collector();
    const ringing = createSimulatorProvider({ answerRate: 0, speed: 1, sink: b.sink, logger });
    const two = await ringing.dial(leadFirst());
    await ringing.hangup(callOf(two.providerCallId));
    expect(await b.next(terminal)).toMatchObject({ status: 'canceled', hangupBy: 'system' });

    const d = collector();
    const talking = createSimulatorProvider({ answerRate: 1, speed: 100, sink: d.sink, logger, random: () => 0.5 });
    const three = await talking.dial(leadFirst());
    await d.next((e) => e.status === 'in_progress');
    await bridgeOf(talking)(callOf(three.providerCallId), { phone: null });
    await d.next((e) => e.kind === 'transcript');
    await talking.hangup(callOf(three.providerCallId));
    expect(await d.next(terminal)).toMatchObject({ status: 'completed', hangupBy: 'agent', recordingStatus: 'completed' });
    for (const s of [waiting, ringing, talking]) await s.close?.();
  });
});
