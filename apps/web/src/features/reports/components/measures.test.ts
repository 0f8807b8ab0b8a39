import { describe, expect, it } from 'vitest';
import { formatHms, formatMinSec, formatRupees } from '../../../lib/format';
import { heatTop, hourGrid, hourLabel, seriesFacts, sortRows, standing, toneOf } from './measures';

describe('report measures', () => {
  it('stands a value against the median, level within 2 %', () => {
    expect(standing(120, 100)).toBe('above');
    expect(standing(80, 100)).toBe('below');
    expect(standing(101, 100)).toBe('level');
    expect(standing(0, 0)).toBe('level');
    expect(standing(0.31, 0.3)).toBe('above');
    expect(standing(null, 0.3)).toBeNull();
    expect(standing(3, null)).toBeNull();
  });

  it('says whether standing above is good, bad or neither', () => {
    expect(toneOf('above', 'higher')).toBe('good');
    expect(toneOf('above', 'lower')).toBe('bad');
    expect(toneOf('below', 'lower')).toBe('good');
    expect(toneOf('below', 'neither')).toBe('neutral');
    expect(toneOf('level', 'higher')).toBe('neutral');
    expect(toneOf(null, 'higher')).toBe('neutral');
  });

  it('sorts rows either way with missing values last and ties in place', () => {
    const rows = [
      { n: 'a', v: 2 },
      { n: 'b', v: null },
      { n: 'c', v: 5 },
      { n: 'd', v: 2 },
    ];
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.n)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.n)).toEqual(['a', 'd', 'c', 'b']);
    expect(sortRows(rows, (r) => r.n, 'desc').map((r) => r.n)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('lays the hours out Monday first, empty hours as null', () => {
    const grid = hourGrid([
      { weekday: 1, hour: 11, dials: 120, connects: 50, connectRate: 0.42 },
      { weekday: 6, hour: 23, dials: 0, connects: 0, connectRate: null },
    ]);
    expect(grid).toHaveLength(7);
    expect(grid[1]?.[11]?.connectRate).toBe(0.42);
    expect(grid[6]?.[23]).toBeNull();
    expect(grid[0]?.every((c) => c === null)).toBe(true);
    expect(heatTop([])).toBe(0.01);
    expect(heatTop([{ weekday: 0, hour: 0, dials: 1, connects: 1, connectRate: 0.6 }])).toBe(0.6);
  });

  it('writes hours and the facts of a series', () => {
    expect(hourLabel(9)).toBe('09:00');
    expect(hourLabel(17)).toBe('17:00');
    expect(seriesFacts([3, 9, 4])).toEqual({ first: 3, last: 4, max: 9, total: 16 });
    expect(seriesFacts([])).toEqual({ first: 0, last: 0, max: 0, total: 0 });
  });
});

describe('figures in words', () => {
  it('writes talk time with hours, handle time in minutes, and rupees the Indian way', () => {
    expect(formatHms(3725)).toBe('1:02:05');
    expect(formatHms(65)).toBe('0:01:05');
    expect(formatHms(0)).toBe('0:00:00');
    expect(formatMinSec(125)).toBe('2:05');
    expect(formatMinSec(3725)).toBe('62:05');
    expect(formatRupees(250000, 'en')).toBe('₹2,50,000');
    expect(formatRupees(12.5, 'en')).toBe('₹12.5');
  });
});
