/**
 * A campaign's wrap-up countdown, from when the call ended. The server closes the wrap-up when
 * the time is up; the browser only shows what is left by its own clock, never more than the limit
 * (a browser clock a little behind the server's would otherwise show extra time).
 */

/** Whole seconds left, or null when the campaign sets no limit (0) or the end time is not known. */
export function wrapUpLeft(endedAt: string | null, limitSeconds: number, now: number): number | null {
  if (limitSeconds <= 0 || !endedAt) return null;
  const ended = Date.parse(endedAt);
  if (Number.isNaN(ended)) return null;
  const left = Math.ceil(limitSeconds - (now - ended) / 1000);
  return Math.min(limitSeconds, Math.max(0, left));
}

/** 7 -> "0:07", 75 -> "1:15", 600 -> "10:00". */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The share of the time still left, 0-1, for the bar that shrinks. */
export const wrapUpShare = (left: number, limitSeconds: number) => (limitSeconds > 0 ? Math.min(1, Math.max(0, left / limitSeconds)) : 0);

/** The last seconds, when the countdown turns red. */
export const wrapUpUrgent = (left: number) => left <= 10;
