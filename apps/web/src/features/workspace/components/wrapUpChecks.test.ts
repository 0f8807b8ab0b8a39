import type { Disposition } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { firstProblem, problemsFromServer, wrapUpProblems } from './wrapUpChecks';

const base: Disposition = {
  code: 'interested',
  label: 'Interested',
  labelHi: null,
  leadStatus: 'interested',
  requiresCallback: false,
  connected: true,
  key: '1',
  subDispositions: [],
  required: [],
  question: null,
};
const notInterested: Disposition = {
  ...base,
  code: 'not_interested',
  key: '3',
  subDispositions: [
    { code: 'fees', label: 'Fees too high', labelHi: null },
    { code: 'distance', label: 'Too far', labelHi: null },
  ],
  required: ['subDisposition', 'notes'],
};
const visit: Disposition = { ...base, code: 'visit', key: '7', question: { label: 'Which day?', labelHi: null }, required: ['answer'] };
const callback: Disposition = { ...base, code: 'callback', key: '2', requiresCallback: true };
const empty = { sub: null, notes: '', answer: '', callbackIso: null };
const NOW = Date.parse('2026-03-10T06:30:00Z');

describe('wrap-up checks', () => {
  it('asks for an outcome first', () => {
    expect(wrapUpProblems(null, empty, NOW)).toEqual({ outcome: 'chooseOutcome' });
    expect(wrapUpProblems(base, empty, NOW)).toEqual({});
  });

  it('names every field the outcome requires and lacks', () => {
    expect(wrapUpProblems(notInterested, empty, NOW)).toEqual({ subDisposition: 'subRequired', notes: 'notesRequired' });
    // A reason from another outcome's list does not count.
    expect(wrapUpProblems(notInterested, { ...empty, sub: 'online', notes: 'Far away' }, NOW)).toEqual({ subDisposition: 'subRequired' });
    expect(wrapUpProblems(notInterested, { ...empty, sub: 'fees', notes: '  ' }, NOW)).toEqual({ notes: 'notesRequired' });
    expect(wrapUpProblems(notInterested, { ...empty, sub: 'fees', notes: 'Fees' }, NOW)).toEqual({});
    expect(wrapUpProblems(visit, empty, NOW)).toEqual({ answer: 'answerRequired' });
    expect(wrapUpProblems(visit, { ...empty, answer: 'Friday' }, NOW)).toEqual({});
  });

  it('wants a callback time in the future', () => {
    expect(wrapUpProblems(callback, empty, NOW)).toEqual({ callbackAt: 'callbackRequired' });
    expect(wrapUpProblems(callback, { ...empty, callbackIso: '2026-03-10T06:00:00Z' }, NOW)).toEqual({ callbackAt: 'callbackPast' });
    expect(wrapUpProblems(callback, { ...empty, callbackIso: '2026-03-10T12:00:00Z' }, NOW)).toEqual({});
  });

  it('reads the server’s refusal back onto the fields, and finds the first in the form’s order', () => {
    const p = problemsFromServer([
      { path: 'notes', message: 'this disposition needs a note' },
      { path: 'subDisposition', message: 'this disposition needs a sub-disposition' },
      { path: 'callbackAt', message: 'must be in the future' },
      { path: 'somethingElse', message: 'x' },
    ]);
    expect(p).toEqual({ notes: 'notesRequired', subDisposition: 'subRequired', callbackAt: 'callbackPast' });
    expect(firstProblem(p)).toBe('subDisposition');
    expect(firstProblem({})).toBeUndefined();
  });
});
