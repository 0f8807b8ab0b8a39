/**
 * What a call's dual-channel recording says by itself, before any words: when each side spoke,
 * and from that the talk/listen ratio, the longest monologue, dead air, interruptions and the
 * speaking rate. Channel 1 is the lead and channel 2 the agent (TeleHub's order; recordings made
 * in another order are mapped to it before they get here).
 *
 * Speech is found per channel by a frame energy detector that sees the whole recording at once:
 * each 20 ms frame's power against the line's own noise floor (a low percentile of the channel's
 * frames, so a loud hiss or a quiet line both work), voiced `marginDb` above it; the short dips
 * between syllables and words are bridged, and blips shorter than a syllable dropped. The speaking
 * rate counts syllable nuclei: peaks of the smoothed energy inside speech, each a few dB above the
 * dips either side of it (the method of de Jong and Wempe, on energy alone).
 */

import { parseWav, wavChannels } from '../../providers/stt/audio.js';

export type Segment = { startMs: number; endMs: number };

export type ChannelSpeech = {
  segments: Segment[];
  /** Syllable nuclei found in the speech. */
  syllables: number;
};

export type SpeechOptions = {
  /** dB above the noise floor that counts as voice. Default 10. */
  marginDb?: number;
  /** Below this nothing is voice. Default -50 dBFS. */
  minDbfs?: number;
  /** Silences shorter than this inside speech are bridged (between syllables and words). Default 300 ms. */
  bridgeMs?: number;
  /** Speech shorter than this is dropped (clicks, a breath). Default 120 ms. */
  minSpeechMs?: number;
  /** On a dual-channel recording, a frame this much quieter than the other channel is its echo. Default 25 dB. */
  echoDb?: number;
};

const FRAME_MS = 10;

/** Per-frame power in dBFS of 16-bit samples. */
function framePower(samples: Int16Array, sampleRate: number): Float64Array {
  const size = Math.max(1, Math.round((sampleRate * FRAME_MS) / 1000));
  const frames = Math.floor(samples.length / size);
  const out = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    let mean = 0;
    for (let i = f * size; i < (f + 1) * size; i++) mean += samples[i] ?? 0;
    mean /= size;
    for (let i = f * size; i < (f + 1) * size; i++) {
      const v = (samples[i] ?? 0) - mean;
      sum += v * v;
    }
    out[f] = 10 * Math.log10(sum / size / (32768 * 32768) + 1e-12);
  }
  return out;
}

function percentile(values: Float64Array, q: number): number {
  if (values.length === 0) return -120;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? -120;
}

/**
 * When each side of a dual-channel recording speaks, and how many syllables each said. A frame
 * far quieter than the other channel at the same moment is that side's echo on this line, not
 * speech: a real overlap is rarely `echoDb` quieter than the voice it talks over.
 */
export function speechOfCall(
  lead: Int16Array,
  agent: Int16Array,
  sampleRate: number,
  options: SpeechOptions = {},
): { lead: ChannelSpeech; agent: ChannelSpeech } {
  const powers = [framePower(lead, sampleRate), framePower(agent, sampleRate)] as const;
  const echo = options.echoDb ?? 25;
  const [l, a] = powers.map((own, c) => {
    const other = powers[1 - c] as Float64Array;
    return speech(own, (f) => (own[f] ?? -120) > (other[f] ?? -120) - echo, options);
  });
  return { lead: l as ChannelSpeech, agent: a as ChannelSpeech };
}

/** When one channel has speech, and how many syllables it holds. */
export function speechOf(samples: Int16Array, sampleRate: number, options: SpeechOptions = {}): ChannelSpeech {
  return speech(framePower(samples, sampleRate), () => true, options);
}

