import { type InboundHours, WEEKDAYS, type Weekday } from '@telehub/shared';

/** One weekday's spans as the editor shows them: "09:30-13:00, 14:00-18:30"; empty: closed. */
export const spansText = (spans: [string, string][] | undefined) => (spans ?? []).map(([from, to]) => `${from}-${to}`).join(', ');

const SPAN = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-3]):([0-5]\d)$/;

/** Reads a weekday's text back: the spans, or the problem (for the field's message). */
export function parseSpans(text: string): { spans: [string, string][] } | { problem: 'format' | 'order' | 'overlap' | 'many' } {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 4) return { problem: 'many' };
  const spans: [string, string][] = [];
  for (const p of parts) {
    const m = SPAN.exec(p);
    if (!m) return { problem: 'format' };
    const from = `${m[1]}:${m[2]}`;
    const to = `${m[3]}:${m[4]}`;
    if (from >= to) return { problem: 'order' };
    spans.push([from, to]);
  }
  spans.sort((a, b) => a[0].localeCompare(b[0]));
  for (let i = 1; i < spans.length; i++) if ((spans[i]?.[0] ?? '') < (spans[i - 1]?.[1] ?? '')) return { problem: 'overlap' };
  return { spans };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Holidays typed one per line or separated by commas: the dates, or the first that is not a date. */
export function parseHolidays(text: string): { dates: string[] } | { bad: string } {
  const dates = text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  const bad = dates.find((d) => !DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
  return bad ? { bad } : { dates: [...new Set(dates)].sort() };
}

export type HoursDraft = { anyHour: boolean; timezone: string; days: Record<Weekday, string>; holidays: string };

export function draftOf(hours: InboundHours | null): HoursDraft {
  const week = hours?.week ?? {
    mon: [['09:30', '18:30']],
    tue: [['09:30', '18:30']],
    wed: [['09:30', '18:30']],
    thu: [['09:30', '18:30']],
    fri: [['09:30', '18:30']],
    sat: [['10:00', '14:00']],
  };
  return {
    anyHour: hours === null,
    timezone: hours?.timezone ?? 'Asia/Kolkata',
    days: Object.fromEntries(WEEKDAYS.map((d) => [d, spansText(week[d] as [string, string][] | undefined)])) as Record<Weekday, string>,
    holidays: (hours?.holidays ?? []).join(', '),
  };
}
