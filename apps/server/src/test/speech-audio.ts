/**
 * Real speech for the media stream tests: espeak-ng says each line (English or Hindi voice), the
 * audio is resampled to 8 kHz (a windowed-sinc resampler, no sox needed) and laid out as a phone
 * conversation, one track per speaker; then framed as each vendor sends it (Twilio: 20 ms mu-law
 * frames per track; Exotel: ~100 ms 16-bit PCM frames) and played into a socket in real time or
 * faster. Generated at test time into a temporary directory: no audio is kept in the repository.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WebSocket } from 'ws';
import { linear16ToPcm, parseWav, pcmToLinear16, pcmToMulaw } from '../providers/stt/audio.js';
import { soundRegions } from '../providers/stt/testing/speech-checks.js';

export const RATE = 8000;

/** Fails with a clear message when espeak-ng is missing (the speech tests need it; CI installs it). */
export function requireEspeak(): void {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'pipe' });
  } catch {
    throw new Error('espeak-ng is not installed: the speech tests synthesize their audio with it (apt-get install espeak-ng)');
  }
}

/** Band-limited resampling: a Hann-windowed sinc low-pass at the lower Nyquist, evaluated at each output instant. */
export function resample(input: Int16Array, from: number, to: number): Int16Array {
  const ratio = from / to;
  const cutoff = 0.5 * Math.min(1, to / from) * 0.92;
  const half = Math.ceil(16 * Math.max(1, ratio));
  const out = new Int16Array(Math.floor(input.length / ratio));
  for (let n = 0; n < out.length; n++) {
    const t = n * ratio;
    const center = Math.floor(t);
    let acc = 0;
    for (let k = center - half + 1; k <= center + half; k++) {
      if (k < 0 || k >= input.length) continue;
      const d = t - k;
      const x = 2 * cutoff * d;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const window = 0.5 + 0.5 * Math.cos((Math.PI * d) / half);
      acc += (input[k] ?? 0) * 2 * cutoff * sinc * window;
    }
    out[n] = Math.max(-32768, Math.min(32767, Math.round(acc)));
  }
  return out;
}

/** One line spoken by espeak-ng, at 8 kHz, trimmed to its sound. */
export function speak(text: string, voice: 'en' | 'hi', dir: string, name: string): Int16Array {
  const file = path.join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-v', voice, '-s', '155', '-a', '120', '-w', file, text], { stdio: 'pipe' });
  const wav = parseWav(readFileSync(file));
  const pcm = resample(linear16ToPcm(wav.data), wav.sampleRate, RATE);
  const regions = soundRegions(pcm, RATE, { thresholdDb: -45, joinMs: 2000 });
  const first = regions[0];
  const last = regions[regions.length - 1];
  if (!first || !last) throw new Error(`espeak-ng said nothing for "${text}"`);
  return pcm.slice((first.startMs * RATE) / 1000, (last.endMs * RATE) / 1000);
}

export type Turn = { speaker: 'lead' | 'agent'; text: string; voice: 'en' | 'hi' };
export type PlacedTurn = Turn & { startMs: number; endMs: number };
export type Conversation = { lead: Int16Array; agent: Int16Array; turns: PlacedTurn[]; durationMs: number };

/** A deterministic hiss (about -62 dBFS), as a phone line has under the speech. */
function lineNoise(length: number, seed: number): Int16Array {
  const out = new Int16Array(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = ((s >>> 16) % 50) - 25;
  }
  return out;
}

/** Lays the turns out one after another, `gapMs` apart, each on its speaker's track; the other track hears the line's hiss. */
export function conversation(turns: Turn[], dir: string, opts: { gapMs?: number; leadInMs?: number; tailMs?: number } = {}): Conversation {
  const gap = opts.gapMs ?? 1500;
  const spoken = turns.map((t, i) => speak(t.text, t.voice, dir, `turn-${i}`));
  let cursor = opts.leadInMs ?? 600;
  const placed: PlacedTurn[] = [];
  for (const [i, t] of turns.entries()) {
    const len = ((spoken[i]?.length ?? 0) * 1000) / RATE;
    placed.push({ ...t, startMs: cursor, endMs: cursor + len });
    cursor += len + gap;
  }
  const durationMs = cursor - gap + (opts.tailMs ?? 1500);
  const total = Math.ceil((durationMs * RATE) / 1000);
  const lead = lineNoise(total, 7);
  const agent = lineNoise(total, 11);
  for (const [i, t] of placed.entries()) {
    const audio = spoken[i];
    if (audio) (t.speaker === 'lead' ? lead : agent).set(audio, Math.round((t.startMs * RATE) / 1000));
  }
  return { lead, agent, turns: placed, durationMs };
}

