import type { Disposition } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { outcomeText } from './dispositionLabel';

const list: Disposition[] = [
  {
    code: 'not_interested',
    label: 'Not interested',
    labelHi: 'रुचि नहीं',
    leadStatus: 'not_interested',
    requiresCallback: false,
    connected: true,
    key: '3',
    subDispositions: [{ code: 'fees', label: 'Fees too high', labelHi: 'फीस ज़्यादा' }],
    required: ['subDisposition'],
    question: null,
  },
];

describe('outcomeText', () => {
  it('names the outcome with its reason, in the reader’s language', () => {
    expect(outcomeText({ disposition: 'not_interested', subDisposition: 'fees' }, list, 'en')).toBe('Not interested · Fees too high');
    expect(outcomeText({ disposition: 'not_interested', subDisposition: 'fees' }, list, 'hi')).toBe('रुचि नहीं · फीस ज़्यादा');
    expect(outcomeText({ disposition: 'not_interested', subDisposition: null }, list, 'en')).toBe('Not interested');
  });

  it('shows codes the list no longer has as they were stored', () => {
    expect(outcomeText({ disposition: 'not_interested', subDisposition: 'distance' }, list, 'en')).toBe('Not interested · distance');
    expect(outcomeText({ disposition: 'applied', subDisposition: 'online' }, undefined, 'en')).toBe('applied · online');
    expect(outcomeText({ disposition: null }, list, 'en')).toBe('');
  });
});
