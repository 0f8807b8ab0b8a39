/**
 * Dates as people in India write them, day first (05/12/2026), whatever the browser's own locale;
 * values as native date inputs hold them ('YYYY-MM-DD'), so forms and URLs keep one shape.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' for a calendar date, or null when there is no such day (31/02). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Reads a typed date: day/month/year with /, - or . between (5/12/2026, 05-12-26), or the ISO
 * form (2026-12-05). Two-digit years are this century. Digits may be Devanagari (५/१२/२०२६).
 * Answers 'YYYY-MM-DD', '' for nothing typed, or null for what is not a date.
 */
export function parseTypedDate(text: string): string | null {
  const t = text.trim().replace(/[०-९]/g, (c) => String(c.charCodeAt(0) - 0x0966));
  if (t === '') return '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (!dmy) return null;
  const year = dmy[3]?.length === 2 ? 2000 + Number(dmy[3]) : Number(dmy[3]);
  return isoDate(year, Number(dmy[2]), Number(dmy[1]));
}

/** '2026-12-05' -> '05/12/2026' (and '' for ''). */
export function showTypedDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** The days of the month view that holds `iso`, Monday first, padded with nulls to whole weeks. */
export function monthGrid(year: number, month: number): (string | null)[] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${year}-${pad(month)}-${pad(d)}`);
  while (cells.length % 7 !== 0) cells.push(null);
  return cells;
}

/** `iso` moved by whole days (negative: back). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Within [min, max] (either may be absent), comparing 'YYYY-MM-DD' text. */
export const inRange = (iso: string, min?: string, max?: string) => (!min || iso >= min) && (!max || iso <= max);

/** 'HH:MM' for every `step` minutes of the day. */
export function timesOfDay(step: number): string[] {
  const out: string[] = [];
  for (let m = 0; m < 24 * 60; m += step) out.push(`${pad(Math.floor(m / 60))}:${pad(m % 60)}`);
  return out;
}
