/**
 * How the speech stand-ins judge the audio they are sent, as an engine would hear it: where there
 * is sound loud enough to be a voice (fixed threshold, not the adapters' adaptive detector), and
 * whether that sound is speech-like (most of its energy below 1 kHz, as voiced speech has) or
 * noise (audio decoded with the wrong encoding, byte-swapped PCM, random bytes: spread evenly up
 * to 4 kHz).
 */

export type Region = { startMs: number; endMs: number };

const FRAME_MS = 20;

function frameDb(samples: Int16Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const v = (samples[i] ?? 0) / 32768;
    sum += v * v;
  }
  const mean = sum / Math.max(1, to - from);
  return mean > 1e-12 ? 10 * Math.log10(mean) : -120;
}

/** Stretches of sound above `thresholdDb`, joined across gaps shorter than `joinMs`. */
export function soundRegions(samples: Int16Array, sampleRate: number, opts: { thresholdDb?: number; joinMs?: number; minMs?: number } = {}): Region[] {
  const frame = Math.round((sampleRate * FRAME_MS) / 1000);
  const threshold = opts.thresholdDb ?? -40;
  const join = opts.joinMs ?? 300;
  const out: Region[] = [];
  for (let i = 0, f = 0; i + frame <= samples.length; i += frame, f++) {
    if (frameDb(samples, i, i + frame) <= threshold) continue;
    const startMs = f * FRAME_MS;
    const last = out[out.length - 1];
    if (last && startMs - last.endMs < join) last.endMs = startMs + FRAME_MS;
    else out.push({ startMs, endMs: startMs + FRAME_MS });
  }
  return out.filter((r) => r.endMs - r.startMs >= (opts.minMs ?? 100));
}

/**
 * Share of the sound's energy below 1 kHz (second-order low-pass), over the loud frames only.
 * Voiced speech: well above 0.5. White noise sampled at 8 kHz: about 0.25.
 */
export function lowBandShare(samples: Int16Array, sampleRate: number): number {
  const w = Math.tan((Math.PI * 1000) / sampleRate);
  const k = 1 / (1 + Math.SQRT2 * w + w * w);
  const b0 = w * w * k;
  const b1 = 2 * b0;
  const a1 = 2 * (w * w - 1) * k;
  const a2 = (1 - Math.SQRT2 * w + w * w) * k;
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  const frame = Math.round((sampleRate * FRAME_MS) / 1000);
  let low = 0;
  let all = 0;
  for (let start = 0; start + frame <= samples.length; start += frame) {
    let fLow = 0;
    let fAll = 0;
    for (let i = start; i < start + frame; i++) {
      const x = (samples[i] ?? 0) / 32768;
      const y = b0 * x + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      fLow += y * y;
      fAll += x * x;
    }
    if (10 * Math.log10(fAll / frame + 1e-12) > -40) {
      low += fLow;
      all += fAll;
    }
  }
  return all > 0 ? low / all : 0;
}

/** Whether audio holds speech an engine would transcribe: loud enough somewhere, and speech-shaped. */
export function soundsLikeSpeech(samples: Int16Array, sampleRate: number): boolean {
  return soundRegions(samples, sampleRate).length > 0 && lowBandShare(samples, sampleRate) >= 0.5;
}
