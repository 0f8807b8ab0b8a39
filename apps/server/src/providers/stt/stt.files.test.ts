/**
 * Finished calls' recordings through each engine that transcribes files, against the vendors'
 * stand-ins (which check the request as the vendor does and hear the audio): generated two-channel
 * recordings whose speech is known, so each utterance must come back on its speaker's channel at
 * its time in the file. Also what the engine does when the vendor refuses or fails.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logging.js';
import { generateCall, type Span, whereInCall } from '../../test/recordings.js';
import { createDeepgramProvider } from './deepgram/deepgram.stt.js';
import { DeepgramStandin } from './deepgram/testing/deepgram-standin.js';
import { createOpenAiSttProvider } from './openai/openai.stt.js';
import { OpenAiSttStandin } from './openai/testing/openai-standin.js';
import { createSimulatorStt } from './simulator/simulator.stt.js';
import { SttError, type SttResult } from './stt.port.js';

const logger = createLogger({ level: 'silent' });

async function failure(p: Promise<unknown>): Promise<SttError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof SttError)) throw new Error(`expected an SttError, got ${String(err)}`);
  return err;
}

/** The truth span a result starts at and the one it ends at (an utterance may run over a short pause between phrases). */
function spansOf(r: SttResult, truth: Span[], tolerance: number) {
  const first = truth.findIndex((s) => Math.abs(s.startMs - r.startMs) <= tolerance);
  const last = truth.findIndex((s) => Math.abs(s.endMs - r.endMs) <= tolerance);
  return { first, last };
}

