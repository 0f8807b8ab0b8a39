import type { TranscriptSegment } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { activeUtterance, indexUtterances, keyMove, startFromQuery } from './playback';

let seq = 0;
const line = (speaker: 'agent' | 'lead', startMs: number, endMs: number): TranscriptSegment => ({
  id: `s${seq}`,
  callId: '00000000-0000-4000-8000-000000000001',
  seq: seq++,
  speaker,
  language: 'en',
  text: `${speaker} ${startMs}`,
  startMs,
  endMs,
});

describe('the utterance being spoken', () => {
  // Agent 0-4 s, lead 5-9 s, agent 8.5-12 s (cuts in), a silence, lead 20-30 s with a short agent "haan" inside it.
  const a1 = line('agent', 0, 4000);
  const l1 = line('lead', 5000, 9000);
  const a2 = line('agent', 8500, 12_000);
  const l2 = line('lead', 20_000, 30_000);
  const a3 = line('agent', 22_000, 22_400);
  // Stored by seq, not by time: the lead's long line arrived last.
  const index = indexUtterances([a1, a2, l1, a3, l2]);
  const at = (ms: number) => activeUtterance(index, ms)?.seq ?? null;

  it('is the line whose span holds the moment, start inclusive, end exclusive', () => {
    expect(at(0)).toBe(a1.seq);
    expect(at(3999)).toBe(a1.seq);
    expect(at(4000)).toBe(null);
    expect(at(5000)).toBe(l1.seq);
    expect(at(11_999)).toBe(a2.seq);
  });

  it('is the side that cut in while both speak', () => {
    expect(at(8700)).toBe(a2.seq);
    expect(at(22_100)).toBe(a3.seq);
  });

  it('goes back to a long line that is still going after a short one inside it ends', () => {
    expect(at(22_500)).toBe(l2.seq);
    expect(at(29_999)).toBe(l2.seq);
  });

  it('is none in a silence, before the first line and after the last', () => {
    expect(at(15_000)).toBe(null);
    expect(at(-1)).toBe(null);
    expect(at(30_000)).toBe(null);
    expect(activeUtterance(indexUtterances([]), 1000)).toBe(null);
  });
});

describe('?t= in the address', () => {
  it('is whole milliseconds from the start', () => {
    expect(startFromQuery('83500')).toBe(83_500);
    expect(startFromQuery('0')).toBe(0);
  });

  it('is ignored when missing or not a plain number', () => {
    for (const v of [null, '', '-5', '1.5', 'abc', '12s', '9999999999']) expect(startFromQuery(v)).toBe(null);
  });
});

describe('keys on the call’s line', () => {
  const at = { shift: false, positionMs: 20_000, lengthMs: 60_000 };

  it('play and pause with Space or K', () => {
    expect(keyMove(' ', at)).toBe('toggle');
    expect(keyMove('k', at)).toBe('toggle');
  });

  it('step 5 s with the arrows, 15 s with Shift, 30 s with the Page keys', () => {
    expect(keyMove('ArrowRight', at)).toBe(25_000);
    expect(keyMove('ArrowUp', at)).toBe(25_000);
    expect(keyMove('ArrowLeft', at)).toBe(15_000);
    expect(keyMove('ArrowDown', { ...at, shift: true })).toBe(5000);
    expect(keyMove('PageUp', at)).toBe(50_000);
    expect(keyMove('PageDown', at)).toBe(0);
  });

  it('stay within the call, and go to its ends with Home and End', () => {
    expect(keyMove('ArrowRight', { ...at, positionMs: 58_000 })).toBe(60_000);
    expect(keyMove('ArrowLeft', { ...at, positionMs: 2000 })).toBe(0);
    expect(keyMove('Home', at)).toBe(0);
    expect(keyMove('End', at)).toBe(60_000);
  });

  it('leave other keys to the page', () => {
    expect(keyMove('Tab', at)).toBe(null);
    expect(keyMove('Enter', at)).toBe(null);
  });
});
