/**
 * QA through the app: an admin's scorecard scores a finished simulator call once it is analysed
 * (one question judged by the language model's stand-in); the manager reviews it and overrides a
 * question with a comment; calibration counts the agreement; the telecaller disputes the score and
 * the manager settles it; the review queue orders disputes, low scores and the rest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Calibration, Call, CallAnalysis, CallScore, ReviewQueueItem, Scorecard, ScorecardInput } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { until } from '../../platform/testing/until.js';
import { OpenAiStandin } from '../../providers/llm/openai-compatible/testing/openai-standin.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let llm: OpenAiStandin;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-qa-'));

beforeAll(async () => {
  llm = await new OpenAiStandin().start();
  // The judge says yes when the counsellor offered instalments, as the English demo call does.
  llm.reply = (messages) => {
    const user = messages.at(-1)?.content ?? '';
    if (messages[0]?.content.startsWith('You summarise'))
      return 'The student asked about the nursing fees; the counsellor offered instalments and will call back tomorrow at six.';
    if (!user.includes('Question:')) return 'May I tell you about the scholarship?';
    return /instalment/i.test(user) ? 'Yes. The counsellor said "We also have an instalment plan".' : 'No. No payment plan was offered.';
  };
  t = await createTestApp({
    env: {
      SIMULATOR_ANSWER_RATE: '1',
      SIMULATOR_SPEED: '20',
      TELEHUB_CALLING_HOURS: '00:00-24:00',
      TELEHUB_DATA_DIR: dataDir,
      LLM_BASE_URL: llm.url,
      LLM_API_KEY: llm.apiKey,
      LLM_MODEL: 'gpt-4o-mini',
    },
  });
});
afterAll(async () => {
  await t?.close();
  await llm?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const CARD: ScorecardInput = {
  name: 'Admissions call',
  sections: [
    {
      title: 'Opening',
      questions: [
        { key: 'greet', text: 'Greets the lead', check: { kind: 'checkpoint', checkpoint: 'greeting' } },
        {
          key: 'notice',
          text: 'Says the call is recorded in the first 30 s',
          weight: 3,
          check: { kind: 'phrase', phrases: ['recorded', 'रिकॉर्ड'], withinSeconds: 30 },
        },
      ],
    },
    {
      title: 'Conversation',
      questions: [
        { key: 'listen', text: 'Lets the lead talk (agent share at most 10%)', weight: 2, check: { kind: 'talk_ratio', min: 0, max: 0.1 } },
        { key: 'promises', text: 'Makes no banned promise', weight: 2, check: { kind: 'phrase', phrases: ['guaranteed job', '100% placement'], absent: true } },
        { key: 'plan', text: 'Offers a payment plan', check: { kind: 'llm', instruction: 'Did the counsellor offer a way to pay the fee in parts?' } },
      ],
    },
  ],
};

/** A finished, analysed English demo call of the telecaller's (about 60 s of conversation). */
async function finishedCall(phone: string): Promise<string> {
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'QA Lead', phone, language: 'en', ownerId: t.cast.telecaller.id });
  const res = await t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId: lead.id } });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<Call>().id;
  const get = async () => (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<Call>();
  await until('the call to connect', async () => (await get()).status === 'in_progress');
  await new Promise((r) => setTimeout(r, 3000));
  await t.request({ method: 'POST', url: `/api/v1/calls/${id}/hangup`, as: t.cast.telecaller, payload: {} });
  await until('the call to end', async () => (await get()).status === 'completed', 20_000);
  const disposed = await t.request({ method: 'POST', url: `/api/v1/calls/${id}/disposition`, as: t.cast.telecaller, payload: { disposition: 'interested' } });
  expect(disposed.statusCode, disposed.body).toBeLessThan(300);
  return id;
}

const scoreOf = async (id: string, as = t.cast.telecaller) =>
  (await t.request({ method: 'GET', url: `/api/v1/calls/${id}/score`, as })).json<{ score: CallScore | null }>().score;