export type Frame = { message: string; atMs: number };

/** Twilio Media Streams: connected, start, then each 20 ms a media message per track, then stop. */
export function twilioFrames(
  tracks: { inbound: Int16Array; outbound?: Int16Array },
  ids: { streamSid: string; callSid: string; accountSid: string },
  opts: { stop?: boolean } = {},
): Frame[] {
  const names = tracks.outbound ? (['inbound', 'outbound'] as const) : (['inbound'] as const);
  const frames: Frame[] = [
    { message: JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }), atMs: 0 },
    {
      message: JSON.stringify({
        event: 'start',
        sequenceNumber: '1',
        streamSid: ids.streamSid,
        start: {
          accountSid: ids.accountSid,
          streamSid: ids.streamSid,
          callSid: ids.callSid,
          tracks: [...names],
          customParameters: {},
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
      }),
      atMs: 0,
    },
  ];
  let seq = 2;
  const encoded = { inbound: pcmToMulaw(tracks.inbound), outbound: tracks.outbound ? pcmToMulaw(tracks.outbound) : Buffer.alloc(0) };
  for (let chunk = 0; chunk * 160 < encoded.inbound.length; chunk++) {
    for (const track of names) {
      const payload = encoded[track].subarray(chunk * 160, chunk * 160 + 160);
      if (payload.length === 0) continue;
      frames.push({
        message: JSON.stringify({
          event: 'media',
          sequenceNumber: String(seq++),
          streamSid: ids.streamSid,
          media: { track, chunk: String(chunk + 1), timestamp: String(chunk * 20), payload: payload.toString('base64') },
        }),
        atMs: chunk * 20,
      });
    }
  }
  if (opts.stop !== false) {
    const end = Math.ceil(encoded.inbound.length / 160) * 20;
    frames.push({
      message: JSON.stringify({
        event: 'stop',
        sequenceNumber: String(seq),
        streamSid: ids.streamSid,
        stop: { accountSid: ids.accountSid, callSid: ids.callSid },
      }),
      atMs: end,
    });
  }
  return frames;
}

/** Exotel's stream applet: connected, start, 100 ms frames of 16-bit PCM (little-endian), stop. */
export function exotelFrames(
  audio: Int16Array,
  ids: { streamSid: string; callSid: string; accountSid: string },
  opts: { custom?: Record<string, string>; stop?: boolean } = {},
): Frame[] {
  const frames: Frame[] = [
    { message: JSON.stringify({ event: 'connected' }), atMs: 0 },
    {
      message: JSON.stringify({
        event: 'start',
        sequence_number: '1',
        stream_sid: ids.streamSid,
        start: {
          stream_sid: ids.streamSid,
          call_sid: ids.callSid,
          account_sid: ids.accountSid,
          from: '+919800000001',
          to: '+918000000001',
          custom_parameters: opts.custom ?? {},
          media_format: { encoding: 'audio/x-raw', sample_rate: '8000', bit_rate: '16' },
        },
      }),
      atMs: 0,
    },
  ];
  const pcm = pcmToLinear16(audio);
  const step = 1600; // 100 ms at 8 kHz, 2 bytes a sample (a multiple of 320, as Exotel frames are)
  let seq = 2;
  for (let at = 0, chunk = 1; at < pcm.length; at += step, chunk++) {
    frames.push({
      message: JSON.stringify({
        event: 'media',
        sequence_number: String(seq++),
        stream_sid: ids.streamSid,
        media: { chunk: String(chunk), timestamp: String((at / 2 / RATE) * 1000), payload: pcm.subarray(at, at + step).toString('base64') },
      }),
      atMs: (at / 2 / RATE) * 1000,
    });
  }
  if (opts.stop !== false) {
    frames.push({
      message: JSON.stringify({
        event: 'stop',
        sequence_number: String(seq),
        stream_sid: ids.streamSid,
        stop: { call_sid: ids.callSid, account_sid: ids.accountSid, reason: 'callended' },
      }),
      atMs: (pcm.length / 2 / RATE) * 1000,
    });
  }
  return frames;
}

/**
 * Sends frames at their times, `speed` times faster than real time (1: as a call would), and
 * calls `onSent` with each frame's wall-clock time. Stops early if the socket closes.
 */
export async function play(ws: WebSocket, frames: Frame[], speed = 1, onSent?: (f: Frame, at: number) => void): Promise<void> {
  const t0 = performance.now();
  for (const f of frames) {
    const due = t0 + f.atMs / speed;
    const wait = due - performance.now();
    if (wait > 4) await new Promise((r) => setTimeout(r, wait));
    if (ws.readyState !== ws.OPEN) return;
    ws.send(f.message);
    onSent?.(f, performance.now());
  }
}
