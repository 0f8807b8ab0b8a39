/**
 * QA scorecards: what an admin asks of every call (sections of weighted questions, each with the
 * way it is checked), the score each call gets from them, a manager's review, and a telecaller's
 * dispute. Answered by /api/v1/qa/* and /api/v1/calls/:id/score.
 */
import { z } from 'zod';
import { OBJECTION_TYPES, SCRIPT_CHECKPOINTS, SENTIMENTS } from './assist.js';

export const QA_CHECK_KINDS = ['phrase', 'checkpoint', 'talk_ratio', 'sentiment', 'objection_handled', 'llm'] as const;
export type QaCheckKind = (typeof QA_CHECK_KINDS)[number];

/** A question's verdict: met, not met, or not applicable to this call (left out of the score). */
export const QA_VERDICTS = ['pass', 'fail', 'na'] as const;
export type QaVerdict = (typeof QA_VERDICTS)[number];

const Phrases = z
  .array(z.string().trim().min(1, 'a phrase must not be empty').max(200, 'a phrase is at most 200 characters'))
  .min(1, 'give at least one phrase')
  .max(50, 'at most 50 phrases');

/** How a question is checked on a call. */
export const QaCheck = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('phrase'),
    /** Any of these, in either script. */
    phrases: Phrases,
    by: z.enum(['agent', 'lead']).default('agent'),
    /** Said within this many seconds of the start (e.g. the recording notice in the first 30 s); null: any time. */
    withinSeconds: z.number().int().min(1).max(3600).nullable().default(null),
    /** True: passes when none of the phrases is said (banned promises). */
    absent: z.boolean().default(false),
  }),
  /** The script checkpoint the agent's words reached (greeting, recording notice, need discovery, pitch, close, next step). */
  z.object({ kind: z.literal('checkpoint'), checkpoint: z.enum(SCRIPT_CHECKPOINTS) }),
  /** The agent's share of the speech within [min, max] (from the recording). */
  z
    .object({ kind: z.literal('talk_ratio'), min: z.number().min(0).max(1), max: z.number().min(0).max(1) })
    .refine((c) => c.min <= c.max, { message: 'min must not be above max', path: ['min'] }),
  /** That side's sentiment over the call is at least this good. */
  z.object({ kind: z.literal('sentiment'), side: z.enum(['lead', 'agent']).default('lead'), atLeast: z.enum(SENTIMENTS) }),
  /** Every objection raised (of this type, or any) was answered; not applicable when none was raised. */
  z.object({ kind: z.literal('objection_handled'), objection: z.enum(OBJECTION_TYPES).nullable().default(null) }),
  /** Judged by the configured language model from the transcript; not applicable without one. */
  z.object({ kind: z.literal('llm'), instruction: z.string().trim().min(10, 'say what the model should judge (10 characters or more)').max(1000) }),
]);
export type QaCheck = z.infer<typeof QaCheck>;

const Key = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'use 1 to 40 lower-case letters, digits, - or _');

export const QaQuestion = z.object({
  key: Key,
  text: z.string().trim().min(3, 'the question needs words').max(300),
  textHi: z.string().trim().max(300).nullable().default(null),
  weight: z.number().int().min(1, 'weight is 1 to 10').max(10, 'weight is 1 to 10').default(1),
  check: QaCheck,
});
export type QaQuestion = z.infer<typeof QaQuestion>;

export const QaSection = z.object({
  title: z.string().trim().min(1, 'the section needs a title').max(120),
  titleHi: z.string().trim().max(120).nullable().default(null),
  questions: z.array(QaQuestion).min(1, 'a section needs at least one question').max(30),
});
export type QaSection = z.infer<typeof QaSection>;

export const ScorecardInput = z
  .object({
    name: z.string().trim().min(1, 'name the scorecard').max(120),
    description: z.string().trim().max(2000).nullable().default(null),
    /** The campaign it scores; null: every call without a campaign scorecard. */
    campaignId: z.uuid().nullable().default(null),
    active: z.boolean().default(true),
    sections: z.array(QaSection).min(1, 'a scorecard needs at least one section').max(20),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    for (const [i, sec] of s.sections.entries())
      for (const [j, q] of sec.questions.entries()) {
        if (seen.has(q.key)) ctx.addIssue({ code: 'custom', message: `question key "${q.key}" is used twice`, path: ['sections', i, 'questions', j, 'key'] });
        seen.add(q.key);
      }
  });
