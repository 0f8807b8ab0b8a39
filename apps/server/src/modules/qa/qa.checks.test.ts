import type { QaCheck } from '@telehub/shared';
import { QaCheck as QaCheckSchema } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { checkpointsIn, normalize } from '../assist/index.js';
import { answerAll, type CallFacts, check, finalVerdict, scoreOf } from './qa.checks.js';
import { verdictOf } from './qa.service.js';

const facts = (over: Partial<CallFacts> = {}): CallFacts => ({
  transcript: [
    { speaker: 'agent', text: 'Namaste, main Priya bol rahi hoon. Yeh call recorded hai quality ke liye.', startMs: 1000 },
    { speaker: 'lead', text: 'Fees bahut zyada hai.', startMs: 9000 },
    { speaker: 'agent', text: 'यह कोर्स आपको नौकरी की गारंटी देता है।', startMs: 45_000 },
  ],
  analysis: {
    talkRatio: 0.58,
    sentiment: { lead: 'neutral', agent: 'positive' },
    objections: [
      { type: 'price', handled: true, atMs: 9000 },
      { type: 'timing', handled: false, atMs: 30_000 },
    ],
  },
  normalize,
  checkpointsIn,
  ...over,
});

const noJudge = async () => {
  throw new Error('the model is not asked for rule checks');
};
const run = (c: unknown, f = facts()) => check(QaCheckSchema.parse(c) as QaCheck, f, noJudge);

describe('QA checks', () => {
  it('finds a phrase in either script, within the time asked, with the words as evidence', async () => {
    expect(await run({ kind: 'phrase', phrases: ['recorded'], withinSeconds: 30 })).toMatchObject({
      verdict: 'pass',
      atMs: 1000,
      evidence: expect.stringContaining('recorded hai'),
    });
    expect(
      await run(
        { kind: 'phrase', phrases: ['recorded'], withinSeconds: 30 },
        facts({ transcript: [{ speaker: 'agent', text: 'This call is recorded', startMs: 40_000 }] }),
      ),
    ).toMatchObject({
      verdict: 'fail',
      evidence: 'not said in the first 30 s',
    });
    // Banned promises: passes while absent, fails on the Devanagari words.
    expect(await run({ kind: 'phrase', phrases: ['नौकरी की गारंटी'], absent: true })).toMatchObject({ verdict: 'fail', atMs: 45_000 });
    expect(await run({ kind: 'phrase', phrases: ['placement guaranteed'], absent: true })).toMatchObject({ verdict: 'pass' });
    // Said by the lead, not the agent.
    expect(await run({ kind: 'phrase', phrases: ['fees'] })).toMatchObject({ verdict: 'fail' });
    expect(await run({ kind: 'phrase', phrases: ['fees'], by: 'lead' })).toMatchObject({ verdict: 'pass' });
    expect(await run({ kind: 'phrase', phrases: ['x'] }, facts({ transcript: [] }))).toMatchObject({ verdict: 'na', evidence: 'no transcript' });
  });

  it('checks script checkpoints, talk ratio, sentiment and objections, and says when a check does not apply', async () => {
    expect(await run({ kind: 'checkpoint', checkpoint: 'recording_disclosure' })).toMatchObject({ verdict: 'pass' });
    expect(await run({ kind: 'checkpoint', checkpoint: 'close' })).toMatchObject({ verdict: 'fail' });
    expect(await run({ kind: 'talk_ratio', min: 0.3, max: 0.6 })).toMatchObject({ verdict: 'pass', evidence: 'agent spoke 58% (wanted 30%–60%)' });
    expect(await run({ kind: 'talk_ratio', min: 0.3, max: 0.5 })).toMatchObject({ verdict: 'fail' });
    expect(
      await run({ kind: 'talk_ratio', min: 0.3, max: 0.5 }, facts({ analysis: { talkRatio: null, sentiment: { lead: null, agent: null }, objections: [] } })),
    ).toMatchObject({
      verdict: 'na',
    });
    expect(await run({ kind: 'sentiment', atLeast: 'neutral' })).toMatchObject({ verdict: 'pass' });
    expect(await run({ kind: 'sentiment', atLeast: 'positive' })).toMatchObject({ verdict: 'fail', evidence: 'lead was neutral' });
    expect(await run({ kind: 'objection_handled', objection: 'price' })).toMatchObject({ verdict: 'pass' });
    expect(await run({ kind: 'objection_handled' })).toMatchObject({ verdict: 'fail', atMs: 30_000, evidence: 'timing objection left unanswered' });
    expect(await run({ kind: 'objection_handled', objection: 'trust' })).toMatchObject({ verdict: 'na' });
  });

  it('weighs the applicable answers, and a reviewer’s verdict replaces the automatic one', async () => {
    const answers = await answerAll(
      [
        {
          title: 'All',
          titleHi: null,
          questions: [
            { key: 'a', text: 'A', textHi: null, weight: 3, check: QaCheckSchema.parse({ kind: 'checkpoint', checkpoint: 'recording_disclosure' }) },
            { key: 'b', text: 'B', textHi: null, weight: 1, check: QaCheckSchema.parse({ kind: 'checkpoint', checkpoint: 'close' }) },
            { key: 'c', text: 'C', textHi: null, weight: 5, check: QaCheckSchema.parse({ kind: 'objection_handled', objection: 'trust' }) },
            { key: 'd', text: 'D', textHi: null, weight: 2, check: QaCheckSchema.parse({ kind: 'llm', instruction: 'Was the counsellor polite throughout?' }) },
          ],
        },
      ],
      facts(),
      async () => ({ verdict: 'fail', evidence: 'interrupted the lead', atMs: null }),
    );
    expect(answers.map((a) => [a.key, a.auto])).toEqual([
      ['a', 'pass'],
      ['b', 'fail'],
      ['c', 'na'],
      ['d', 'fail'],
    ]);
    expect(scoreOf(answers, (a) => a.auto)).toBe(50);
    const reviewed = answers.map((a) => (a.key === 'd' ? { ...a, override: 'pass' as const } : a));
    expect(scoreOf(reviewed, finalVerdict)).toBe(83.3);
    expect(scoreOf([{ weight: 1, auto: 'na', override: null }], finalVerdict)).toBeNull();
  });

  it('reads the model’s yes, no or n/a and its reason; anything else does not count', () => {
    expect(verdictOf('Yes. The counsellor offered instalments.')).toEqual({ verdict: 'pass', evidence: 'The counsellor offered instalments.', atMs: null });
    expect(verdictOf('no - never asked about the course')).toMatchObject({ verdict: 'fail', evidence: 'never asked about the course' });
    expect(verdictOf('N/A: no objection was raised')).toMatchObject({ verdict: 'na' });
    expect(verdictOf('Perhaps')).toMatchObject({ verdict: 'na', evidence: expect.stringContaining('not yes or no') });
  });
});