describe('Deepgram pre-recorded', () => {
  let dg: DeepgramStandin;
  beforeAll(async () => {
    dg = await new DeepgramStandin().start();
  });
  afterAll(async () => dg?.stop());
  beforeEach(() => {
    dg.script = [[], []];
    dg.failNext = [];
    dg.files.length = 0;
    dg.refused.length = 0;
  });
  const provider = (apiKey = dg.apiKey) =>
    createDeepgramProvider({ apiKey, baseUrl: dg.url, model: 'nova-3', endpointingMs: 300, logger, files: { backoffMs: 20, retries: 3 } });

  it('posts the WAV as documented and answers each channel’s utterances at their time in the file', async () => {
    const g = generateCall(4, { seconds: 40 });
    dg.script = [g.truth.lead.map((_, i) => ({ text: `Lead line ${i}.` })), g.truth.agent.map((_, i) => ({ text: `Agent line ${i}.` }))];
    const results = await provider().transcribeFile?.(g.wav, { language: 'en', label: 'call-1' });
    expect(dg.refused).toEqual([]);
    expect(dg.files).toHaveLength(1);
    const [file] = dg.files;
    expect(Object.fromEntries(file?.query ?? [])).toEqual({
      model: 'nova-3',
      multichannel: 'true',
      utterances: 'true',
      punctuate: 'true',
      smart_format: 'true',
      language: 'en',
    });
    expect(file?.contentType).toBe('audio/wav');
    expect(file).toMatchObject({ channels: 2, sampleRate: 8000 });

    // Every line the stand-in said comes back once, on its channel, in order, at its time.
    const heard = file?.utterances ?? [];
    expect(heard.length).toBeGreaterThanOrEqual(g.truth.lead.length / 2 + g.truth.agent.length / 2);
    expect(results?.map((r) => [r.channel, r.text])).toEqual([...heard].sort((a, b) => a.startMs - b.startMs).map((u) => [u.channel, u.text]));
    for (const r of results ?? []) {
      expect(r.final).toBe(true);
      expect(r.language).toBe('en');
      const truth = r.channel === 0 ? g.truth.lead : g.truth.agent;
      const { first, last } = spansOf(r, truth, 120);
      expect(first, `${r.text} at ${r.startMs}`).toBeGreaterThanOrEqual(0);
      expect(last, `${r.text} ending ${r.endMs}`).toBeGreaterThanOrEqual(first);
      // Each channel's lines come back in the order they were said.
      expect(r.text).toBe(`${r.channel === 0 ? 'Lead' : 'Agent'} line ${heard.filter((u) => u.channel === r.channel && u.startMs < r.startMs - 1).length}.`);
    }
    expect(results?.map((r) => r.startMs)).toEqual([...(results ?? [])].map((r) => r.startMs).sort((a, b) => a - b));
  });

  it('leaves out the channels not asked for, and says the language each utterance was heard in', async () => {
    const g = generateCall(5, { seconds: 30 });
    dg.script = [
      g.truth.lead.map(() => ({ text: 'मुझे सोचना होगा', language: 'hi' })),
      g.truth.agent.map(() => ({ text: 'Sure, take your time.', language: 'en' })),
    ];
    const results = (await provider().transcribeFile?.(g.wav, { language: 'multi', label: 'call-2', channels: [0] })) ?? [];
    expect(dg.files[0]?.query.get('language')).toBe('multi');
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.channel === 0 && r.language === 'hi')).toBe(true);
  });

  it('tries again after 429 (waiting the Retry-After) and 503, then answers', async () => {
    const g = generateCall(6, { seconds: 20 });
    dg.script = [['One.', 'Two.', 'Three.', 'Four.', 'Five.'].map((text) => ({ text })), []];
    dg.failNext = [{ status: 429, retryAfter: '1' }, { status: 503 }];
    const started = Date.now();
    const results = (await provider().transcribeFile?.(g.wav, { language: 'en', label: 'call-3' })) ?? [];
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(dg.refused.map((r) => r.status)).toEqual([429, 503]);
    expect(dg.files).toHaveLength(1);
    expect(results[0]?.text).toBe('One.');
  });

  it('gives up after its retries when Deepgram keeps failing', async () => {
    const g = generateCall(6, { seconds: 10 });
    dg.failNext = Array.from({ length: 10 }, () => ({ status: 500 }));
    const err = await failure(provider().transcribeFile?.(g.wav, { language: 'en', label: 'call-4' }) ?? Promise.resolve());
    expect(err.message).toMatch(/gave up after 4 attempts.*500/);
    expect(dg.refused).toHaveLength(4);
  });

  it('fails at once, with Deepgram’s reason, on a wrong key or a file it cannot decode', async () => {
    const g = generateCall(7, { seconds: 10 });
    const wrongKey = await failure(provider('dg-wrong').transcribeFile?.(g.wav, { language: 'en', label: 'call-5' }) ?? Promise.resolve());
    expect(wrongKey).toMatchObject({ status: 401, retryable: false });
    expect(wrongKey.message).toMatch(/INVALID_AUTH: Invalid credentials/);
    const cut = await failure(provider().transcribeFile?.(g.wav.subarray(0, 40), { language: 'en', label: 'call-6' }) ?? Promise.resolve());
    expect(cut).toMatchObject({ status: 400, retryable: false });
    expect(cut.message).toMatch(/corrupt or unsupported/);
    expect(dg.refused.map((r) => r.status)).toEqual([401, 400]);
  });
});

