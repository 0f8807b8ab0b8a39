/** Where a replayed call is: the utterance being spoken at a moment, and the moment the address asks for. */
import type { TranscriptSegment } from '@telehub/shared';

export type UtteranceIndex = {
  /** The segments by start time (the two channels' lines interleave). */
  sorted: TranscriptSegment[];
  /** The latest end among sorted[0..i]: how far back an overlapping line can still be speaking. */
  reach: number[];
};

export function indexUtterances(segments: TranscriptSegment[]): UtteranceIndex {
  const sorted = [...segments].sort((a, b) => a.startMs - b.startMs || a.seq - b.seq);
  const reach: number[] = [];
  for (const [i, s] of sorted.entries()) reach.push(Math.max(s.endMs, reach[i - 1] ?? Number.NEGATIVE_INFINITY));
  return { sorted, reach };
}

/**
 * The utterance being spoken at `ms`: of the lines that span it, the one that began last (the
 * side that cut in, when both speak). Null in a silence, before the first and after the last.
 */
export function activeUtterance(index: UtteranceIndex, ms: number): TranscriptSegment | null {
  const { sorted, reach } = index;
  // The last line that began at or before ms.
  let lo = 0;
  let hi = sorted.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.startMs ?? 0) <= ms) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = last; i >= 0 && (reach[i] ?? 0) > ms; i--) {
    const s = sorted[i];
    if (s && ms < s.endMs) return s;
  }
  return null;
}

/** `?t=<ms>` as a start position: a whole, non-negative number of milliseconds, else none. */
export function startFromQuery(value: string | null): number | null {
  if (value === null || !/^\d{1,9}$/.test(value.trim())) return null;
  return Number(value.trim());
}

/** Arrow keys move this far; with Shift, further; Page keys further still. */
const STEP_MS = 5000;
const SHIFT_STEP_MS = 15_000;
const PAGE_STEP_MS = 30_000;

/**
 * What a key does on the call's line (a slider): Space or K plays and pauses, the arrows step
 * back and on, Home and End go to the ends; a position, 'toggle', or null for a key it leaves alone.
 */
export function keyMove(key: string, at: { shift: boolean; positionMs: number; lengthMs: number }): number | 'toggle' | null {
  const step = at.shift ? SHIFT_STEP_MS : STEP_MS;
  const clampTo = (ms: number) => Math.min(at.lengthMs, Math.max(0, ms));
  switch (key) {
    case ' ':
    case 'k':
      return 'toggle';
    case 'ArrowLeft':
    case 'ArrowDown':
      return clampTo(at.positionMs - step);
    case 'ArrowRight':
    case 'ArrowUp':
      return clampTo(at.positionMs + step);
    case 'PageDown':
      return clampTo(at.positionMs - PAGE_STEP_MS);
    case 'PageUp':
      return clampTo(at.positionMs + PAGE_STEP_MS);
    case 'Home':
      return 0;
    case 'End':
      return at.lengthMs;
    default:
      return null;
  }
}
