/**
 * How a report's figures read: a telecaller's measure against the median, which way is better,
 * sorting a table by a column, the hours of the day, the heat map's cells.
 */
import type { HourCell } from '@telehub/shared';

export type Standing = 'above' | 'below' | 'level';
/** Which way a measure is better: more conversions are good, more abandons are not; handle time is neither. */
export type Better = 'higher' | 'lower' | 'neither';
export type Tone = 'good' | 'bad' | 'neutral';

/** Where a value stands against the median; within 2 % of it (or both zero) is level. Null when either is missing. */
export function standing(value: number | null | undefined, median: number | null | undefined): Standing | null {
  if (value == null || median == null) return null;
  const tolerance = Math.max(1e-9, Math.abs(median) * 0.02);
  if (Math.abs(value - median) <= tolerance) return 'level';
  return value > median ? 'above' : 'below';
}

export function toneOf(s: Standing | null, better: Better): Tone {
  if (s === null || s === 'level' || better === 'neither') return 'neutral';
  return (s === 'above') === (better === 'higher') ? 'good' : 'bad';
}

export type SortDir = 'asc' | 'desc';

/** Rows ordered by a value, missing values last whichever way; ties keep their order. */
export function sortRows<T>(rows: readonly T[], get: (row: T) => number | string | null | undefined, dir: SortDir): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: get(row) }))
    .sort((a, b) => {
      const an = a.v == null;
      const bn = b.v == null;
      if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
      const c = typeof a.v === 'string' || typeof b.v === 'string' ? String(a.v).localeCompare(String(b.v)) : (a.v as number) - (b.v as number);
      return c === 0 ? a.i - b.i : c * sign;
    })
    .map((x) => x.row);
}

/** 9 -> "09:00". */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** The report's cells as a 7×24 grid (Monday first); an hour with no dials is null. */
export function hourGrid(cells: readonly HourCell[]): (HourCell | null)[][] {
  const grid: (HourCell | null)[][] = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => null));
  for (const c of cells) {
    const row = grid[c.weekday];
    if (row && c.hour >= 0 && c.hour < 24 && c.dials > 0) row[c.hour] = c;
  }
  return grid;
}

/** The top of the heat map's colour ramp: the best connect rate seen (at least 1 %). */
export const heatTop = (cells: readonly HourCell[]) => Math.max(0.01, ...cells.map((c) => c.connectRate ?? 0));

/** The first, last and highest of a daily series, for a sparkline's words. */
export function seriesFacts(values: readonly number[]): { first: number; last: number; max: number; total: number } {
  return {
    first: values[0] ?? 0,
    last: values[values.length - 1] ?? 0,
    max: Math.max(0, ...values),
    total: values.reduce((a, b) => a + b, 0),
  };
}
