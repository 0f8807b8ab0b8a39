import { ScorecardInput } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { defaultCheck, emptyDraft, inputOf, keyFrom, phrasesFrom } from './scorecardDraft';

describe('scorecard drafts', () => {
  it('makes keys from the words, unique and within the server’s rule', () => {
    expect(keyFrom('Says the call is recorded!', new Set())).toBe('says-the-call-is-recorded');
    expect(keyFrom('Says the call is recorded', new Set(['says-the-call-is-recorded']))).toBe('says-the-call-is-recorded-2');
    expect(keyFrom('रिकॉर्डिंग बताई', new Set())).toBe('question');
    const long = keyFrom('a'.repeat(80), new Set());
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^[a-z0-9][a-z0-9_-]{0,39}$/);
  });

  it('reads phrases one per line', () => {
    expect(phrasesFrom('recorded\n\n  रिकॉर्ड  \nrecorded\n')).toEqual(['recorded', 'रिकॉर्ड']);
  });

  it('sends what the server accepts once filled in, and every kind’s default check is valid but for its own words', () => {
    const d = emptyDraft();
    d.name = ' Card ';
    const s = d.sections[0];
    if (!s) throw new Error('no section');
    s.title = 'Opening';
    s.titleHi = '  ';
    const q = s.questions[0];
    if (!q) throw new Error('no question');
    q.text = 'Greets';
    expect(ScorecardInput.safeParse(inputOf(d)).success).toBe(true);
    expect(inputOf(d)).toMatchObject({ name: 'Card', description: null, sections: [{ titleHi: null }] });
    for (const kind of ['checkpoint', 'talk_ratio', 'sentiment', 'objection_handled'] as const) {
      q.check = defaultCheck(kind);
      expect(ScorecardInput.safeParse(inputOf(d)).success).toBe(true);
    }
    // A phrase check needs its phrases, a model's question its instruction: the server says so.
    q.check = defaultCheck('phrase');
    expect(ScorecardInput.safeParse(inputOf(d)).error?.issues[0]?.message).toBe('give at least one phrase');
    q.check = defaultCheck('llm');
    expect(ScorecardInput.safeParse(inputOf(d)).success).toBe(false);
  });
});
