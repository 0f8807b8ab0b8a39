/**
 * Telephone audio as the speech-to-text adapters handle it: G.711 mu-law (Twilio) and 16-bit
 * little-endian PCM (Exotel), 8 or 16 kHz mono; WAV files for engines that take whole utterances;
 * and a timeline that maps an engine's clock (the audio it was given, back to back) to stream time
 * when audio was skipped (frames dropped under back-pressure, gaps in what the vendor sent).
 */
import { wavHeader } from '../../platform/wav.js';

export type AudioEncoding = 'mulaw' | 'linear16';

/** Bytes one sample takes in each encoding. */
export const BYTES_PER_SAMPLE: Record<AudioEncoding, number> = { mulaw: 1, linear16: 2 };

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

/** ITU-T G.711 mu-law to linear, as a table: decoding is on the hot path of every frame. */
const MULAW_TO_LINEAR = (() => {
  const table = new Int16Array(256);
  for (let i = 0; i < 256; i++) {
    const u = ~i & 0xff;
    const exponent = (u >> 4) & 0x07;
    const mantissa = u & 0x0f;
    const magnitude = (((mantissa << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
    table[i] = u & 0x80 ? -magnitude : magnitude;
  }
  return table;
})();

export function mulawToPcm(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = MULAW_TO_LINEAR[bytes[i] ?? 0xff] ?? 0;
  return out;
}

export function linearToMulaw(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  if (s > MULAW_CLIP) s = MULAW_CLIP;
  s += MULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function pcmToMulaw(samples: Int16Array): Buffer {
  const out = Buffer.alloc(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = linearToMulaw(samples[i] ?? 0);
  return out;
}

/** 16-bit little-endian PCM bytes to samples (an odd trailing byte is ignored). */
export function linear16ToPcm(bytes: Uint8Array): Int16Array {
  const n = bytes.length >> 1;
  const out = new Int16Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, n * 2);
  for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}

export function pcmToLinear16(samples: Int16Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i] ?? 0, i * 2);
  return out;
}

export function decodeAudio(encoding: AudioEncoding, bytes: Uint8Array): Int16Array {
  return encoding === 'mulaw' ? mulawToPcm(bytes) : linear16ToPcm(bytes);
}

/** Silence in an encoding: mu-law's zero is 0xFF, PCM's is 0. */
export function silence(encoding: AudioEncoding, samples: number): Buffer {
  return Buffer.alloc(samples * BYTES_PER_SAMPLE[encoding], encoding === 'mulaw' ? 0xff : 0);
}

/** A RIFF/WAVE file of 16-bit PCM mono samples. */
export function wavFile(samples: Int16Array, sampleRate: number): Buffer {
  const data = pcmToLinear16(samples);
  return Buffer.concat([wavHeader(data.length, sampleRate, 1), data]);
}

export type ParsedWav = { format: number; channels: number; sampleRate: number; byteRate: number; blockAlign: number; bitsPerSample: number; data: Buffer };

/**
 * Reads a WAV file. Strictly by default (chunk sizes must agree with the file; throws on anything
 * malformed), as a vendor stand-in checks uploads. `lenient` is for recordings: a file cut short,
 * or streamed with a placeholder size, keeps the audio that is there.
 */
export function parseWav(file: Buffer, options: { lenient?: boolean } = {}): ParsedWav {
  const strict = !options.lenient;
  if (file.length < 12 || file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  if (strict && file.readUInt32LE(4) !== file.length - 8) throw new Error(`RIFF size ${file.readUInt32LE(4)} does not match the file (${file.length - 8})`);
  let fmt: Omit<ParsedWav, 'data'> | null = null;
  for (let at = 12; at + 8 <= file.length; ) {
    const id = file.toString('ascii', at, at + 4);
    const size = file.readUInt32LE(at + 4);
    const body = at + 8;
    if (strict && body + size > file.length) throw new Error(`chunk ${id} runs past the end of the file`);
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > file.length) throw new Error('fmt chunk too short');
      fmt = {
        format: file.readUInt16LE(body),
        channels: file.readUInt16LE(body + 2),
        sampleRate: file.readUInt32LE(body + 4),
        byteRate: file.readUInt32LE(body + 8),
        blockAlign: file.readUInt16LE(body + 12),
        bitsPerSample: file.readUInt16LE(body + 14),
      };
      // The extensible format names the real one in the first two bytes of its sub-format GUID.
      if (fmt.format === WAVE_EXTENSIBLE && size >= 40 && body + 26 <= file.length) fmt.format = file.readUInt16LE(body + 24);
    } else if (id === 'data') {
      if (!fmt) throw new Error('data chunk before fmt chunk');
      return { ...fmt, data: file.subarray(body, Math.min(file.length, body + size)) };
    }
    at = body + size + (size % 2);
  }
  throw new Error('no data chunk');
}

const WAVE_PCM = 1;
const WAVE_ALAW = 6;
const WAVE_MULAW = 7;
const WAVE_EXTENSIBLE = 0xfffe;

/** G.711 a-law to linear, as a table. */
const ALAW_TO_LINEAR = (() => {
  const table = new Int16Array(256);
  for (let i = 0; i < 256; i++) {
    const a = i ^ 0x55;
    const exponent = (a >> 4) & 0x07;
    const mantissa = a & 0x0f;
    const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
    table[i] = a & 0x80 ? magnitude : -magnitude;
  }
  return table;
})();

/** A parsed WAV file's samples, one array per channel: 16-bit PCM, or G.711 mu-law or a-law (what telephone recordings come as). */
export function wavChannels(wav: ParsedWav): Int16Array[] {
  const { format, channels, bitsPerSample: bits, data } = wav;
  if (channels < 1 || channels > 8 || wav.sampleRate < 1000 || wav.sampleRate > 192_000)
    throw new Error(`WAV file has ${channels} channels at ${wav.sampleRate} Hz`);
  const width = format === WAVE_PCM && bits === 16 ? 2 : (format === WAVE_MULAW || format === WAVE_ALAW) && bits === 8 ? 1 : 0;
  if (!width) throw new Error(`WAV format ${format} with ${bits}-bit samples is not supported (16-bit PCM, mu-law or a-law)`);
  const frames = Math.floor(data.length / (width * channels));
  const table = format === WAVE_MULAW ? MULAW_TO_LINEAR : ALAW_TO_LINEAR;
  const out = Array.from({ length: channels }, () => new Int16Array(frames));
  for (let c = 0; c < channels; c++) {
    const ch = out[c] as Int16Array;
    for (let i = 0; i < frames; i++) {
      const o = (i * channels + c) * width;
      ch[i] = width === 2 ? data.readInt16LE(o) : (table[data[o] ?? 0] ?? 0);
    }
  }
  return out;
}

/** Mean power of a frame in dB relative to full scale (-120 for digital silence). */
export function frameDbfs(samples: Int16Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const v = (samples[i] ?? 0) / 32768;
    sum += v * v;
  }
  const mean = sum / Math.max(1, to - from);
  return mean > 1e-12 ? 10 * Math.log10(mean) : -120;
}

