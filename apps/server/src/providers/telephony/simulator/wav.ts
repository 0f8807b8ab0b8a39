/**
 * A generated dual-channel recording for simulated calls: 8 kHz 16-bit PCM WAV, lead on
 * channel 1 and agent on channel 2 (TeleHub's order, as its Twilio recordings have it), voiced
 * where each speaker talks (a buzz shaped like speech syllables), quiet noise elsewhere.
 * Deterministic for a given seed.
 */
import { seededRandom } from '../../../platform/random.js';
import { wavHeader } from '../../../platform/wav.js';
export type Turn = { speaker: 'agent' | 'lead'; startMs: number; endMs: number };

const RATE = 8000;

export function dualChannelWav(seconds: number, turns: Turn[], seed: number): Buffer {
  const frames = Math.max(1, Math.round(seconds * RATE));
  const dataBytes = frames * 4;
  const buf = Buffer.alloc(44 + dataBytes);
  wavHeader(dataBytes, RATE, 2).copy(buf, 0);
  const rand = seededRandom(seed);
  const pitch = { agent: 210, lead: 140 };
  for (let ch = 0; ch < 2; ch++) {
    const speaker = ch === 0 ? 'lead' : 'agent';
    const mine = turns.filter((t) => t.speaker === speaker);
    for (let i = 0; i < frames; i++) {
      const ms = (i / RATE) * 1000;
      const talking = mine.some((t) => ms >= t.startMs && ms < t.endMs);
      let v = (rand() - 0.5) * 300;
      if (talking) {
        // Syllables of 200 ms with 200 ms between them: an envelope over a voiced tone with two harmonics.
        const env = Math.max(0, Math.sin((Math.PI * ms) / 200)) ** 2;
        const t = i / RATE;
        v += env * 7000 * (Math.sin(2 * Math.PI * pitch[speaker] * t) + 0.4 * Math.sin(4 * Math.PI * pitch[speaker] * t));
      }
      buf.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v))), 44 + i * 4 + ch * 2);
    }
  }
  return buf;
}
