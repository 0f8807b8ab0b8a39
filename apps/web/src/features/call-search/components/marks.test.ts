import { describe, expect, it } from 'vitest';
import { piecesOf } from './marks';

const join = (pieces: { text: string }[]) => pieces.map((p) => p.text).join('');

describe('piecesOf', () => {
  it('flags the marked words and keeps the text whole', () => {
    const text = 'The fees are high, fees again';
    const pieces = piecesOf(text, [
      { start: 4, end: 8 },
      { start: 19, end: 23 },
    ]);
    expect(pieces).toEqual([
      { text: 'The ', marked: false },
      { text: 'fees', marked: true },
      { text: ' are high, ', marked: false },
      { text: 'fees', marked: true },
      { text: ' again', marked: false },
    ]);
    expect(join(pieces)).toBe(text);
  });

  it('marks Devanagari by its UTF-16 offsets, as the server counts them', () => {
    const text = 'फीस कितनी है';
    expect(piecesOf(text, [{ start: 0, end: 3 }])).toEqual([
      { text: 'फीस', marked: true },
      { text: ' कितनी है', marked: false },
    ]);
  });

  it('sorts, merges overlapping or touching marks and clamps them to the text', () => {
    const text = 'abcdefgh';
    const pieces = piecesOf(text, [
      { start: 6, end: 40 },
      { start: 1, end: 3 },
      { start: 2, end: 4 },
      { start: 4, end: 5 },
    ]);
    expect(pieces).toEqual([
      { text: 'a', marked: false },
      { text: 'bcde', marked: true },
      { text: 'f', marked: false },
      { text: 'gh', marked: true },
    ]);
    expect(join(pieces)).toBe(text);
  });

  it('ignores empty or reversed marks; no marks is the text as it is', () => {
    expect(
      piecesOf('hello', [
        { start: 3, end: 3 },
        { start: 4, end: 2 },
      ]),
    ).toEqual([{ text: 'hello', marked: false }]);
    expect(piecesOf('hello', [])).toEqual([{ text: 'hello', marked: false }]);
    expect(piecesOf('', [{ start: 0, end: 2 }])).toEqual([]);
  });

  it('leaves markup as text', () => {
    expect(piecesOf('<b>fees</b>', [{ start: 3, end: 7 }])).toEqual([
      { text: '<b>', marked: false },
      { text: 'fees', marked: true },
      { text: '</b>', marked: false },
    ]);
  });
});