describe('OpenAI-compatible endpoint, a recording cut into utterances', () => {
  let oa: OpenAiSttStandin;
  beforeAll(async () => {
    oa = await new OpenAiSttStandin().start();
  });
  afterAll(async () => oa?.stop());
  beforeEach(() => {
    oa.requests.length = 0;
    oa.refused.length = 0;
    oa.failNext = [];
    oa.hear = null;
  });
  const provider = (apiKey = oa.apiKey) =>
    createOpenAiSttProvider({ baseUrl: oa.url, apiKey, model: oa.model, logger, vad: {}, backoffMs: 20, fileConcurrency: 3 });

  /**
   * The stand-in hears which stretch of the recording it was sent and answers with the phrase of
   * that side spoken there; audio where that side said nothing (the other side's echo) is noted.
   */
  function knowing(g: ReturnType<typeof generateCall>) {
    const where = whereInCall(g);
    const misheard: string[] = [];
    oa.hear = (samples) => {
      const heard = where(samples);
      if (!heard || heard.phrases.length === 0) {
        misheard.push(heard ? `${heard.side} ${Math.round(heard.startMs)}-${Math.round(heard.endMs)}` : 'audio not in the recording');
        return null;
      }
      return `${heard.side} phrase ${heard.phrases[0]}`;
    };
    return misheard;
  }

  it('sends each side’s utterances, not the other side’s echo, and keeps their time in the recording', async () => {
    // Seed 1 carries the lead loudly enough for its echo to sound on the agent's line.
    const g = generateCall(1, { seconds: 40 });
    const misheard = knowing(g);
    const results = (await provider().transcribeFile?.(g.wav, { language: 'hi', label: 'call-7' })) ?? [];
    expect(oa.refused).toEqual([]);
    expect(misheard).toEqual([]);
    expect(oa.requests.every((r) => r.speech && r.sampleRate === 8000 && r.language === 'hi' && r.model === 'whisper-1')).toBe(true);
    expect(results).toHaveLength(oa.requests.length);
    for (const side of ['lead', 'agent'] as const) {
      const mine = results.filter((r) => r.channel === (side === 'lead' ? 0 : 1));
      expect(mine.length, side).toBeGreaterThan(0);
      for (const r of mine) {
        const { first, last } = spansOf(r, g.truth[side], 100);
        expect(first, `${side} ${r.startMs}`).toBeGreaterThanOrEqual(0);
        expect(last, `${side} ${r.endMs}`).toBeGreaterThanOrEqual(first);
        expect(r.text).toBe(`${side} phrase ${first}`);
        expect(r.language).toBe('hi');
      }
      // Every phrase of the side is in some utterance.
      const covered = new Set(mine.flatMap((r) => g.truth[side].flatMap((s, k) => (s.startMs >= r.startMs - 100 && s.endMs <= r.endMs + 100 ? [k] : []))));
      expect(covered.size, side).toBe(g.truth[side].length);
    }
    expect(results.map((r) => r.startMs)).toEqual(results.map((r) => r.startMs).sort((a, b) => a - b));
  });

  it('transcribes only the channels asked for, and tries a 429 or 500 again', async () => {
    const g = generateCall(3, { seconds: 30 });
    knowing(g);
    oa.failNext = [429, 500];
    const results = (await provider().transcribeFile?.(g.wav, { language: 'multi', label: 'call-8', channels: [1] })) ?? [];
    expect(oa.refused.map((r) => r.status)).toEqual([429, 500]);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.channel === 1 && r.text.startsWith('agent phrase') && r.language === null)).toBe(true);
    // No language field for multi: the endpoint tells.
    expect(oa.requests.every((r) => r.language === null)).toBe(true);
  });

  it('stops on a wrong key, and gives up when the endpoint keeps failing', async () => {
    const g = generateCall(3, { seconds: 20 });
    const wrong = await failure(provider('sk-wrong').transcribeFile?.(g.wav, { language: 'en', label: 'call-9' }) ?? Promise.resolve());
    expect(wrong).toMatchObject({ status: 401, retryable: false });
    // A few requests were in flight when the first refusal came; none after.
    expect(oa.refused.length).toBeLessThanOrEqual(3);
    oa.refused.length = 0;
    oa.failNext = Array.from({ length: 50 }, () => 503);
    const down = await failure(provider().transcribeFile?.(g.wav, { language: 'en', label: 'call-10' }) ?? Promise.resolve());
    expect(down).toMatchObject({ status: 503, retryable: true });
    expect(oa.requests).toHaveLength(0);
  });

  it('refuses a file that is not a WAV recording without sending anything', async () => {
    const err = await failure(provider().transcribeFile?.(Buffer.from('ID3 not a wav file'), { language: 'en', label: 'call-11' }) ?? Promise.resolve());
    expect(err.message).toMatch(/cannot be read/);
    expect(oa.requests).toHaveLength(0);
    expect(oa.refused).toHaveLength(0);
  });
});

describe('the simulator', () => {
  it('transcribes no files: its calls carry their own transcript', () => {
    const stt = createSimulatorStt();
    expect(stt.transcribesFiles).toBe(false);
    expect(stt.transcribeFile).toBeUndefined();
  });
});
