import { describe, expect, it } from 'vitest';
import { scrollToShow } from './scrollToShow';

describe('keeping the line in view', () => {
  const view = { scrollTop: 200, height: 300 };

  it('leaves the list alone while the line shows with room to spare', () => {
    expect(scrollToShow({ top: 260, height: 40 }, view)).toBe(null);
  });

  it('scrolls a line below or above the view to a third of the way down', () => {
    expect(scrollToShow({ top: 600, height: 30 }, view)).toBe(510);
    expect(scrollToShow({ top: 50, height: 30 }, view)).toBe(0);
    expect(scrollToShow({ top: 190, height: 30 }, view)).toBe(100);
  });

  it('puts a line taller than the view at its top, less the margin', () => {
    expect(scrollToShow({ top: 1000, height: 500 }, view)).toBe(976);
  });
});
