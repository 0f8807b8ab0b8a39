/** Today by hour for the command center's charts, kept in step with the live floor. */
import type { HourPoint, Performance } from '../api/floorApi';

export type HourFigures = { from: string; calls: number; connects: number; talkSeconds: number };

/**
 * The hours as last read, with the hour now running brought up to the floor's totals: the floor
 * is pushed live while the hours are read every half minute, so the last bar is whatever today's
 * total has that the earlier hours do not. A floor from another day (just past midnight, before
 * the hours are read again) changes nothing.
 */
export function liveHours(hours: HourPoint[], today: Pick<Performance, 'calls' | 'connects' | 'talkSeconds'> | null, now: number): HourFigures[] {
  const out = hours.map((h) => ({ from: h.from, calls: h.calls, connects: h.connects, talkSeconds: h.talkSeconds }));
  const last = hours.at(-1);
  if (!today || !last || now < Date.parse(last.from) || now >= Date.parse(last.from) + 3_600_000) return out;
  const before = out.slice(0, -1);
  const rest = (key: 'calls' | 'connects' | 'talkSeconds') => Math.max(out.at(-1)?.[key] ?? 0, today[key] - before.reduce((n, h) => n + h[key], 0));
  out[out.length - 1] = { from: last.from, calls: rest('calls'), connects: rest('connects'), talkSeconds: rest('talkSeconds') };
  return out;
}

/** The hours from the first one with any call (at the latest 9 o'clock's) to now: the night before the floor opens is left out. */
export function workingHours(hours: HourFigures[]): HourFigures[] {
  const firstBusy = hours.findIndex((h) => h.calls > 0);
  const start = Math.min(firstBusy === -1 ? hours.length : firstBusy, 9, Math.max(0, hours.length - 1));
  return hours.slice(start);
}
