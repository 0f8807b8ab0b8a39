import { describe, expect, it } from 'vitest';
import { describeDuration, formatDurationText, joinDuration, parseDurationText, splitDuration, unitsFor } from './durations';

describe('duration texts', () => {
  it('reads every form the server takes, bare numbers as seconds', () => {
    expect(parseDurationText('900')).toBe(900);
    expect(parseDurationText('900s')).toBe(900);
    expect(parseDurationText('15m')).toBe(900);
    expect(parseDurationText('2h')).toBe(7200);
    expect(parseDurationText('1d')).toBe(86_400);
    expect(parseDurationText(' 30m ')).toBe(1800);
  });

  it('refuses what the server refuses', () => {
    for (const bad of ['', '1.5h', '15 min', '-5m', 'soon', '5w']) expect(parseDurationText(bad)).toBeNull();
    expect(parseDurationText(null)).toBeNull();
  });

  it('writes the shortest exact text, always with a unit (the SLA takes no bare seconds)', () => {
    expect(formatDurationText(7200)).toBe('2h');
    expect(formatDurationText(600)).toBe('10m');
    expect(formatDurationText(86_400)).toBe('1d');
    expect(formatDurationText(90)).toBe('90s');
    expect(formatDurationText(5400)).toBe('90m');
  });
});

describe('amounts and units a person enters', () => {
  it('picks the largest unit that divides exactly', () => {
    expect(splitDuration(900)).toEqual({ amount: '15', unit: 'm' });
    expect(splitDuration(7200)).toEqual({ amount: '2', unit: 'h' });
    expect(splitDuration(86_400)).toEqual({ amount: '24', unit: 'h' });
    expect(splitDuration(86_400, ['m', 'h', 'd'])).toEqual({ amount: '1', unit: 'd' });
    expect(splitDuration(30, ['s', 'm'])).toEqual({ amount: '30', unit: 's' });
  });

  it('keeps a value that is no whole number of the units, without rounding it away', () => {
    expect(splitDuration(90)).toEqual({ amount: '1.5', unit: 'm' });
    expect(splitDuration(5400)).toEqual({ amount: '90', unit: 'm' });
    expect(splitDuration(6)).toEqual({ amount: '6', unit: 's' });
    expect(splitDuration(61)).toEqual({ amount: '61', unit: 's' });
  });

  it('turns an amount and unit into seconds', () => {
    expect(joinDuration('10', 'm')).toBe(600);
    expect(joinDuration('1.5', 'h')).toBe(5400);
    expect(joinDuration('1,5', 'm')).toBe(90);
    expect(joinDuration(' 2 ', 'h')).toBe(7200);
    for (const bad of ['', '0', '-1', 'ten', '1e3', '0.001']) expect(joinDuration(bad, 'm')).toBeNull();
  });

  it('round-trips through the server text', () => {
    for (const seconds of [1, 6, 59, 60, 90, 600, 3600, 5400, 86_400, 172_800]) {
      const { amount, unit } = splitDuration(seconds, ['m', 'h']);
      const back = joinDuration(amount, unit);
      expect(back).toBe(seconds);
      expect(parseDurationText(formatDurationText(back ?? 0))).toBe(seconds);
    }
  });

  it('offers seconds only when the value needs them', () => {
    expect(unitsFor(900, ['m', 'h'])).toEqual(['m', 'h']);
    expect(unitsFor(6, ['m', 'h'])).toEqual(['s', 'm', 'h']);
    expect(unitsFor(null, ['m', 'h'])).toEqual(['m', 'h']);
  });

  it('describes a duration in words, in the interface language', () => {
    expect(describeDuration(1200, 'en-IN')).toBe('20 minutes');
    expect(describeDuration(7200, 'en-IN')).toBe('2 hours');
    expect(describeDuration(86_400, 'en-IN')).toBe('1 day');
    expect(describeDuration(90, 'en-IN')).toBe('1.5 minutes');
    expect(describeDuration(1200, 'hi-IN')).toContain('20');
  });
});
