/** The audio measures: on hand-made timelines, and on generated recordings whose speech is known. */
import { describe, expect, it } from 'vitest';
import { createWorkerPool, taskModule } from '../../platform/workers/index.js';
import { parseWav, wavChannels } from '../../providers/stt/audio.js';
import { generateCall } from '../../test/recordings.js';
import type * as Audio from './analysis.audio.js';
import { type ChannelSpeech, measure, measureRecording, type Segment, speechOf } from './analysis.audio.js';

const AUDIO = taskModule<typeof Audio>(import.meta.url, './analysis.audio');

const side = (segments: [number, number][], syllables = 0): ChannelSpeech => ({
  segments: segments.map(([a, b]): Segment => ({ startMs: a * 1000, endMs: b * 1000 })),
  syllables,
});

describe('audio measures from a timeline', () => {
  it('counts dead air between the first and the last speech only, in silences over 3 s', () => {
    const m = measure(
      side([[5, 10]]),
      side([
        [12, 20],
        [26, 30],
      ]),
      60_000,
    );
    // 10-12 is a pause (2 s), 20-26 dead air (6 s); 0-5 and 30-60 are before and after the conversation.
    expect(m.deadAirSeconds).toBe(6);
    expect(m.talkSeconds).toEqual({ lead: 5, agent: 12 });
    expect(m.talkRatio).toBeCloseTo(12 / 17, 3);
  });

  it('counts an interruption for the side that starts over the other and holds on, not a short backchannel', () => {
    const agent = side([
      [0, 10],
      [20, 30],
    ]);
    // The lead starts at 8 s while the agent speaks to 10 s (2 s over them), then says "haan" at 25 s for 0.3 s.
    const lead = side([
      [8, 15],
      [25, 25.3],
    ]);
    const m = measure(lead, agent, 40_000);
    expect(m.interruptions).toEqual({ lead: 1, agent: 0 });
  });

  it('takes the longest monologue as one side speaking on, through pauses, until the other speaks', () => {
    const agent = side([
      [0, 10],
      [11, 25],
      [30, 35],
    ]);
    const lead = side([[26, 29]]);
    const m = measure(lead, agent, 40_000);
    expect(m.longestMonologue).toEqual({ seconds: 25, by: 'agent' });
  });

  it('gives no ratio and no rate when nobody spoke', () => {
    const m = measure(side([]), side([]), 10_000);
    expect(m).toMatchObject({ talkRatio: null, deadAirSeconds: 0, longestMonologue: { seconds: 0, by: null }, speakingRate: { lead: null, agent: null } });
  });
});

describe('audio measures from generated recordings', () => {
  const truthOf = (g: ReturnType<typeof generateCall>) =>
    measure({ segments: g.truth.lead, syllables: g.truth.syllables.lead }, { segments: g.truth.agent, syllables: g.truth.syllables.agent }, g.durationMs);

  it('finds who spoke when: talk ratio within 0.03 and dead air within 1 s, in 16-bit and mu-law, 8 and 16 kHz, on clean and noisy lines', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const g = generateCall(seed, {
        encoding: seed % 2 ? 'pcm' : 'mulaw',
        sampleRate: seed % 3 ? 8000 : 16000,
        agentWeight: 0.3 + (seed % 5) * 0.1,
        noisy: seed % 4 === 0,
      });
      const got = measureRecording(g.wav);
      const truth = truthOf(g);
      expect(Math.abs((got.talkRatio ?? 0) - (truth.talkRatio ?? 0)), `seed ${seed} talk ratio`).toBeLessThanOrEqual(0.03);
      expect(Math.abs(got.deadAirSeconds - truth.deadAirSeconds), `seed ${seed} dead air`).toBeLessThanOrEqual(1);
      expect(Math.abs(got.longestMonologue.seconds - truth.longestMonologue.seconds), `seed ${seed} monologue`).toBeLessThanOrEqual(1);
      for (const s of ['lead', 'agent'] as const) {
        expect(Math.abs((got.speakingRate[s] ?? 0) / (truth.speakingRate[s] ?? 1) - 1), `seed ${seed} ${s} rate`).toBeLessThanOrEqual(0.1);
      }
    }
  });

  it("does not take one side's echo on the other line for speech", () => {
    // Seed 2: a loud lead and a quiet agent; the lead's echo on the agent's line is well over its noise floor.
    const g = generateCall(2, { encoding: 'mulaw', agentWeight: 0.5 });
    const wav = parseWav(g.wav, { lenient: true });
    const [lead, agent] = wavChannels(wav) as [Int16Array, Int16Array];
    const truth = truthOf(g);
    const alone = measure(speechOf(lead, wav.sampleRate), speechOf(agent, wav.sampleRate), g.durationMs);
    const paired = measureRecording(g.wav);
    expect(Math.abs((alone.talkRatio ?? 0) - (truth.talkRatio ?? 0))).toBeGreaterThan(0.05);
    expect(Math.abs((paired.talkRatio ?? 0) - (truth.talkRatio ?? 0))).toBeLessThanOrEqual(0.03);
    // A provider that records the agent first is mapped: the same call, the sides swapped back.
    const swapped = Buffer.from(g.wav);
    for (let at = 58; at + 1 < swapped.length; at += 2) [swapped[at], swapped[at + 1]] = [g.wav[at + 1] ?? 0, g.wav[at] ?? 0];
    expect(measureRecording(swapped, 'agent-lead').talkRatio).toBe(paired.talkRatio);
    expect(measureRecording(swapped).talkRatio).toBeCloseTo(1 - (paired.talkRatio ?? 0), 2);
  });

  it('reads a recording cut short, and says why it cannot read one', () => {
    const g = generateCall(3, { seconds: 20 });
    const cut = g.wav.subarray(0, 44 + 8000 * 4 * 5);
    expect(() => parseWav(cut)).toThrow(/does not match/);
    const [lead] = wavChannels(parseWav(cut, { lenient: true }));
    expect(lead?.length).toBe(8000 * 5);
    expect(measureRecording(cut).durationSeconds).toBe(5);
    const mono = Buffer.from(g.wav);
    mono.writeUInt16LE(1, 22);
    expect(() => measureRecording(mono)).toThrow(/1 channel\(s\): the two sides cannot be told apart/);
    const eightBit = Buffer.from(g.wav);
    eightBit.writeUInt16LE(8, 34);
    expect(() => wavChannels(parseWav(eightBit))).toThrow(/format 1 with 8-bit samples is not supported/);
  });
});

describe('audio measures in a worker thread', () => {
  it('are the measures taken on the main thread, from the recording moved to the thread', async () => {
    const pool = createWorkerPool({ size: 1 });
    try {
      const { wav } = generateCall(7, { seconds: 120, encoding: 'mulaw' });
      const here = measureRecording(wav);
      const bytes = new Uint8Array(wav);
      const there = await pool.run(AUDIO, 'measureRecording', [bytes], [bytes.buffer]);
      expect(there).toEqual(here);
      expect(bytes.byteLength).toBe(0);
      // A file that is no recording fails there as here.
      await expect(pool.run(AUDIO, 'measureRecording', [new Uint8Array(64)])).rejects.toThrow('not a RIFF/WAVE file');
    } finally {
      await pool.close();
    }
  });
});
