/** Lead ids pasted into a box: whatever separates them (spaces, commas, lines, a spreadsheet's tabs). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API takes at most this many at once. */
export const MAX_LEAD_IDS = 10_000;

/** Each id once (lower-cased), and the pieces that are not ids, to show back. */
export function parseLeadIds(text: string): { ids: string[]; invalid: string[] } {
  const ids = new Set<string>();
  const invalid: string[] = [];
  for (const piece of text.split(/[\s,;]+/)) {
    const v = piece.trim().replace(/^["']|["']$/g, '');
    if (!v) continue;
    if (UUID.test(v)) ids.add(v.toLowerCase());
    else invalid.push(v);
  }
  return { ids: [...ids], invalid };
}
