/**
 * Generated call recordings whose speech is known: a conversation of turns, phrases and syllables
 * on two channels (lead on channel 1, agent on channel 2), with the pauses, dead air, overlaps and
 * backchannels real calls have, each side at its own level, over line noise, mains hum and a little
 * echo of the other side. The truth (each phrase's start and end, syllables per side) comes with
 * the audio, so the audio measures can be checked against it.
 */

import { seededRandom as rng } from '../platform/random.js';
import { linearToMulaw, parseWav, wavChannels } from '../providers/stt/audio.js';

export type Span = { startMs: number; endMs: number };

export type GeneratedCall = {
  wav: Buffer;
  sampleRate: number;
  durationMs: number;
  truth: {
    lead: Span[];
    agent: Span[];
    syllables: { lead: number; agent: number };
  };
};

export type CallShape = {
  seconds?: number;
  sampleRate?: 8000 | 16000;
  encoding?: 'pcm' | 'mulaw';
  /** The agent's share of turns' length: longer turns for a talkative agent. Default 0.6. */
  agentWeight?: number;
  /** A noisy line: quieter voices (-12 to -24 dB), louder noise (-55 to -45 dBFS) and echo (-25 dB). */
  noisy?: boolean;
};

type Syllable = { startMs: number; endMs: number };
type Phrase = Span & { syllables: Syllable[] };

/** A phrase of syllables (150-320 ms each) from `at`, about `ms` long. */
function phrase(at: number, ms: number, r: () => number): Phrase {
  const syllables: Syllable[] = [];
  let t = at;
  while (t - at < ms || syllables.length === 0) {
    const len = 150 + r() * 170;
    syllables.push({ startMs: t, endMs: t + len });
    t += len;
    // Between words, now and then a very short gap (still the same phrase).
    if (r() < 0.2) t += 40 + r() * 100;
  }
  const last = syllables[syllables.length - 1] as Syllable;
  return { startMs: at, endMs: last.endMs, syllables };
}

/** A turn: one to four phrases with pauses of 0.45-0.9 s between them. */
function turn(at: number, ms: number, r: () => number): Phrase[] {
  const phrases: Phrase[] = [];
  let t = at;
  const parts = 1 + Math.floor(r() * 4);
  for (let i = 0; i < parts; i++) {
    const p = phrase(t, ms / parts, r);
    phrases.push(p);
    t = p.endMs + 450 + r() * 450;
  }
  return phrases;
}

