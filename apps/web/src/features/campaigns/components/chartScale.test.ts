import { describe, expect, it } from 'vitest';
import { type Box, chartLayout, fromFirstActivity, linePath, niceCeil, rateTop, scaleLinear, type TimelinePoint, tickIndexes } from './chartScale';

const box: Box = { width: 600, height: 200, top: 10, right: 40, bottom: 30, left: 40 };
const point = (i: number, over: Partial<TimelinePoint> = {}): TimelinePoint => ({
  at: new Date(Date.UTC(2026, 2, 2, 4, 30 * i)).toISOString(),
  dialed: 10,
  abandonRate: 0.02,
  occupancy: 0.5,
  ...over,
});

describe('the day chart', () => {
  it('maps a domain straight onto the range, and a single value to its middle', () => {
    const s = scaleLinear(0, 10, 100, 0);
    expect(s(0)).toBe(100);
    expect(s(10)).toBe(0);
    expect(s(2.5)).toBe(75);
    expect(scaleLinear(3, 3, 0, 50)(3)).toBe(25);
  });

  it('rounds an axis top up to 1, 2 or 5 of a power of ten', () => {
    expect(niceCeil(0.013)).toBe(0.02);
    expect(niceCeil(0.02)).toBe(0.02);
    expect(niceCeil(0.045)).toBe(0.05);
    expect(niceCeil(0.07)).toBe(0.1);
    expect(niceCeil(0)).toBe(0.01);
    // The cap always has room above it: a 3 % cap on a quiet day reads against a 5 % top.
    expect(rateTop([0, 0.01], 0.03)).toBe(0.05);
    expect(rateTop([0.12], 0.03)).toBe(0.2);
  });

  it('breaks a line where there is nothing to measure', () => {
    expect(
      linePath([
        { x: 0, y: 1 },
        { x: 1, y: null },
        { x: 2, y: 3 },
        { x: 3, y: 4 },
      ]),
    ).toBe('M0.0,1.0 M2.0,3.0 L3.0,4.0');
    expect(linePath([])).toBe('');
  });

  it('starts the day one half-hour before the first with any dialing or agent time', () => {
    const idle = { dialed: 0, abandonRate: 0, occupancy: 0 };
    const day = [point(0, idle), point(1, idle), point(2, idle), point(3, { dialed: 0, occupancy: 0.4 }), point(4)];
    expect(fromFirstActivity(day)).toEqual(day.slice(2));
    expect(fromFirstActivity([point(0), point(1, idle)])).toEqual([point(0), point(1, idle)]);
    expect(fromFirstActivity([point(0, idle), point(1, idle)])).toEqual([]);
  });

  it('labels at most a handful of times, starting at the first', () => {
    expect(tickIndexes(20, 6)).toEqual([0, 4, 8, 12, 16]);
    expect(tickIndexes(3, 6)).toEqual([0, 1, 2]);
    expect(tickIndexes(0, 6)).toEqual([]);
  });

  it('puts the half-hours across the plot, occupancy on its own axis and the cap on the rate axis', () => {
    const points = [point(0, { occupancy: 0 }), point(1, { dialed: 0, abandonRate: 0 }), point(2, { occupancy: 1, abandonRate: 0.05 })];
    const c = chartLayout(points, 0.03, box);
    expect(c.xs).toEqual([40, 300, 560]);
    expect(c.rateMax).toBe(0.05);
    // Bottom of the plot is 170, top 10: 5 % on a 5 % axis sits at the top, the 3 % cap 60 % of the way up.
    expect(c.capY).toBeCloseTo(170 - 0.6 * 160);
    expect(c.ratePath).toBe('M40.0,106.0 M560.0,10.0');
    expect(c.ratePoints[1]).toEqual({ x: 300, y: null });
    expect(c.occupancyPath).toBe('M40.0,170.0 L300.0,90.0 L560.0,10.0');
    expect(c.occupancyTicks.map((t) => t.y)).toEqual([170, 90, 10]);
  });
});
