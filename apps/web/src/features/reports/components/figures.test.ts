import { DIAL_BLOCK_REASONS } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { everyDay, peakOf, refusalsByReason, sharedCap } from './figures';

describe('compliance and sources figures', () => {
  it('lays a series over every day of the period, a day left out as nothing, a day outside the period dropped', () => {
    const days = everyDay(
      { from: '2026-02-27', to: '2026-03-02' },
      [
        { day: '2026-03-01', refusals: 4 },
        { day: '2026-02-27', refusals: 1 },
        { day: '2026-03-09', refusals: 9 },
      ],
      (day) => ({ day, refusals: 0 }),
    );
    expect(days).toEqual([
      { day: '2026-02-27', refusals: 1 },
      { day: '2026-02-28', refusals: 0 },
      { day: '2026-03-01', refusals: 4 },
      { day: '2026-03-02', refusals: 0 },
    ]);
    expect(everyDay({ from: '2026-03-02', to: '2026-03-02' }, [], (day) => ({ day, rate: null }))).toEqual([{ day: '2026-03-02', rate: null }]);
  });

  it('lists every rule with its refusals, most first, ties in the rules’ order', () => {
    const ranked = refusalsByReason([
      { reason: 'calling_hours', refusals: 3 },
      { reason: 'dnd', refusals: 12 },
      { reason: 'attempt_limit', refusals: 3 },
    ]);
    expect(ranked).toHaveLength(DIAL_BLOCK_REASONS.length);
    expect(ranked.slice(0, 4)).toEqual([
      { reason: 'dnd', refusals: 12 },
      { reason: 'calling_hours', refusals: 3 },
      { reason: 'attempt_limit', refusals: 3 },
      { reason: 'consent_required', refusals: 0 },
    ]);
    // The rules without refusals keep the rules' own order, the last rule last.
    expect(ranked.at(-1)).toEqual({ reason: DIAL_BLOCK_REASONS.at(-1), refusals: 0 });
    // A rule the server sent twice counts once, with both figures.
    expect(
      refusalsByReason([
        { reason: 'agent_busy', refusals: 2 },
        { reason: 'agent_busy', refusals: 5 },
      ])[0],
    ).toEqual({ reason: 'agent_busy', refusals: 7 });
  });

  it('draws a cap line only when every capped campaign shares the cap', () => {
    expect(sharedCap([{ cap: 0.03 }, { cap: null }, { cap: 0.03 }])).toBe(0.03);
    expect(sharedCap([{ cap: 0.03 }, { cap: 0.05 }])).toBeNull();
    expect(sharedCap([{ cap: null }])).toBeNull();
    expect(sharedCap([])).toBeNull();
    expect(sharedCap([{ cap: 0 }])).toBe(0);
  });

  it('finds the peak of a series, the first of equals, nothing when no value is known', () => {
    const days = [
      { day: 'a', rate: null },
      { day: 'b', rate: 0.04 },
      { day: 'c', rate: 0.07 },
      { day: 'd', rate: 0.07 },
    ];
    expect(peakOf(days, (d) => d.rate)?.day).toBe('c');
    expect(peakOf([{ rate: null }], (d) => d.rate)).toBeNull();
    expect(peakOf([], (d: { n: number }) => d.n)).toBeNull();
    expect(peakOf([{ n: 0 }], (d) => d.n)).toEqual({ n: 0 });
  });
});
