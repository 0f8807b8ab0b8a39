/**
 * The wrap-up note's first text. The agent's own draft (typed during the call) wins; the note the
 * call's analysis suggests fills an empty box, or is offered beside the draft, never lost.
 */
export function prefillNote(draft: string | null | undefined, suggestion: string | null | undefined): { notes: string; offer: string | null } {
  const own = draft?.trim() ?? '';
  const suggested = suggestion?.trim() ?? '';
  if (!own) return { notes: suggested, offer: null };
  return { notes: own, offer: offerBeside(own, suggested) };
}

/** A suggestion worth offering beside what the note already says (null: nothing new in it). */
export function offerBeside(notes: string, suggestion: string | null | undefined): string | null {
  const suggested = suggestion?.trim() ?? '';
  return suggested && !notes.includes(suggested) ? suggested : null;
}

/** The note with the suggestion added as a paragraph of its own. */
export const withSuggestion = (notes: string, suggestion: string): string => (notes.trim() ? `${notes.trimEnd()}\n\n${suggestion}` : suggestion);