export type ScorecardInput = z.input<typeof ScorecardInput>;

export const Scorecard = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  campaignId: z.uuid().nullable(),
  active: z.boolean(),
  sections: z.array(QaSection),
  /** Goes up with every edit; a call's score names the version that scored it. */
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Scorecard = z.infer<typeof Scorecard>;

export const QaAnswer = z.object({
  key: z.string(),
  section: z.string(),
  text: z.string(),
  textHi: z.string().nullable(),
  weight: z.number().int(),
  kind: z.enum(QA_CHECK_KINDS),
  /** What the automatic check found. */
  auto: z.enum(QA_VERDICTS),
  /** Why: the words that met it, the figure measured, or why it does not apply. */
  evidence: z.string().nullable(),
  /** Where in the call (ms) the evidence is, when it is somewhere. */
  atMs: z.number().int().min(0).nullable(),
  /** The reviewer's verdict where it differs from the automatic one. */
  override: z.enum(QA_VERDICTS).nullable(),
  comment: z.string().nullable(),
});
export type QaAnswer = z.infer<typeof QaAnswer>;

export const QA_DISPUTE_STATUSES = ['open', 'upheld', 'rejected'] as const;

export const QaDispute = z.object({
  id: z.uuid(),
  reason: z.string(),
  status: z.enum(QA_DISPUTE_STATUSES),
  raisedBy: z.object({ id: z.uuid(), name: z.string() }),
  raisedAt: z.iso.datetime({ offset: true }),
  resolvedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  resolution: z.string().nullable(),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type QaDispute = z.infer<typeof QaDispute>;

export const CallScore = z.object({
  callId: z.uuid(),
  scorecard: z.object({ id: z.uuid(), name: z.string(), version: z.number().int() }),
  /** The automatic score, 0..100 (null when no question applied). */
  autoScore: z.number().min(0).max(100).nullable(),
  /** The score that counts: the reviewed one once a manager reviewed the call, else the automatic one. */
  score: z.number().min(0).max(100).nullable(),
  answers: z.array(QaAnswer),
  reviewedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  reviewedAt: z.iso.datetime({ offset: true }).nullable(),
  reviewComment: z.string().nullable(),
  disputes: z.array(QaDispute),
  scoredAt: z.iso.datetime({ offset: true }),
});
export type CallScore = z.infer<typeof CallScore>;

export const ReviewBody = z
  .object({
    /** The reviewer's verdicts; questions left out keep the automatic one (agreed). */
    answers: z
      .array(z.object({ key: z.string(), verdict: z.enum(QA_VERDICTS), comment: z.string().trim().max(1000).nullable().optional() }))
      .max(200)
      .default([]),
    comment: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();
export type ReviewBody = z.input<typeof ReviewBody>;

export const DisputeBody = z.object({ reason: z.string().trim().min(10, 'say what is wrong with the score (10 characters or more)').max(2000) }).strict();
export const ResolveDisputeBody = z
  .object({ outcome: z.enum(['upheld', 'rejected']), resolution: z.string().trim().min(3, 'say why (3 characters or more)').max(2000) })
  .strict();

export const ReviewQueueItem = z.object({
  callId: z.uuid(),
  leadName: z.string(),
  agent: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  campaignId: z.uuid().nullable(),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  durationSeconds: z.number().int().nullable(),
  score: z.number().nullable(),
  /** Why it is in the queue: a dispute to settle, or a low or unreviewed score. */
  reason: z.enum(['dispute', 'low_score', 'unreviewed']),
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>;

export const Calibration = z.object({
  /** Calls reviewed in the window, and the questions on them. */
  reviewedCalls: z.number().int(),
  answers: z.number().int(),
  /** Share of answers where the reviewer kept the automatic verdict (null: none reviewed). */
  agreement: z.number().min(0).max(1).nullable(),
  /** Average of (reviewed score - automatic score). */
  meanScoreShift: z.number().nullable(),
  byQuestion: z.array(z.object({ key: z.string(), text: z.string(), answers: z.number().int(), agreement: z.number().min(0).max(1) })),
  byReviewer: z.array(z.object({ id: z.uuid(), name: z.string(), answers: z.number().int(), agreement: z.number().min(0).max(1) })),
});
export type Calibration = z.infer<typeof Calibration>;
