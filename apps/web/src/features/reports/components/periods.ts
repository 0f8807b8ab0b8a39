/**
 * The period a report covers, as calendar days (YYYY-MM-DD, both included) in the organisation's
 * time zone, whatever zone the browser is in: "today" for a manager in Dubai is still India's day.
 * A preset is kept by name, so a bookmarked "last 7 days" moves with the calendar; a custom period
 * keeps its two days.
 */
import { MAX_REPORT_DAYS } from '@telehub/shared';
import { intlLocale } from '../../../i18n';

/** The zone the server counts report days in. */
export const REPORT_TIME_ZONE = 'Asia/Kolkata';

export const PERIODS = ['today', 'yesterday', 'last7', 'last30', 'thisMonth', 'lastMonth', 'custom'] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 'last7';

export type DayRange = { from: string; to: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_DAY = 86_400_000;

export const isPeriod = (v: string | null): v is Period => v !== null && (PERIODS as readonly string[]).includes(v);

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isDay(v: string | null | undefined): v is string {
  if (!v || !DAY.test(v)) return false;
  const at = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === v;
}

/** The day it is at `now` in the zone. */
export function dayIn(timeZone: string, now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => fromUtc(toUtc(day) + n * MS_DAY);

/** Days from `from` to `to`, both counted (1 for a single day). */
export const dayCount = (r: DayRange) => Math.round((toUtc(r.to) - toUtc(r.from)) / MS_DAY) + 1;

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;

/** The days a preset covers on `today`. */
export function presetRange(period: Exclude<Period, 'custom'>, today: string): DayRange {
  switch (period) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const y = addDays(today, -1);
      return { from: y, to: y };
    }
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'thisMonth':
      return { from: firstOfMonth(today), to: today };
    case 'lastMonth': {
      const end = addDays(firstOfMonth(today), -1);
      return { from: firstOfMonth(end), to: end };
    }
  }
}

/**
 * The days to ask for. A custom period keeps what it can of the two days given: a missing or
 * broken day becomes the other one (or today), the two are put in order, and a span longer than
 * the server takes is cut at its start.
 */
export function resolvePeriod(period: Period, custom: Partial<DayRange>, today: string): DayRange {
  if (period !== 'custom') return presetRange(period, today);
  const a = isDay(custom.from) ? custom.from : undefined;
  const b = isDay(custom.to) ? custom.to : undefined;
  let from = a ?? b ?? today;
  let to = b ?? a ?? today;
  if (from > to) [from, to] = [to, from];
  if (dayCount({ from, to }) > MAX_REPORT_DAYS) from = addDays(to, -(MAX_REPORT_DAYS - 1));
  return { from, to };
}

/**
 * The period in words, in the interface language: "1–7 Dec 2026", "28 Nov – 4 Dec 2026",
 * "1 Dec 2026" for one day. The days are calendar days, so they are formatted in UTC.
 */
export function formatPeriod(r: DayRange, lng: string): string {
  const f = new Intl.DateTimeFormat(intlLocale(lng), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const a = new Date(toUtc(r.from));
  if (r.from === r.to) return f.format(a);
  return f.formatRange(a, new Date(toUtc(r.to)));
}

/** A calendar day in words ("4 Dec"), for chart axes. */
export function formatDayShort(day: string, lng: string): string {
  return new Intl.DateTimeFormat(intlLocale(lng), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(toUtc(day)));
}
