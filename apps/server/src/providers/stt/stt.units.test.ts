/** The pieces under the speech adapters: mu-law and WAV as vendors read them, the timeline, and the energy detector on synthetic sound. */
import { describe, expect, it } from 'vitest';
import { AudioTimeline, frameDbfs, linearToMulaw, mulawToPcm, parseWav, pcmToMulaw, wavFile } from './audio.js';
import { EnergyVad, type Utterance } from './openai/vad.js';

const RATE = 8000;
/** A vowel-like tone (200 Hz with harmonics) at about -20 dBFS, `ms` long. */
const voice = (ms: number) =>
  Int16Array.from({ length: (RATE * ms) / 1000 }, (_, i) => 3000 * (Math.sin((2 * Math.PI * 200 * i) / RATE) + 0.5 * Math.sin((2 * Math.PI * 400 * i) / RATE)));
const hiss = (ms: number, amplitude = 20) => Int16Array.from({ length: (RATE * ms) / 1000 }, (_, i) => ((i * 7919) % (2 * amplitude)) - amplitude);
const join = (...parts: Int16Array[]) => {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('audio', () => {
  it('decodes G.711 mu-law as the standard does, and encodes it back', () => {
    // 0xFF and 0x7F are the two zeros; 0x80 and 0x00 the extremes.
    expect([...mulawToPcm(Uint8Array.from([0xff, 0x7f, 0x80, 0x00]))]).toEqual([0, 0, 32124, -32124]);
    const samples = Int16Array.from([0, 100, -100, 1000, -1000, 8000, -8000, 32000, -32000]);
    const back = mulawToPcm(pcmToMulaw(samples));
    for (const [i, s] of samples.entries()) expect(Math.abs((back[i] ?? 0) - s)).toBeLessThanOrEqual(Math.max(8, Math.abs(s) / 16));
    expect(linearToMulaw(0)).toBe(0xff);
  });

  it('writes WAV files a strict reader accepts, and refuses broken ones', () => {
    const file = wavFile(voice(100), RATE);
    expect(parseWav(file)).toMatchObject({ format: 1, channels: 1, sampleRate: 8000, byteRate: 16000, blockAlign: 2, bitsPerSample: 16 });
    expect(parseWav(file).data.length).toBe(1600);
    expect(() => parseWav(file.subarray(0, 40))).toThrow();
    const lying = Buffer.from(file);
    lying.writeUInt32LE(999_999, 40);
    expect(() => parseWav(lying)).toThrow(/runs past/);
  });

  it('maps an engine’s clock to stream time across skipped audio', () => {
    const tl = new AudioTimeline(RATE);
    tl.append(8000, 0); // 0-1000 ms
    tl.append(8000, 3000); // 1 s of audio skipped: engine 1000-2000 is stream 3000-4000
    tl.append(800, null); // padding
    tl.append(8000, 5000);
    expect(tl.toStreamMs(500)).toBe(500);
    expect(tl.toStreamMs(1500)).toBe(3500);
    expect(tl.toStreamMs(2150)).toBe(5050);
    expect(frameDbfs(new Int16Array(160))).toBe(-120);
  });
});

describe('energy voice activity detector', () => {
  const run = (audio: Int16Array, opts = {}) => {
    const out: Utterance[] = [];
    const vad = new EnergyVad({ sampleRate: RATE, ...opts }, (u) => out.push(u));
    // In 20 ms frames as Twilio sends them, and one odd-sized piece to check the carry-over.
    vad.push(audio.subarray(0, 77));
    for (let i = 77; i < audio.length; i += 160) vad.push(audio.subarray(i, i + 160));
    vad.flush();
    return out;
  };

  it('finds each utterance over a noisy line, with its edges, and ends it after the hangover', () => {
    const out = run(join(hiss(1000, 60), voice(1200), hiss(300, 60), voice(400), hiss(1500, 60), voice(800), hiss(1000, 60)));
    // The 300 ms pause is inside the first utterance (hangover 500 ms); the 1.5 s one separates.
    expect(out.map((u) => [u.startMs, u.endMs])).toEqual([
      [1000, 2900],
      [4400, 5200],
    ]);
    expect(out[0]?.decidedAtMs).toBe(3400);
    // The audio sent holds the pre-roll and a short tail.
    expect(out[0]?.samples.length).toBe(((1900 + 200 + 100) * RATE) / 1000);
  });

  it('drops clicks shorter than the minimum, and cuts speech longer than the maximum', () => {
    expect(run(join(hiss(500), voice(120), hiss(1500)))).toEqual([]);
    // Twelve syllables of 300 ms with 100 ms between them, from 500 ms: cut every 2 s.
    const syllables = Array.from({ length: 12 }, () => [voice(300), hiss(100)]).flat();
    const long = run(join(hiss(500), ...syllables, hiss(1000)), { maxUtteranceMs: 2000 });
    expect(long.map((u) => [u.startMs, u.endMs])).toEqual([
      [500, 2400],
      [2500, 4400],
      [4500, 5200],
    ]);
  });

  it('raises its floor under a loud steady hum, so the hum is not speech but a voice above it is', () => {
    const hum = Int16Array.from({ length: RATE * 3 }, (_, i) => 400 * Math.sin((2 * Math.PI * 50 * i) / RATE));
    const withVoice = join(
      hum,
      Int16Array.from(voice(800), (v, i) => v + (hum[i] ?? 0)),
      hum,
    );
    const out = run(withVoice);
    expect(out.map((u) => [u.startMs, u.endMs])).toEqual([[3000, 3800]]);
  });
});
