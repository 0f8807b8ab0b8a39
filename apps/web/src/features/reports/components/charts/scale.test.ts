import { describe, expect, it } from 'vitest';
import { clip, heatColor, heatTextLight, labelIndexes, linePath, niceAxis, niceStep, scaleLinear } from './scale';

describe('chart scales', () => {
  it('maps straight, and a single value to the middle', () => {
    expect(scaleLinear(0, 10, 100, 0)(5)).toBe(50);
    expect(scaleLinear(3, 3, 0, 10)(3)).toBe(5);
  });

  it('rounds steps to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.13)).toBe(0.2);
    expect(niceStep(340)).toBe(500);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(0)).toBe(1);
  });

  it('gives axes a round top and even ticks, whole for counts, never collapsing at zero', () => {
    expect(niceAxis(0.42, { minTop: 0.1 })).toEqual({ top: 0.6, ticks: [0, 0.2, 0.4, 0.6] });
    expect(niceAxis(0.38, { minTop: 0.1 })).toEqual({ top: 0.4, ticks: [0, 0.1, 0.2, 0.3, 0.4] });
    expect(niceAxis(970, { integer: true })).toEqual({ top: 1000, ticks: [0, 500, 1000] });
    expect(niceAxis(3, { integer: true })).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(niceAxis(0, { integer: true })).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceAxis(0, { minTop: 0.1 }).top).toBe(0.1);
  });

  it('breaks a line where a value is missing', () => {
    expect(
      linePath([
        { x: 0, y: 1 },
        { x: 1, y: 2 },
        { x: 2, y: null },
        { x: 3, y: 4 },
      ]),
    ).toBe('M0.0,1.0 L1.0,2.0 M3.0,4.0');
  });

  it('keeps labels apart, the first and the last always shown', () => {
    expect(labelIndexes(24, 230, 10)).toEqual([...Array(24).keys()]);
    expect(labelIndexes(30, 290, 60)).toEqual([0, 6, 12, 18, 29]);
    expect(labelIndexes(1, 100, 50)).toEqual([0]);
    expect(labelIndexes(0, 100, 50)).toEqual([]);
  });

  it('clips long labels by characters, Devanagari included', () => {
    expect(clip('Admissions 2027', 10)).toBe('Admission…');
    expect(clip('कन्वर्ज़न', 40)).toBe('कन्वर्ज़न');
  });

  it('ramps one hue from pale to deep, with light text on the dark half', () => {
    expect(heatColor(0)).toBe('#eaf3fa');
    expect(heatColor(1)).toBe('#003f63');
    expect(heatColor(0.75)).toBe('#0072b2');
    expect(heatColor(Number.NaN)).toBe('#eaf3fa');
    expect(heatTextLight(0.2)).toBe(false);
    expect(heatTextLight(0.8)).toBe(true);
  });
});