describe('QA scorecards', () => {
  let card: Scorecard;
  let callId: string;

  it('validates a scorecard with messages that say what is wrong', async () => {
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/qa/scorecards',
      as: t.cast.admin,
      payload: {
        name: 'Bad',
        sections: [
          {
            title: 'x',
            questions: [
              { key: 'a', text: 'One', check: { kind: 'talk_ratio', min: 0.8, max: 0.2 } },
              { key: 'a', text: 'Two', check: { kind: 'phrase', phrases: [] } },
            ],
          },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('min must not be above max');
    expect(bad.body).toContain('give at least one phrase');
    const unknownCampaign = await t.request({
      method: 'POST',
      url: '/api/v1/qa/scorecards',
      as: t.cast.admin,
      payload: { ...CARD, campaignId: '00000000-0000-4000-8000-000000000009' },
    });
    expect(unknownCampaign.statusCode).toBe(422);
    expect(unknownCampaign.json()).toMatchObject({ code: 'QA_CAMPAIGN_UNKNOWN' });
  });

  it('scores a finished call once it is analysed, question by question, and the analysis answers the score', async () => {
    const created = await t.request({ method: 'POST', url: '/api/v1/qa/scorecards', as: t.cast.admin, payload: CARD });
    expect(created.statusCode, created.body).toBe(201);
    card = created.json<Scorecard>();
    expect(card).toMatchObject({ version: 1, active: true, campaignId: null });

    callId = await finishedCall('9001133401');
    // Scored once from the transcript when the call ends, and again once the recording is analysed
    // (the talk ratio then applies): the second score is the one to read.
    const score = await until(
      'the score with the recording',
      async () => {
        const s = await scoreOf(callId);
        return s && s.answers.find((a) => a.key === 'listen')?.auto !== 'na' ? s : null;
      },
      20_000,
    );
    // The analysis answers the same score (set just after the score is stored).
    const analysis = await until('the analysis with the score', async () => {
      const a = (await t.request({ method: 'GET', url: `/api/v1/calls/${callId}/analysis`, as: t.cast.telecaller })).json<CallAnalysis>();
      return a.qaScore === score.score ? a : null;
    });
    expect(analysis).toMatchObject({ status: 'done', sources: { recording: true } });
    const verdict = Object.fromEntries(score.answers.map((a) => [a.key, a.auto]));
    expect(verdict).toMatchObject({ greet: 'pass', notice: 'pass', listen: 'fail', promises: 'pass', plan: 'pass' });
    expect(score.answers.find((a) => a.key === 'notice')?.evidence).toMatch(/recorded/);
    expect(score.answers.find((a) => a.key === 'notice')?.atMs).toBeLessThan(30_000);
    expect(score.answers.find((a) => a.key === 'listen')?.evidence).toMatch(/agent spoke \d+%/);
    // The model was asked the question with the call's words.
    expect(llm.prompts().some((p) => p.includes('Question: Did the counsellor offer a way to pay the fee in parts?') && p.includes('instalment'))).toBe(true);
    // greet 1 + notice 3 + promises 2 + plan 1 of 1 + 3 + 2 + 2 + 1.
    expect(score.autoScore).toBeCloseTo((100 * 7) / 9, 1);
    expect(score.score).toBe(score.autoScore);
    expect(analysis.qaScore).toBe(score.score);
    // With a language model configured, it writes the summary (and the wrap-up note) from the call's words.
    expect(analysis.summary).toBe('The student asked about the nursing fees; the counsellor offered instalments and will call back tomorrow at six.');
    expect(analysis.sources.summaryBy).toBe('model');
    expect(analysis.wrapUp?.note).toBe(analysis.summary);
    expect(llm.prompts().some((p) => p.startsWith('The call:') && p.includes('instalment plan') && p.endsWith('Write the summary.'))).toBe(true);
    expect(score.scorecard).toEqual({ id: card.id, name: 'Admissions call', version: 1 });
  });

  it('puts unreviewed calls in the manager’s queue, not in another team’s', async () => {
    const mine = (await t.request({ method: 'GET', url: '/api/v1/qa/queue', as: t.cast.manager })).json<{ items: ReviewQueueItem[] }>().items;
    expect(mine.map((i) => i.callId)).toContain(callId);
    expect(mine.find((i) => i.callId === callId)).toMatchObject({ reason: 'unreviewed', leadName: 'QA Lead', agent: { id: t.cast.telecaller.id } });
    const theirs = (await t.request({ method: 'GET', url: '/api/v1/qa/queue', as: t.cast.otherManager })).json<{ items: ReviewQueueItem[] }>().items;
    expect(theirs.map((i) => i.callId)).not.toContain(callId);
  });

  it('lets the manager review: an override needs a comment, changes the score, and calibration counts it', async () => {
    const noComment = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${callId}/score/review`,
      as: t.cast.manager,
      payload: { answers: [{ key: 'listen', verdict: 'pass' }] },
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json()).toMatchObject({ code: 'QA_OVERRIDE_COMMENT' });
    const unknown = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${callId}/score/review`,
      as: t.cast.manager,
      payload: { answers: [{ key: 'nope', verdict: 'pass' }] },
    });
    expect(unknown.json()).toMatchObject({ code: 'QA_UNKNOWN_QUESTION' });
    const byTelecaller = await t.request({ method: 'POST', url: `/api/v1/calls/${callId}/score/review`, as: t.cast.telecaller, payload: { answers: [] } });
    expect(byTelecaller.statusCode).toBe(403);

    const res = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${callId}/score/review`,
      as: t.cast.manager,
      payload: {
        answers: [
          { key: 'listen', verdict: 'pass', comment: 'The lead asked many questions; answering them is fine.' },
          { key: 'greet', verdict: 'pass' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const reviewed = res.json<CallScore>();
    expect(reviewed.reviewedBy?.id).toBe(t.cast.manager.id);
    expect(reviewed.answers.find((a) => a.key === 'listen')).toMatchObject({ auto: 'fail', override: 'pass', comment: expect.stringContaining('questions') });
    expect(reviewed.answers.find((a) => a.key === 'greet')?.override).toBeNull();
    expect(reviewed.score).toBe(100);
    expect(reviewed.autoScore).toBeCloseTo((100 * 7) / 9, 1);
    const analysis = (await t.request({ method: 'GET', url: `/api/v1/calls/${callId}/analysis`, as: t.cast.telecaller })).json<CallAnalysis>();
    expect(analysis.qaScore).toBe(100);

    const cal = (await t.request({ method: 'GET', url: '/api/v1/qa/calibration', as: t.cast.manager })).json<Calibration>();
    expect(cal).toMatchObject({ reviewedCalls: 1, answers: 5, agreement: 0.8 });
    expect(cal.meanScoreShift).toBeCloseTo(100 - (100 * 7) / 9, 0);
    expect(cal.byQuestion[0]).toMatchObject({ key: 'listen', agreement: 0 });
    expect(cal.byReviewer).toEqual([{ id: t.cast.manager.id, name: expect.any(String), answers: 5, agreement: 0.8 }]);
    const otherCal = (await t.request({ method: 'GET', url: '/api/v1/qa/calibration', as: t.cast.otherManager })).json<Calibration>();
    expect(otherCal).toMatchObject({ reviewedCalls: 0, agreement: null });

    // Reviewed and undisputed: out of the queue.
    const queue = (await t.request({ method: 'GET', url: '/api/v1/qa/queue', as: t.cast.manager })).json<{ items: ReviewQueueItem[] }>().items;
    expect(queue.map((i) => i.callId)).not.toContain(callId);
  });

  it('keeps the reviewer’s verdicts when the call is scored again', async () => {
    await t.app.services.qa.scoreCall(callId);
    const again = await scoreOf(callId);
    expect(again?.answers.find((a) => a.key === 'listen')?.override).toBe('pass');
    expect(again?.score).toBe(100);
    expect(again?.reviewedBy?.id).toBe(t.cast.manager.id);
  });

  it('lets the telecaller on the call dispute it once, and the manager settle it', async () => {
    const short = await t.request({ method: 'POST', url: `/api/v1/calls/${callId}/score/disputes`, as: t.cast.telecaller, payload: { reason: 'no' } });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('say what is wrong with the score');
    const notYours = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${callId}/score/disputes`,
      as: t.cast.manager,
      payload: { reason: 'I was not on this call at all' },
    });
    expect(notYours.json()).toMatchObject({ code: 'QA_DISPUTE_NOT_YOURS' });
    const other = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${callId}/score/disputes`,
      as: t.cast.otherTelecaller,
      payload: { reason: 'I was not on this call at all' },
    });
    expect(other.statusCode).toBe(404);

    const raised = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${callId}/score/disputes`,
      as: t.cast.telecaller,
      payload: { reason: 'I did offer the instalment plan, please listen at 0:26.' },
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const dispute = raised.json<CallScore>().disputes[0];
    expect(dispute).toMatchObject({ status: 'open', raisedBy: { id: t.cast.telecaller.id } });
    const twice = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${callId}/score/disputes`,
      as: t.cast.telecaller,
      payload: { reason: 'Once more, the plan was offered.' },
    });
    expect(twice.statusCode).toBe(409);

    const queue = (await t.request({ method: 'GET', url: '/api/v1/qa/queue', as: t.cast.manager })).json<{ items: ReviewQueueItem[] }>().items;
    expect(queue[0]).toMatchObject({ callId, reason: 'dispute' });

    const settled = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${callId}/score/disputes/${dispute?.id}/resolve`,
      as: t.cast.manager,
      payload: { outcome: 'rejected', resolution: 'The plan question already passed; the score is 100.' },
    });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json<CallScore>().disputes[0]).toMatchObject({ status: 'rejected', resolvedBy: { id: t.cast.manager.id } });
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${callId}/score/disputes/${dispute?.id}/resolve`,
      as: t.cast.manager,
      payload: { outcome: 'upheld', resolution: 'Changed my mind.' },
    });
    expect(again.json()).toMatchObject({ code: 'QA_DISPUTE_NOT_FOUND' });
  });

  it('scores with the edited scorecard, naming the version that scored, and not with a retired one', async () => {
    const updated = await t.request({
      method: 'PUT',
      url: `/api/v1/qa/scorecards/${card.id}`,
      as: t.cast.admin,
      payload: { ...CARD, sections: [CARD.sections[0]] },
    });
    expect(updated.json<Scorecard>()).toMatchObject({ version: 2 });
    const id = await finishedCall('9001133402');
    const score = await until('the score', () => scoreOf(id), 20_000);
    expect(score?.scorecard.version).toBe(2);
    expect(score?.answers.map((a) => a.key)).toEqual(['greet', 'notice']);
    expect(score?.score).toBe(100);
    // Retired: calls are no longer scored by it.
    await t.request({ method: 'PUT', url: `/api/v1/qa/scorecards/${card.id}`, as: t.cast.admin, payload: { ...CARD, active: false } });
    expect(await t.app.services.qa.scoreCall(id)).toBeNull();
    expect((await scoreOf(id))?.scorecard.version).toBe(2);
  });
});
