/** A snippet's text cut into pieces at its marks, the matched words flagged, for <mark> without HTML. */
export type TextPiece = { text: string; marked: boolean };

/**
 * Marks are offsets into `text` from the server: they may come unsorted, overlapping or past the
 * end; pieces are in order, never empty, and put back together give the text unchanged.
 */
export function piecesOf(text: string, marks: readonly { start: number; end: number }[]): TextPiece[] {
  const spans = marks
    .map((m) => ({ start: Math.max(0, Math.min(text.length, m.start)), end: Math.max(0, Math.min(text.length, m.end)) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const m of merged) {
    if (m.start > at) pieces.push({ text: text.slice(at, m.start), marked: false });
    pieces.push({ text: text.slice(m.start, m.end), marked: true });
    at = m.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}
