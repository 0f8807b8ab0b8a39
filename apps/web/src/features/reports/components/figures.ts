/**
 * How the compliance and sources reports' figures are laid out: every day of the period in a
 * series (a day the server left out is a day with nothing), the rules that refused dials in order,
 * one cap line where the campaigns share a cap, the peak of a series for its words.
 */
import { DIAL_BLOCK_REASONS, type DialBlockReason } from '@telehub/shared';
import { addDays, type DayRange, dayCount } from './periods';

/** The days of the period in order, each with its point or, where there is none, `fill(day)`; points outside the period are left out. */
export function everyDay<T extends { day: string }>(range: DayRange, points: readonly T[], fill: (day: string) => T): T[] {
  const byDay = new Map(points.map((p) => [p.day, p]));
  const n = Math.max(0, dayCount(range));
  return Array.from({ length: n }, (_, i) => {
    const day = addDays(range.from, i);
    return byDay.get(day) ?? fill(day);
  });
}

/** Every rule with the dials it refused (none: 0), most first; ties keep the rules' own order. */
export function refusalsByReason(byReason: readonly { reason: DialBlockReason; refusals: number }[]): { reason: DialBlockReason; refusals: number }[] {
  const counts = new Map<DialBlockReason, number>();
  for (const r of byReason) counts.set(r.reason, (counts.get(r.reason) ?? 0) + r.refusals);
  return DIAL_BLOCK_REASONS.map((reason) => ({ reason, refusals: counts.get(reason) ?? 0 })).sort((a, b) => b.refusals - a.refusals);
}

/**
 * The cap to draw across the daily abandon rate: the one every capped campaign shown shares, so
 * the line means the same for every day. Null when none has a cap or their caps differ.
 */
export function sharedCap(items: readonly { cap: number | null }[]): number | null {
  const caps = new Set(items.flatMap((i) => (i.cap == null ? [] : [i.cap])));
  return caps.size === 1 ? ([...caps][0] ?? null) : null;
}

/** The point with the highest value (the first of equals), or null when no point has one. */
export function peakOf<T>(points: readonly T[], get: (p: T) => number | null): T | null {
  let best: T | null = null;
  let top = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    const v = get(p);
    if (v != null && v > top) {
      best = p;
      top = v;
    }
  }
  return best;
}
