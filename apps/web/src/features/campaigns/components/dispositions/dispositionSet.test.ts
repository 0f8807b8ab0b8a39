import type { Disposition } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { codeFrom, dispositionSetProblems, freeKey, moved, newDisposition, tidySet } from './dispositionSet';

const d = (over: Partial<Disposition>): Disposition => ({ ...newDisposition([], 'Interested'), code: 'interested', key: '1', ...over });

describe('a disposition list in the editor', () => {
  it('passes a sound list', () => {
    expect(dispositionSetProblems([d({}), d({ code: 'callback', key: '2', requiresCallback: true })])).toEqual({});
  });

  it('puts each problem on its field', () => {
    const items = [
      d({}),
      d({ code: 'interested', key: '1', label: ' ' }),
      d({ code: 'Bad Code', key: '10' }),
      d({ code: 'abandoned', key: '4' }),
      d({ code: 'not_interested', key: '5', required: ['subDisposition', 'answer'] }),
      d({
        code: 'lost',
        key: '6',
        subDispositions: [
          { code: 'fees', label: 'Fees', labelHi: null },
          { code: 'fees', label: '', labelHi: null },
        ],
      }),
    ];
    expect(dispositionSetProblems(items)).toEqual({
      '0.code': 'codeTwice',
      '0.key': 'keyTwice',
      '1.code': 'codeTwice',
      '1.key': 'keyTwice',
      '1.label': 'label',
      '2.code': 'code',
      '2.key': 'key',
      '3.code': 'codeReserved',
      '4.subDispositions': 'subsNeeded',
      '4.question': 'questionNeeded',
      '5.subs.0.code': 'codeTwice',
      '5.subs.1.code': 'codeTwice',
      '5.subs.1.label': 'label',
    });
    expect(dispositionSetProblems([])).toEqual({ '': 'empty' });
  });

  it('makes codes from labels and finds a free key', () => {
    expect(codeFrom('Fees too high!')).toBe('fees_too_high');
    expect(codeFrom('2nd visit booked')).toBe('nd_visit_booked');
    expect(codeFrom('फीस')).toBe('');
    expect(codeFrom('A')).toBe('');
    expect(freeKey([d({ key: '1' }), d({ key: '2' })])).toBe('3');
    expect(newDisposition([d({ key: '1' })], 'New').key).toBe('2');
  });

  it('tidies the words before sending, and moves items within bounds', () => {
    const [tidy] = tidySet([
      d({ label: ' Applied ', labelHi: ' ', question: { label: '  ', labelHi: null }, subDispositions: [{ code: 'x1', label: ' Online ', labelHi: '' }] }),
    ]);
    expect(tidy).toMatchObject({ label: 'Applied', labelHi: null, question: null, subDispositions: [{ code: 'x1', label: 'Online', labelHi: null }] });
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
