import { describe, expect, it } from 'vitest';
import { defaultCallbackTime, isDue, isOverdue, localInputToIso, toLocalInput } from './callbackTime';

describe('callback times', () => {
  const now = Date.parse('2026-03-02T10:00:00.000Z');

  it('fall due on the clock, and are overdue once past', () => {
    expect(isDue({ dueAt: '2026-03-02T10:00:03.000Z' }, now)).toBe(false);
    expect(isDue({ dueAt: '2026-03-02T10:00:03.000Z' }, now + 3000)).toBe(true);
    expect(isOverdue({ dueAt: '2026-03-02T10:00:03.000Z' }, now + 3000)).toBe(false);
    expect(isOverdue({ dueAt: '2026-03-02T10:00:03.000Z' }, now + 3001)).toBe(true);
  });

  it('offer tomorrow at 11:00 first, and round-trip through the input', () => {
    const offer = defaultCallbackTime(new Date(2026, 2, 2, 15, 30));
    expect(offer).toBe('2026-03-03T11:00');
    expect(toLocalInput(new Date(localInputToIso(offer) ?? ''))).toBe(offer);
    expect(localInputToIso('')).toBeNull();
  });
});
