/** What the wrap-up form checks before it saves, and the server's refusal read back onto its fields. */
import type { Disposition } from '@telehub/shared';

export type WrapUpField = 'outcome' | 'subDisposition' | 'notes' | 'answer' | 'callbackAt';
export type WrapUpProblem = 'chooseOutcome' | 'subRequired' | 'notesRequired' | 'answerRequired' | 'callbackRequired' | 'callbackPast';
export type WrapUpProblems = Partial<Record<WrapUpField, WrapUpProblem>>;

export type WrapUpValues = { sub: string | null; notes: string; answer: string; callbackIso: string | null };

/** The order the fields stand in on the form: the first problem is the one brought into view. */
export const FIELD_ORDER: readonly WrapUpField[] = ['outcome', 'subDisposition', 'answer', 'callbackAt', 'notes'];

/** Every field the chosen outcome needs and lacks (an empty object: ready to save). */
export function wrapUpProblems(chosen: Disposition | null, v: WrapUpValues, now: number): WrapUpProblems {
  if (!chosen) return { outcome: 'chooseOutcome' };
  const p: WrapUpProblems = {};
  const subChosen = v.sub !== null && chosen.subDispositions.some((s) => s.code === v.sub);
  if (chosen.required.includes('subDisposition') && chosen.subDispositions.length > 0 && !subChosen) p.subDisposition = 'subRequired';
  if (chosen.question && chosen.required.includes('answer') && !v.answer.trim()) p.answer = 'answerRequired';
  if (chosen.requiresCallback && !v.callbackIso) p.callbackAt = 'callbackRequired';
  else if (v.callbackIso && Date.parse(v.callbackIso) <= now) p.callbackAt = 'callbackPast';
  if (chosen.required.includes('notes') && !v.notes.trim()) p.notes = 'notesRequired';
  return p;
}

const FROM_SERVER: Record<string, WrapUpField> = { subDisposition: 'subDisposition', notes: 'notes', answer: 'answer', callbackAt: 'callbackAt' };

/** A refusal's details (one a field, 400 WRAP_UP_INCOMPLETE and the callback codes) as the form's problems. */
export function problemsFromServer(details: readonly { path: string; message: string }[]): WrapUpProblems {
  const p: WrapUpProblems = {};
  for (const d of details) {
    const field = FROM_SERVER[d.path];
    if (field === 'subDisposition') p.subDisposition = 'subRequired';
    else if (field === 'notes') p.notes = 'notesRequired';
    else if (field === 'answer') p.answer = 'answerRequired';
    else if (field === 'callbackAt') p.callbackAt = /future/.test(d.message) ? 'callbackPast' : 'callbackRequired';
  }
  return p;
}

/** The first field with a problem, in the form's order. */
export const firstProblem = (p: WrapUpProblems): WrapUpField | undefined => FIELD_ORDER.find((f) => p[f] !== undefined);
