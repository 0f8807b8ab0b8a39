import { describe, expect, it } from 'vitest';
import { offerBeside, prefillNote, withSuggestion } from './wrapUpNote';

describe('the wrap-up note', () => {
  it('starts from the agent’s own draft, and offers the suggested note beside it', () => {
    expect(prefillNote('Wants hostel details ', 'Lead asked about fees.')).toEqual({ notes: 'Wants hostel details', offer: 'Lead asked about fees.' });
    // A suggestion the draft already holds is not offered twice.
    expect(prefillNote('Lead asked about fees. Call Friday', 'Lead asked about fees.')).toEqual({ notes: 'Lead asked about fees. Call Friday', offer: null });
  });

  it('takes the suggested note when there is no draft, and is empty with neither', () => {
    expect(prefillNote('', 'Lead asked about fees.')).toEqual({ notes: 'Lead asked about fees.', offer: null });
    expect(prefillNote(undefined, ' Interested. ')).toEqual({ notes: 'Interested.', offer: null });
    expect(prefillNote(null, null)).toEqual({ notes: '', offer: null });
    expect(prefillNote('  \n', undefined)).toEqual({ notes: '', offer: null });
  });

  it('adds an offered suggestion as its own paragraph', () => {
    expect(withSuggestion('Wants hostel details\n', 'Asked about fees.')).toBe('Wants hostel details\n\nAsked about fees.');
    expect(withSuggestion('  ', 'Asked about fees.')).toBe('Asked about fees.');
    expect(offerBeside('typed after', 'Asked about fees.')).toBe('Asked about fees.');
    expect(offerBeside('Asked about fees.', 'Asked about fees.')).toBeNull();
  });
});