function speech(power: Float64Array, own: (frame: number) => boolean, options: SpeechOptions): ChannelSpeech {
  const margin = options.marginDb ?? 10;
  const minDbfs = options.minDbfs ?? -50;
  const bridge = Math.round((options.bridgeMs ?? 300) / FRAME_MS);
  const minSpeech = Math.round((options.minSpeechMs ?? 120) / FRAME_MS);
  // The floor: the quieter frames of the channel are its line noise (a side that speaks all the time still pauses between syllables).
  const floor = percentile(power, 0.1);
  const threshold = Math.max(minDbfs, floor + margin);
  const voiced = Array.from(power, (p, f) => p > threshold && own(f));
  // Bridge short dips, then drop short blips.
  const runs: [number, number][] = [];
  let start = -1;
  let last = -1;
  for (let f = 0; f < voiced.length; f++) {
    if (!voiced[f]) continue;
    if (start >= 0 && f - last - 1 <= bridge) last = f;
    else {
      if (start >= 0) runs.push([start, last]);
      start = f;
      last = f;
    }
  }
  if (start >= 0) runs.push([start, last]);
  const kept = runs.filter(([a, b]) => b - a + 1 >= minSpeech);
  return {
    segments: kept.map(([a, b]) => ({ startMs: a * FRAME_MS, endMs: (b + 1) * FRAME_MS })),
    syllables: kept.reduce((n, [a, b]) => n + nuclei(power, a, b, threshold), 0),
  };
}

/** Syllable nuclei between frames a and b: peaks of the smoothed power (30 ms) standing out of the dips around them. */
function nuclei(power: Float64Array, a: number, b: number, threshold: number): number {
  const smooth: number[] = [];
  for (let f = a; f <= b; f++) {
    let s = 0;
    let n = 0;
    for (let k = Math.max(a, f - 1); k <= Math.min(b, f + 1); k++) {
      s += power[k] ?? -120;
      n++;
    }
    smooth.push(s / n);
  }
  // A nucleus: the contour rises DIP_DB over the last dip (the speech's start counts as one at the
  // threshold) to a peak above the threshold; the next needs a fall of DIP_DB first.
  const DIP_DB = 2;
  let count = 0;
  let armed = true;
  let ref = threshold;
  for (const v of smooth) {
    if (armed) {
      ref = Math.min(ref, v);
      if (v - ref >= DIP_DB) {
        count++;
        armed = false;
        ref = v;
      }
    } else {
      ref = Math.max(ref, v);
      if (ref - v >= DIP_DB) {
        armed = true;
        ref = v;
      }
    }
  }
  return count;
}

export type AudioMeasures = {
  durationSeconds: number;
  talkSeconds: { lead: number; agent: number };
  /** The agent's share of the speech, 0..1 (null when nobody spoke). */
  talkRatio: number | null;
  longestMonologue: { seconds: number; by: 'lead' | 'agent' | null };
  /** Silences of both sides longer than the dead-air threshold, between the first and the last speech, summed. */
  deadAirSeconds: number;
  /** Overlaps each side started: they began to speak while the other was speaking, and the other went on. */
  interruptions: { lead: number; agent: number };
  /** Syllables per second of speech. */
  speakingRate: { lead: number | null; agent: number | null };
  timeline: { lead: Segment[]; agent: Segment[] };
};

/** Dead air is a silence of both sides longer than this. */
export const DEAD_AIR_MS = 3000;
/** An overlap shorter than this is a backchannel ("haan", "okay"), not an interruption. */
const INTERRUPTION_MS = 500;
/** A monologue ends when the other side speaks or the line goes quiet this long. */
const MONOLOGUE_BREAK_MS = DEAD_AIR_MS;

const total = (segments: Segment[]) => segments.reduce((s, g) => s + (g.endMs - g.startMs), 0);

/** Union of both sides' speech, merged. */
function union(a: Segment[], b: Segment[]): Segment[] {
  const all = [...a, ...b].sort((x, y) => x.startMs - y.startMs);
  const out: Segment[] = [];
  for (const s of all) {
    const prev = out[out.length - 1];
    if (prev && s.startMs <= prev.endMs) prev.endMs = Math.max(prev.endMs, s.endMs);
    else out.push({ ...s });
  }
  return out;
}

