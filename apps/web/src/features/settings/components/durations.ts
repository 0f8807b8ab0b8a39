/**
 * Durations as the server's environment variables take them ("900", "900s", "15m", "2h", "1d")
 * and as a person enters them (an amount and a unit). Pure, so the edges are easy to test.
 */

export const DURATION_UNITS = ['s', 'm', 'h', 'd'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const SECONDS: Record<DurationUnit, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** The seconds a variable's text stands for: a bare number is seconds; null when it is not a duration. */
export function parseDurationText(text: string | null | undefined): number | null {
  const m = /^\s*(\d+)\s*([smhd])?\s*$/.exec(text ?? '');
  if (!m?.[1]) return null;
  return Number(m[1]) * SECONDS[(m[2] as DurationUnit | undefined) ?? 's'];
}

/** The shortest exact text for a number of seconds, always with its unit ("2h", "15m", "90s"), which every duration variable accepts. */
export function formatDurationText(seconds: number): string {
  const s = Math.round(seconds);
  for (const unit of ['d', 'h', 'm'] as const) {
    if (s > 0 && s % SECONDS[unit] === 0) return `${s / SECONDS[unit]}${unit}`;
  }
  return `${s}s`;
}

/**
 * An amount and a unit a person reads easily: the largest of `units` that divides the duration
 * exactly; else the largest that gives at least 1 with at most two decimals (90s: 1.5 minutes);
 * else seconds.
 */
export function splitDuration(seconds: number, units: readonly DurationUnit[] = ['m', 'h']): { amount: string; unit: DurationUnit } {
  const largestFirst = [...units].sort((a, b) => SECONDS[b] - SECONDS[a]);
  const exact = largestFirst.find((u) => seconds >= SECONDS[u] && seconds % SECONDS[u] === 0);
  if (exact) return { amount: String(seconds / SECONDS[exact]), unit: exact };
  const near = largestFirst.find((u) => seconds >= SECONDS[u] && hasTwoDecimals(seconds / SECONDS[u]));
  if (near) return { amount: String(Math.round((seconds / SECONDS[near]) * 100) / 100), unit: near };
  return { amount: String(seconds), unit: 's' };
}

const hasTwoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

/** Seconds from what a person typed (a decimal point or comma allowed); null when it is not a positive amount. */
export function joinDuration(amount: string, unit: DurationUnit): number | null {
  const text = amount.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text) && !/^\.\d+$/.test(text)) return null;
  const seconds = Math.round(Number(text) * SECONDS[unit]);
  return seconds >= 1 ? seconds : null;
}

/** The units a duration control offers: the field's own, plus the one the value needs if it is finer (a value of 6s keeps seconds). */
export function unitsFor(seconds: number | null, units: readonly DurationUnit[]): DurationUnit[] {
  const out = new Set<DurationUnit>(units);
  if (seconds !== null) out.add(splitDuration(seconds, units).unit);
  return DURATION_UNITS.filter((u) => out.has(u));
}

const INTL_UNIT: Record<DurationUnit, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day' };

/** "20 minutes", "2 hours", "90 seconds" / "20 मिनट" in the given BCP 47 locale, exactly (no rounding away of a remainder). */
export function describeDuration(seconds: number, locale: string): string {
  const { amount, unit } = splitDuration(seconds, ['m', 'h', 'd']);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: INTL_UNIT[unit], unitDisplay: 'long', maximumFractionDigits: 2 }).format(Number(amount));
}
