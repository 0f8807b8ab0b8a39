import { describe, expect, it } from 'vitest';
import { addDays, inRange, isoDate, monthGrid, parseTypedDate, showTypedDate, timesOfDay } from './dates';

describe('typed dates, day first', () => {
  it('reads day/month/year with any separator, two-digit years, ISO, and Devanagari digits', () => {
    expect(parseTypedDate('5/12/2026')).toBe('2026-12-05');
    expect(parseTypedDate(' 05-12-26 ')).toBe('2026-12-05');
    expect(parseTypedDate('5.1.2027')).toBe('2027-01-05');
    expect(parseTypedDate('2026-12-05')).toBe('2026-12-05');
    expect(parseTypedDate('५/१२/२०२६')).toBe('2026-12-05');
    expect(parseTypedDate('')).toBe('');
  });

  it('refuses what is not a day: 31 February, month 13, words, the US order when it cannot be a day', () => {
    expect(parseTypedDate('31/02/2026')).toBeNull();
    expect(parseTypedDate('12/13/2026')).toBeNull();
    expect(parseTypedDate('tomorrow')).toBeNull();
    expect(parseTypedDate('2026/12')).toBeNull();
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2025, 2, 29)).toBeNull();
  });

  it('shows a value day first', () => {
    expect(showTypedDate('2026-12-05')).toBe('05/12/2026');
    expect(showTypedDate('')).toBe('');
  });
});

describe('the month view', () => {
  it('starts weeks on Monday and pads to whole weeks', () => {
    // 1 December 2026 is a Tuesday.
    const grid = monthGrid(2026, 12);
    expect(grid.slice(0, 2)).toEqual([null, '2026-12-01']);
    expect(grid.length % 7).toBe(0);
    expect(grid.filter(Boolean)).toHaveLength(31);
  });

  it('moves by days across months and years, and keeps within limits', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(inRange('2026-12-05', '2026-12-01', '2026-12-31')).toBe(true);
    expect(inRange('2026-11-30', '2026-12-01')).toBe(false);
  });

  it('lists the times of a day by step', () => {
    expect(timesOfDay(30)).toHaveLength(48);
    expect(timesOfDay(15).slice(0, 3)).toEqual(['00:00', '00:15', '00:30']);
  });
});