function interruptionsBy(mine: Segment[], theirs: Segment[]): number {
  let n = 0;
  for (const s of mine) {
    // They were speaking when I began, and kept on for a while over me.
    if (theirs.some((t) => t.startMs < s.startMs && t.endMs - s.startMs >= INTERRUPTION_MS && s.endMs - s.startMs >= INTERRUPTION_MS)) n++;
  }
  return n;
}

function longestMonologue(mine: Segment[], theirs: Segment[]): number {
  let best = 0;
  let from = -1;
  let to = -1;
  for (const s of mine) {
    const interrupted = from >= 0 && (s.startMs - to > MONOLOGUE_BREAK_MS || theirs.some((t) => t.startMs < s.startMs && t.endMs > to));
    if (from < 0 || interrupted) {
      from = s.startMs;
      to = s.endMs;
    } else to = Math.max(to, s.endMs);
    best = Math.max(best, to - from);
  }
  return best;
}

export function measure(lead: ChannelSpeech, agent: ChannelSpeech, durationMs: number): AudioMeasures {
  const leadMs = total(lead.segments);
  const agentMs = total(agent.segments);
  const spoken = union(lead.segments, agent.segments);
  let deadAir = 0;
  for (let i = 1; i < spoken.length; i++) {
    const gap = (spoken[i]?.startMs ?? 0) - (spoken[i - 1]?.endMs ?? 0);
    if (gap > DEAD_AIR_MS) deadAir += gap;
  }
  const leadMono = longestMonologue(lead.segments, agent.segments);
  const agentMono = longestMonologue(agent.segments, lead.segments);
  const rate = (c: ChannelSpeech, ms: number) => (ms >= 1000 ? Math.round((c.syllables / (ms / 1000)) * 100) / 100 : null);
  const seconds = (ms: number) => Math.round(ms / 10) / 100;
  return {
    durationSeconds: seconds(durationMs),
    talkSeconds: { lead: seconds(leadMs), agent: seconds(agentMs) },
    talkRatio: leadMs + agentMs > 0 ? Math.round((agentMs / (leadMs + agentMs)) * 1000) / 1000 : null,
    longestMonologue: {
      seconds: seconds(Math.max(leadMono, agentMono)),
      by: leadMono === 0 && agentMono === 0 ? null : agentMono >= leadMono ? 'agent' : 'lead',
    },
    deadAirSeconds: seconds(deadAir),
    interruptions: { lead: interruptionsBy(lead.segments, agent.segments), agent: interruptionsBy(agent.segments, lead.segments) },
    speakingRate: { lead: rate(lead, leadMs), agent: rate(agent, agentMs) },
    timeline: { lead: lead.segments, agent: agent.segments },
  };
}

/** Which channel holds which side: TeleHub's order is the lead first; a provider recording the other way round is mapped. */
export type ChannelOrder = 'lead-agent' | 'agent-lead';

/**
 * The audio measures of a dual-channel WAV recording (16-bit PCM, mu-law or a-law; a file cut short keeps what is there).
 * The analysis runs it in a worker thread (platform/workers), the file moved there: it may come as plain bytes.
 */
export function measureRecording(file: Uint8Array, order: ChannelOrder = 'lead-agent'): AudioMeasures {
  const bytes = Buffer.isBuffer(file) ? file : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const wav = parseWav(bytes, { lenient: true });
  const channels = wavChannels(wav);
  if (channels.length !== 2) throw new Error(`a recording with ${channels.length} channel(s): the two sides cannot be told apart`);
  const [first, second] = channels as [Int16Array, Int16Array];
  const [lead, agent] = order === 'lead-agent' ? [first, second] : [second, first];
  const speech = speechOfCall(lead, agent, wav.sampleRate);
  return measure(speech.lead, speech.agent, (lead.length / wav.sampleRate) * 1000);
}
