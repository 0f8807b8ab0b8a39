/**
 * A team's answering hours as pure functions: whether it is open at a moment, and when it opens
 * next (a missed caller's callback falls due from then). Times are wall-clock times in the
 * team's zone; a holiday is closed all day.
 */
import { type InboundHours, WEEKDAYS, type Weekday } from '@telehub/shared';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in a zone: the weekday, the date (YYYY-MM-DD) and the time (HH:MM). */
export function wallClock(at: Date, timeZone: string): { day: Weekday; date: string; time: string } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const day = (parts.weekday ?? 'Mon').slice(0, 3).toLowerCase() as Weekday;
  return { day: WEEKDAYS.includes(day) ? day : 'mon', date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

export function isValidZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Open at `at`: not a holiday, and inside one of the day's spans (from inclusive, to exclusive). Null hours: always open. */
export function isOpen(hours: InboundHours | null, at: Date): boolean {
  if (!hours) return true;
  const { day, date, time } = wallClock(at, hours.timezone);
  if (hours.holidays.includes(date)) return false;
  return (hours.week[day] ?? []).some(([from, to]) => time >= from && time < to);
}

/**
 * The first moment at or after `at` when the team is open, to the minute, looking up to 14 days
 * ahead; null when it never opens in that time (no spans, or holidays throughout).
 */
export function nextOpening(hours: InboundHours | null, at: Date): Date | null {
  if (isOpen(hours, at)) return at;
  if (!hours) return at;
  // Spans start on whole minutes: the first minute a span starts at (and no holiday) is the opening.
  // At worst 20,160 steps (about 0.1 s), and only for a caller who rang while the team was closed.
  const start = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  for (let m = 0; m <= 14 * 24 * 60; m += 1) {
    const t = new Date(start.getTime() + m * 60_000);
    const { day, time } = wallClock(t, hours.timezone);
    const opensNow = (hours.week[day] ?? []).some(([from]) => from === time);
    if (opensNow && isOpen(hours, t)) return t;
  }
  return null;
}
