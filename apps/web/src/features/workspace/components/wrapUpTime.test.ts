import { describe, expect, it } from 'vitest';
import { formatCountdown, wrapUpLeft, wrapUpShare, wrapUpUrgent } from './wrapUpTime';

const ended = '2026-03-02T10:00:00.000Z';
const at = (seconds: number) => Date.parse(ended) + seconds * 1000;

describe('the wrap-up countdown', () => {
  it('counts down from the end of the call, in whole seconds, and stops at zero', () => {
    expect(wrapUpLeft(ended, 30, at(0))).toBe(30);
    expect(wrapUpLeft(ended, 30, at(0.4))).toBe(30);
    expect(wrapUpLeft(ended, 30, at(12.5))).toBe(18);
    expect(wrapUpLeft(ended, 30, at(30))).toBe(0);
    expect(wrapUpLeft(ended, 30, at(95))).toBe(0);
  });

  it('never shows more than the limit when the browser clock is behind', () => {
    expect(wrapUpLeft(ended, 30, at(-4))).toBe(30);
  });

  it('is absent when the campaign sets no limit, or the end is unknown', () => {
    expect(wrapUpLeft(ended, 0, at(1))).toBeNull();
    expect(wrapUpLeft(null, 30, at(1))).toBeNull();
    expect(wrapUpLeft('not a date', 30, at(1))).toBeNull();
  });

  it('reads as minutes and seconds', () => {
    expect(formatCountdown(7)).toBe('0:07');
    expect(formatCountdown(75)).toBe('1:15');
    expect(formatCountdown(600)).toBe('10:00');
    expect(formatCountdown(-3)).toBe('0:00');
  });

  it('shrinks its bar with the time left, and turns urgent for the last ten seconds', () => {
    expect(wrapUpShare(15, 30)).toBe(0.5);
    expect(wrapUpShare(45, 30)).toBe(1);
    expect(wrapUpShare(5, 0)).toBe(0);
    expect(wrapUpUrgent(11)).toBe(false);
    expect(wrapUpUrgent(10)).toBe(true);
  });
});
