import type { ReviewQueueItem, SkillRef } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { formatPoints, formatShare, itemStanding, orderQueue, progressShare, skillWords, standing, trendPath, windowStart } from './coachingFormat';

const v = (value: number, n = 10) => ({ value, n });

describe('shares and points', () => {
  it('shows a share as a whole percentage in either language, and a dash when nothing was measured', () => {
    expect(formatShare(0.917, 'en')).toBe('92%');
    expect(formatShare(0.2, 'hi')).toBe('20%');
    expect(formatShare(0, 'en')).toBe('0%');
    expect(formatShare(1, 'en')).toBe('100%');
    expect(formatShare(null, 'en')).toBe('–');
    expect(formatShare(undefined, 'en', 'none')).toBe('none');
  });

  it('signs a shift in points, to one decimal, with no sign on zero', () => {
    expect(formatPoints(3.46, 'en')).toBe('+3.5');
    expect(formatPoints(-12, 'en')).toBe('-12');
    expect(formatPoints(0, 'en')).toBe('0');
  });
});

describe('where a telecaller stands against the team', () => {
  it('is level within 5 points, above at 5 or more, below under that, well below at 15 or more under', () => {
    expect(standing(v(0.62), v(0.6))).toBe('level');
    expect(standing(v(0.56), v(0.6))).toBe('level');
    expect(standing(v(0.65), v(0.6))).toBe('above');
    expect(standing(v(0.55), v(0.6))).toBe('below');
    expect(standing(v(0.46), v(0.6))).toBe('below');
    expect(standing(v(0.45), v(0.6))).toBe('wellBelow');
    expect(standing(v(0.2), v(0.917))).toBe('wellBelow');
  });

  it('does not compare on fewer than 5 calls, or with nothing on either side', () => {
    expect(standing(v(0.1, 4), v(0.9))).toBe('few');
    expect(standing(v(0.1, 5), v(0.9))).toBe('wellBelow');
    expect(standing(v(0.5), undefined)).toBe('few');
    expect(standing(v(0.5, 0), v(0.5))).toBe('none');
    expect(standing(undefined, v(0.5))).toBe('none');
  });

  it('reads an item’s baseline against the team’s baseline when it was set', () => {
    expect(itemStanding({ baseline: 0.2, teamBaseline: 0.917, baselineCalls: 10 })).toBe('wellBelow');
    expect(itemStanding({ baseline: 0.9, teamBaseline: 0.8, baselineCalls: 6 })).toBe('above');
    expect(itemStanding({ baseline: 0.9, teamBaseline: 0.8, baselineCalls: 2 })).toBe('few');
    expect(itemStanding({ baseline: null, teamBaseline: 0.8, baselineCalls: 0 })).toBe('none');
  });
});

describe('skill words', () => {
  const ref = (over: Partial<SkillRef>): SkillRef => ({ key: 'x', kind: 'qa_score', param: null, label: 'Server label', labelHi: null, ...over });

  it('names fixed skills and objection types by our own words, and QA questions by the scorecard’s', () => {
    expect(skillWords(ref({ kind: 'qa_score' }))).toEqual({ key: 'coaching.skills.qa_score' });
    expect(skillWords(ref({ kind: 'dead_air' }))).toEqual({ key: 'coaching.skills.dead_air' });
    expect(skillWords(ref({ kind: 'objection', param: 'consult_family' }))).toEqual({ key: 'coaching.skills.objections.consult_family' });
    expect(skillWords(ref({ kind: 'qa', param: 'greeting', label: 'Greets the lead' }))).toEqual({ text: 'Greets the lead' });
    // In Hindi, the scorecard's Hindi words where it has them.
    expect(skillWords(ref({ kind: 'qa', param: 'greeting', label: 'Greets the lead', labelHi: 'अभिवादन करता है' }), 'hi')).toEqual({ text: 'अभिवादन करता है' });
    expect(skillWords(ref({ kind: 'qa', param: 'greeting', label: 'Greets the lead' }), 'hi')).toEqual({ text: 'Greets the lead' });
  });

  it('falls back to the server’s label for an objection type it does not know', () => {
    expect(skillWords(ref({ kind: 'objection', param: 'weather', label: 'Answers weather objections' }))).toEqual({ text: 'Answers weather objections' });
  });
});

describe('the review queue', () => {
  const item = (callId: string, reason: ReviewQueueItem['reason'], score: number | null): ReviewQueueItem => ({
    callId,
    leadName: callId,
    agent: null,
    campaignId: null,
    startedAt: null,
    durationSeconds: null,
    score,
    reason,
  });

  it('puts disputes first, then low scores lowest first, then the rest in the order given', () => {
    const ordered = orderQueue([
      item('u1', 'unreviewed', 90),
      item('l1', 'low_score', 60),
      item('d1', 'dispute', 95),
      item('u2', 'unreviewed', 80),
      item('l2', 'low_score', 40),
    ]);
    expect(ordered.map((i) => i.callId)).toEqual(['d1', 'l2', 'l1', 'u1', 'u2']);
  });
});

describe('progress, windows and the trend line', () => {
  it('tells how far an item is towards being measured again, never past the end', () => {
    expect(progressShare(4, 10)).toBe(0.4);
    expect(progressShare(12, 10)).toBe(1);
    expect(progressShare(0, 10)).toBe(0);
  });

  it('starts the calibration window at midnight UTC, so the key stays the same all day', () => {
    const now = Date.parse('2026-03-10T15:42:00Z');
    expect(windowStart(30, now)).toBe('2026-02-08T00:00:00.000Z');
    expect(windowStart(30, now + 3_600_000)).toBe(windowStart(30, now));
  });

  it('draws shares top-down and breaks where a week has nothing', () => {
    expect(trendPath([1, 0.5, 0], 100, 50)).toBe('M0 0L50 25L100 50');
    expect(trendPath([0.5, null, 0.5, 0.5], 90, 10)).toBe('M0 5M60 5L90 5');
    expect(trendPath([null, null], 90, 10)).toBe('');
  });
});
