import { describe, expect, it } from 'vitest';
import { addDays, dayCount, dayIn, formatPeriod, isDay, presetRange, REPORT_TIME_ZONE, resolvePeriod } from './periods';

describe('report periods', () => {
  it('counts days in India, whatever the browser zone: 20:00 UTC is already the next day there', () => {
    expect(dayIn(REPORT_TIME_ZONE, new Date('2026-12-04T18:29:00Z'))).toBe('2026-12-04');
    expect(dayIn(REPORT_TIME_ZONE, new Date('2026-12-04T18:31:00Z'))).toBe('2026-12-05');
    expect(dayIn(REPORT_TIME_ZONE, new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
  });

  it('reads only real calendar days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-2-3')).toBe(false);
    expect(isDay('')).toBe(false);
    expect(isDay(null)).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(dayCount({ from: '2026-12-01', to: '2026-12-07' })).toBe(7);
    expect(dayCount({ from: '2026-12-01', to: '2026-12-01' })).toBe(1);
  });

  it('gives each preset its days, today included', () => {
    const today = '2026-12-04';
    expect(presetRange('today', today)).toEqual({ from: today, to: today });
    expect(presetRange('yesterday', today)).toEqual({ from: '2026-12-03', to: '2026-12-03' });
    expect(presetRange('last7', today)).toEqual({ from: '2026-11-28', to: today });
    expect(presetRange('last30', today)).toEqual({ from: '2026-11-05', to: today });
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-12-01', to: today });
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetRange('lastMonth', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('lastMonth', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('keeps what it can of a custom period: order, one missing day, a broken day, the longest span', () => {
    const today = '2026-12-04';
    expect(resolvePeriod('custom', { from: '2026-11-01', to: '2026-11-10' }, today)).toEqual({ from: '2026-11-01', to: '2026-11-10' });
    expect(resolvePeriod('custom', { from: '2026-11-10', to: '2026-11-01' }, today)).toEqual({ from: '2026-11-01', to: '2026-11-10' });
    expect(resolvePeriod('custom', { from: '2026-11-10' }, today)).toEqual({ from: '2026-11-10', to: '2026-11-10' });
    expect(resolvePeriod('custom', { from: 'soon', to: '2026-11-03' }, today)).toEqual({ from: '2026-11-03', to: '2026-11-03' });
    expect(resolvePeriod('custom', {}, today)).toEqual({ from: today, to: today });
    const long = resolvePeriod('custom', { from: '2020-01-01', to: '2026-12-04' }, today);
    expect(long.to).toBe('2026-12-04');
    expect(dayCount(long)).toBe(800);
    expect(resolvePeriod('last7', { from: '2020-01-01' }, today)).toEqual({ from: '2026-11-28', to: today });
  });

  it('writes the period in the interface language, days as calendar days', () => {
    const en = formatPeriod({ from: '2026-12-01', to: '2026-12-07' }, 'en');
    expect(en).toMatch(/1/);
    expect(en).toMatch(/7/);
    expect(en).toMatch(/Dec/);
    expect(en).toMatch(/2026/);
    expect(formatPeriod({ from: '2026-12-01', to: '2026-12-01' }, 'en')).toBe('1 Dec 2026');
    const across = formatPeriod({ from: '2026-12-28', to: '2027-01-03' }, 'en');
    expect(across).toMatch(/2026/);
    expect(across).toMatch(/2027/);
    expect(formatPeriod({ from: '2026-12-01', to: '2026-12-07' }, 'hi')).toMatch(/दिस/);
  });
});
