import type { TranscriptSegment } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { lanesFromTranscript, lineLength, msAtFraction, percentAt, spanBoxes } from './timelineGeometry';

describe('the line', () => {
  it('is as long as the recording when its length is known', () => {
    expect(lineLength({ mediaMs: 61_500, talkSeconds: 60, lanes: { lead: [{ startMs: 0, endMs: 70_000 }], agent: [] } })).toBe(61_500);
  });

  it('else reaches the last speech or the talk time, whichever is later', () => {
    const lanes = { lead: [{ startMs: 1000, endMs: 40_000 }], agent: [{ startMs: 0, endMs: 52_000 }] };
    expect(lineLength({ mediaMs: Number.NaN, talkSeconds: 50, lanes })).toBe(52_000);
    expect(lineLength({ mediaMs: null, talkSeconds: 60, lanes })).toBe(60_000);
    expect(lineLength({})).toBe(1);
  });

  it('places moments by their share of it, and a click back at the same moment', () => {
    expect(percentAt(15_000, 60_000)).toBe(25);
    expect(percentAt(90_000, 60_000)).toBe(100);
    expect(percentAt(-10, 60_000)).toBe(0);
    expect(msAtFraction(0.25, 60_000)).toBe(15_000);
    expect(msAtFraction(1.2, 60_000)).toBe(60_000);
    expect(msAtFraction(-0.1, 60_000)).toBe(0);
  });
});

describe('spans as boxes', () => {
  it('start where the speech starts and are as wide as it lasts', () => {
    expect(spanBoxes([{ startMs: 6000, endMs: 12_000 }], 60_000)).toEqual([{ left: 10, width: 10 }]);
  });

  it('keep a short sound visible as a tick, and inside the line at its very end', () => {
    expect(spanBoxes([{ startMs: 30_000, endMs: 30_010 }], 60_000)).toEqual([{ left: 50, width: 0.4 }]);
    const [end] = spanBoxes([{ startMs: 59_990, endMs: 60_000 }], 60_000);
    expect((end?.left ?? 0) + (end?.width ?? 0)).toBeCloseTo(100);
  });

  it('cut speech running past the end, and drop empty spans or those wholly past it', () => {
    expect(spanBoxes([{ startMs: 54_000, endMs: 70_000 }], 60_000)).toEqual([{ left: 90, width: 10 }]);
    expect(
      spanBoxes(
        [
          { startMs: 61_000, endMs: 62_000 },
          { startMs: 5000, endMs: 5000 },
        ],
        60_000,
      ),
    ).toEqual([]);
  });
});

describe('lanes from the transcript', () => {
  const seg = (seq: number, speaker: 'agent' | 'lead', startMs: number, endMs: number): TranscriptSegment => ({
    id: String(seq),
    callId: '00000000-0000-4000-8000-000000000001',
    seq,
    speaker,
    language: 'hi',
    text: 'haan ji',
    startMs,
    endMs,
  });

  it('gives each side its lines in time order, joining those that touch or overlap', () => {
    const lanes = lanesFromTranscript([
      seg(0, 'agent', 0, 3000),
      seg(1, 'lead', 3500, 6000),
      seg(3, 'agent', 9000, 10_000),
      seg(2, 'agent', 2500, 4000),
      seg(4, 'lead', 6000, 7000),
    ]);
    expect(lanes).toEqual({
      agent: [
        { startMs: 0, endMs: 4000 },
        { startMs: 9000, endMs: 10_000 },
      ],
      lead: [{ startMs: 3500, endMs: 7000 }],
    });
  });

  it('is none without timed lines', () => {
    expect(lanesFromTranscript([])).toBe(null);
    expect(lanesFromTranscript([seg(0, 'lead', 0, 0)])).toBe(null);
  });
});
