/** A call's speech laid out on a line: spans and moments as shares of the call's length. */
import type { TranscriptSegment } from '@telehub/shared';

export type Span = { startMs: number; endMs: number };
export type Lanes = { lead: Span[]; agent: Span[] };
/** Left edge and width, in percent of the line. */
export type Box = { left: number; width: number };

/** Narrower than this a span would vanish on a phone; a short "haan" still shows as a tick. */
const MIN_WIDTH = 0.4;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** How long the line is: the recording's length when known, else the last speech or the talk time. */
export function lineLength(opts: { mediaMs?: number | null; talkSeconds?: number | null; lanes?: Lanes | null }): number {
  if (opts.mediaMs && Number.isFinite(opts.mediaMs) && opts.mediaMs > 0) return opts.mediaMs;
  const lastSpeech = Math.max(0, ...(opts.lanes ? [...opts.lanes.lead, ...opts.lanes.agent].map((s) => s.endMs) : []));
  return Math.max(1, lastSpeech, (opts.talkSeconds ?? 0) * 1000);
}

/** Where a moment sits on the line, 0..100. */
export function percentAt(ms: number, lengthMs: number): number {
  return lengthMs > 0 ? clamp((ms / lengthMs) * 100, 0, 100) : 0;
}

/** The moment under a point of the line, from its fraction across (a click, a drag). */
export function msAtFraction(fraction: number, lengthMs: number): number {
  return Math.round(clamp(fraction, 0, 1) * lengthMs);
}

/** Each span as a box on the line, cut to the line's ends; spans wholly past the end are left out. */
export function spanBoxes(spans: Span[], lengthMs: number): Box[] {
  const boxes: Box[] = [];
  for (const s of spans) {
    if (s.endMs <= s.startMs || s.startMs >= lengthMs) continue;
    const start = percentAt(s.startMs, lengthMs);
    const width = Math.max(MIN_WIDTH, percentAt(s.endMs, lengthMs) - start);
    // A tick widened at the very end moves left rather than sticking out.
    boxes.push({ left: Math.min(start, 100 - width), width });
  }
  return boxes;
}

/**
 * Both sides' speech from the transcript's times, where there is no recording to measure it:
 * each side's lines in order, touching or overlapping ones joined.
 */
export function lanesFromTranscript(segments: TranscriptSegment[]): Lanes | null {
  const timed = segments.filter((s) => s.endMs > s.startMs);
  if (timed.length === 0) return null;
  const side = (speaker: 'lead' | 'agent') => {
    const out: Span[] = [];
    for (const s of timed.filter((x) => x.speaker === speaker).sort((a, b) => a.startMs - b.startMs)) {
      const prev = out.at(-1);
      if (prev && s.startMs <= prev.endMs) prev.endMs = Math.max(prev.endMs, s.endMs);
      else out.push({ startMs: s.startMs, endMs: s.endMs });
    }
    return out;
  };
  return { lead: side('lead'), agent: side('agent') };
}
