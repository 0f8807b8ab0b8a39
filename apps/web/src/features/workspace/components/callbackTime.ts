/** The value a datetime-local input holds: "2026-03-01T11:00", local time. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Tomorrow at 11:00 local: a sensible first offer for "call me back". */
export function defaultCallbackTime(now = new Date()): string {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(11, 0, 0, 0);
  return toLocalInput(d);
}

/** A datetime-local value as an ISO instant, or null when it is empty or not a date. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * Whether a pending callback's time has come, by this browser's clock: the list is loaded once
 * and read against the clock, so a callback falls due on screen without asking the server.
 */
export const isDue = (cb: { dueAt: string }, now: number) => Date.parse(cb.dueAt) <= now;

/** Past its time (the server's rule for `overdue`, applied as the clock moves). */
export const isOverdue = (cb: { dueAt: string }, now: number) => Date.parse(cb.dueAt) < now;
