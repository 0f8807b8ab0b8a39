/**
 * A wrap-up checked against its disposition: the note (the one drafted during the call when the
 * body gives none), the sub-disposition, the answer to the disposition's question and the
 * callback time, each refused with its own field when the disposition requires it and it is missing.
 */
import type { Disposition, DispositionBody, SubDisposition } from '@telehub/shared';
import { type FieldProblem, wrapUpRefused } from './calls.errors.js';

export type CheckedWrapUp = {
  notes: string | null;
  subDisposition: SubDisposition | null;
  answer: string | null;
  callbackAt: Date | null;
};

export function checkWrapUp(d: Disposition, body: DispositionBody, v: { draft: string | null; now: Date }): CheckedWrapUp {
  const problems: (FieldProblem & { code?: 'CALLBACK_TIME_REQUIRED' | 'CALLBACK_TIME_PAST' })[] = [];
  // A body without notes keeps what the agent typed during the call; notes given (even empty) replace it.
  const notes = (body.notes ?? v.draft ?? '').trim() || null;
  const answer = body.answer?.trim() || null;
  const callbackAt = body.callbackAt ? new Date(body.callbackAt) : null;
  const subDisposition = body.subDisposition ? (d.subDispositions.find((s) => s.code === body.subDisposition) ?? null) : null;

  if (body.subDisposition && !subDisposition) {
    const codes = d.subDispositions.map((s) => s.code);
    problems.push({
      path: 'subDisposition',
      message: codes.length > 0 ? `not one of ${d.code}'s sub-dispositions (${codes.join(', ')})` : `${d.code} has no sub-dispositions`,
    });
  } else if (!subDisposition && d.required.includes('subDisposition')) {
    problems.push({ path: 'subDisposition', message: 'this disposition needs a sub-disposition' });
  }
  if (!notes && d.required.includes('notes')) problems.push({ path: 'notes', message: 'this disposition needs a note' });
  if (answer && !d.question) problems.push({ path: 'answer', message: `${d.code} asks no question` });
  if (!answer && d.question && d.required.includes('answer'))
    problems.push({ path: 'answer', message: `this disposition needs an answer to "${d.question.label}"` });
  if (d.requiresCallback && !callbackAt)
    problems.push({ path: 'callbackAt', message: 'this disposition needs a callback time', code: 'CALLBACK_TIME_REQUIRED' });
  if (callbackAt && callbackAt <= v.now) problems.push({ path: 'callbackAt', message: 'must be in the future', code: 'CALLBACK_TIME_PAST' });
  if (problems.length > 0) throw wrapUpRefused(problems);
  return { notes, subDisposition, answer: d.question ? answer : null, callbackAt };
}
