import { describe, expect, it } from 'vitest';
import { draftOf, parseHolidays, parseSpans, spansText } from './hoursText';

describe('hours as typed', () => {
  it('reads spans in the forms people type, in order, and says what is wrong', () => {
    expect(parseSpans('14:00-18:30, 09:30 – 13:00')).toEqual({
      spans: [
        ['09:30', '13:00'],
        ['14:00', '18:30'],
      ],
    });
    expect(parseSpans('')).toEqual({ spans: [] });
    expect(parseSpans('9:30-13:00')).toEqual({ problem: 'format' });
    expect(parseSpans('18:00-09:00')).toEqual({ problem: 'order' });
    expect(parseSpans('09:00-13:00, 12:00-15:00')).toEqual({ problem: 'overlap' });
    expect(
      spansText([
        ['09:30', '13:00'],
        ['14:00', '18:30'],
      ]),
    ).toBe('09:30-13:00, 14:00-18:30');
  });

  it('reads holidays, one per line or with commas, and points at the first that is not a date', () => {
    expect(parseHolidays('2026-12-25\n2026-01-26, 2026-12-25')).toEqual({ dates: ['2026-01-26', '2026-12-25'] });
    expect(parseHolidays('2026-12-25, 25/12/2026')).toEqual({ bad: '25/12/2026' });
  });

  it('starts a team with no hours from an office week it can change', () => {
    const d = draftOf(null);
    expect(d.anyHour).toBe(true);
    expect(d.days.mon).toBe('09:30-18:30');
    expect(d.days.sun).toBe('');
  });
});