/**
 * Maps an engine's clock to stream time. The engine is given audio back to back; the stream may
 * skip (a dropped frame, a gap in what the vendor sent), so each discontinuity is kept as an
 * anchor: engine sample position -> stream time.
 */
export class AudioTimeline {
  private readonly anchors: { at: number; streamMs: number }[] = [];
  /** Samples handed to the engine so far. */
  samples = 0;
  private expectedMs: number | null = null;

  constructor(readonly sampleRate: number) {}

  /** Records `count` samples handed to the engine, starting at `streamMs` (null: padding, no stream time of its own). */
  append(count: number, streamMs: number | null): void {
    if (streamMs !== null && (this.expectedMs === null || Math.abs(streamMs - this.expectedMs) >= 1)) {
      this.anchors.push({ at: this.samples, streamMs });
    }
    this.samples += count;
    if (streamMs !== null) this.expectedMs = streamMs + (count * 1000) / this.sampleRate;
    else this.expectedMs = null;
  }

  /** Stream time of an engine time (ms of audio given before it). */
  toStreamMs(engineMs: number): number {
    const at = (engineMs * this.sampleRate) / 1000;
    let anchor = this.anchors[0];
    if (!anchor) return Math.round(engineMs);
    for (const a of this.anchors) {
      if (a.at > at) break;
      anchor = a;
    }
    return Math.round(anchor.streamMs + ((at - anchor.at) * 1000) / this.sampleRate);
  }

  /** Drops anchors before `engineMs` that no later result can need (keeps the latest before it). */
  forget(engineMs: number): void {
    const at = (engineMs * this.sampleRate) / 1000;
    while (this.anchors.length > 1 && (this.anchors[1]?.at ?? Number.POSITIVE_INFINITY) <= at) this.anchors.shift();
  }
}
