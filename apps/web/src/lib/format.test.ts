import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from './format';

// Four in the afternoon in India, whatever zone the tests run in (the hour may differ; the words may not).
const at = '2026-12-05T16:00:00+05:30';

describe('times of day in the interface language', () => {
  it('says the part of the day in Hindi words, not the English am/pm', () => {
    const hi = formatTime(at, 'hi');
    expect(hi).not.toMatch(/\b(am|pm|AM|PM)\b/);
    expect(hi).toMatch(/सुबह|दोपहर|शाम|रात/);
    expect(formatDateTime(at, 'hi')).toMatch(/सुबह|दोपहर|शाम|रात/);
  });

  it('keeps am/pm in English', () => {
    expect(formatTime(at, 'en')).toMatch(/am|pm/i);
  });
});