export function generateCall(seed: number, shape: CallShape = {}): GeneratedCall {
  const r = rng(seed);
  const seconds = shape.seconds ?? 180;
  const rate = shape.sampleRate ?? 8000;
  const agentWeight = shape.agentWeight ?? 0.6;
  const durationMs = seconds * 1000;
  const sides: Record<'lead' | 'agent', Phrase[]> = { lead: [], agent: [] };
  // The agent opens after a second or so; turns alternate.
  let t = 600 + r() * 900;
  let speaker: 'lead' | 'agent' = 'agent';
  while (t < durationMs - 4000) {
    const mean = speaker === 'agent' ? 9000 * agentWeight : 9000 * (1 - agentWeight);
    const ms = Math.max(700, mean * (0.4 + 1.2 * r()));
    const phrases = turn(t, Math.min(ms, durationMs - 1500 - t), r).filter((p) => p.endMs < durationMs - 500);
    if (phrases.length === 0) break;
    sides[speaker].push(...phrases);
    const end = (phrases[phrases.length - 1] as Phrase).endMs;
    // A backchannel from the listener now and then ("haan", "okay"), inside a long turn.
    const listener: 'lead' | 'agent' = speaker === 'agent' ? 'lead' : 'agent';
    if (end - t > 4000 && r() < 0.4) {
      const at = t + 1500 + r() * (end - t - 3000);
      const inside = phrases.find((p) => p.startMs <= at && p.endMs >= at + 400);
      if (inside) sides[listener].push(phrase(at, 250, r));
    }
    // What comes next: a pause, dead air, or the other side starting over the end of this turn.
    const u = r();
    const gap = u < 0.12 ? 3500 + r() * 5000 : u < 0.27 ? -(600 + r() * 900) : 250 + r() * 900;
    t = Math.max(end + gap, t + 300);
    speaker = listener;
  }
  for (const side of ['lead', 'agent'] as const) sides[side].sort((a, b) => a.startMs - b.startMs);
  // Backchannels and overlaps can make a side's phrases touch: merge what overlaps.
  const merged = (ps: Phrase[]) => {
    const out: Phrase[] = [];
    for (const p of ps) {
      const prev = out[out.length - 1];
      if (prev && p.startMs <= prev.endMs) {
        prev.endMs = Math.max(prev.endMs, p.endMs);
        prev.syllables.push(...p.syllables.filter((s) => s.startMs >= (prev.syllables[prev.syllables.length - 1]?.endMs ?? 0)));
      } else out.push({ ...p, syllables: [...p.syllables] });
    }
    return out;
  };
  const lead = merged(sides.lead);
  const agent = merged(sides.agent);

  // The audio: a voiced source under each syllable's envelope, the side's gain, then noise, hum and echo.
  const frames = Math.round((durationMs / 1000) * rate);
  const voice = (phrases: Phrase[], pitch: number, gain: number): Float64Array => {
    const out = new Float64Array(frames);
    for (const p of phrases) {
      for (const s of p.syllables) {
        const from = Math.floor((s.startMs / 1000) * rate);
        const to = Math.min(frames, Math.floor((s.endMs / 1000) * rate));
        const f0 = pitch * (0.85 + 0.3 * r());
        const loud = gain * (0.5 + 0.5 * r());
        for (let i = from; i < to; i++) {
          const x = (i - from) / Math.max(1, to - from);
          // Loud in the vowel, a quarter as loud at the syllable's edges: the dips nuclei are counted by.
          const env = 0.25 + 0.75 * Math.sin(Math.PI * x) ** 2;
          const ph = (2 * Math.PI * f0 * i) / rate;
          out[i] = (out[i] ?? 0) + loud * env * (Math.sin(ph) + 0.5 * Math.sin(2 * ph) + 0.3 * Math.sin(3 * ph) + 0.3 * (r() - 0.5));
        }
      }
    }
    return out;
  };
  const noisy = shape.noisy ?? false;
  const level = () => 10 ** ((noisy ? -12 - r() * 12 : -6 - r() * 18) / 20) * 20000;
  const leadVoice = voice(lead, 110 + r() * 120, level());
  const agentVoice = voice(agent, 110 + r() * 120, level());
  const noiseDb = () => (noisy ? -55 + r() * 10 : -62 + r() * 14);
  const noise = [10 ** (noiseDb() / 20) * 32768, 10 ** (noiseDb() / 20) * 32768];
  const hum = r() < 0.5 ? 10 ** (-55 / 20) * 32768 : 0;
  const echo = 10 ** ((noisy ? -25 : -32) / 20);
  const channels = [leadVoice, agentVoice].map((own, c) => {
    const other = c === 0 ? agentVoice : leadVoice;
    const out = new Int16Array(frames);
    for (let i = 0; i < frames; i++) {
      const n = (noise[c] ?? 0) * Math.sqrt(3) * 2 * (r() - 0.5) + hum * Math.sin((2 * Math.PI * 50 * i) / rate);
      out[i] = Math.max(-32768, Math.min(32767, Math.round((own[i] ?? 0) + echo * (other[i] ?? 0) + n)));
    }
    return out;
  });

  const mulaw = shape.encoding === 'mulaw';
  const width = mulaw ? 1 : 2;
  const dataBytes = frames * 2 * width;
  const header = Buffer.alloc(mulaw ? 58 : 44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(header.length - 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(mulaw ? 18 : 16, 16);
  header.writeUInt16LE(mulaw ? 7 : 1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2 * width, 28);
  header.writeUInt16LE(2 * width, 32);
  header.writeUInt16LE(8 * width, 34);
  // mu-law files carry a cbSize and a fact chunk, as telephone recorders write them.
  if (mulaw) {
    header.writeUInt16LE(0, 36);
    header.write('fact', 38, 'ascii');
    header.writeUInt32LE(4, 42);
    header.writeUInt32LE(frames, 46);
  }
  header.write('data', header.length - 8, 'ascii');
  header.writeUInt32LE(dataBytes, header.length - 4);
  const data = Buffer.alloc(dataBytes);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < 2; c++) {
      const v = channels[c]?.[i] ?? 0;
      if (mulaw) data[i * 2 + c] = linearToMulaw(v);
      else data.writeInt16LE(v, (i * 2 + c) * 2);
    }
  }
  const spans = (ps: Phrase[]) => ps.map((p) => ({ startMs: Math.round(p.startMs), endMs: Math.round(p.endMs) }));
  return {
    wav: Buffer.concat([header, data]),
    sampleRate: rate,
    durationMs,
    truth: {
      lead: spans(lead),
      agent: spans(agent),
      syllables: { lead: lead.reduce((n, p) => n + p.syllables.length, 0), agent: agent.reduce((n, p) => n + p.syllables.length, 0) },
    },
  };
}

export type Heard = {
  side: 'lead' | 'agent';
  startMs: number;
  endMs: number /** Indexes of the side's phrases (truth) the audio overlaps. */;
  phrases: number[];
};

/**
 * For a speech stand-in that must say what was said in a piece of a generated recording: finds
 * where the piece lies (a channel's own samples, as an engine is sent them, match exactly) and
 * which of that side's phrases it overlaps. Null when the samples are not the recording's.
 */
export function whereInCall(g: GeneratedCall): (samples: Int16Array) => Heard | null {
  const channels = wavChannels(parseWav(g.wav));
  const probe = 64;
  return (samples) => {
    if (samples.length < probe) return null;
    for (const [c, channel] of channels.entries()) {
      for (let at = 0; at + samples.length <= channel.length; at++) {
        let same = true;
        for (let i = 0; i < probe && same; i++) same = channel[at + i] === samples[i];
        if (!same) continue;
        const side = c === 0 ? 'lead' : 'agent';
        const startMs = (at / g.sampleRate) * 1000;
        const endMs = startMs + (samples.length / g.sampleRate) * 1000;
        const phrases = g.truth[side].flatMap((s, k) => (s.endMs > startMs && s.startMs < endMs ? [k] : []));
        return { side, startMs, endMs, phrases };
      }
    }
    return null;
  };
}
