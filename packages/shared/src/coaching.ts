/**
 * Coaching: each telecaller's skills measured from their scored calls against the team's, items to
 * work on (suggested from the figures or assigned by a manager) with example calls, and whether the
 * skill moved over the calls made since. Answered by /api/v1/coaching/*.
 */
import { z } from 'zod';

/** What a skill is measured from: a QA question, an objection type answered, or a call figure. */
export const SKILL_KINDS = ['qa_score', 'qa', 'objection', 'talk_balance', 'lead_sentiment', 'dead_air'] as const;
export type SkillKind = (typeof SKILL_KINDS)[number];

export const SkillRef = z.object({
  /** Stable key: `qa_score`, `qa:<question key>`, `objection:<type>`, `talk_balance`, `lead_sentiment`, `dead_air`. */
  key: z.string(),
  kind: z.enum(SKILL_KINDS),
  /** The question key or objection type the skill is about (null for call figures). */
  param: z.string().nullable(),
  /** In English: the question's text, or a description (the client translates by kind and param). */
  label: z.string(),
  /** A QA question's text in Hindi, where the scorecard has it (null otherwise). */
  labelHi: z.string().nullable(),
});
export type SkillRef = z.infer<typeof SkillRef>;

/** A share of calls (or objections) that went right, 0..1, over n observations. */
export const SkillValue = z.object({ value: z.number().min(0).max(1), n: z.number().int().min(0) });
export type SkillValue = z.infer<typeof SkillValue>;

export const SkillMatrix = z.object({
  from: z.iso.datetime({ offset: true }),
  skills: z.array(SkillRef),
  team: z.record(z.string(), SkillValue),
  agents: z.array(z.object({ id: z.uuid(), name: z.string(), calls: z.number().int(), skills: z.record(z.string(), SkillValue) })),
});
export type SkillMatrix = z.infer<typeof SkillMatrix>;

export const SkillHistory = z.object({
  skill: SkillRef,
  weeks: z.array(z.object({ weekStart: z.string(), agent: SkillValue.nullable(), team: SkillValue.nullable() })),
});
export type SkillHistory = z.infer<typeof SkillHistory>;

export const COACHING_STATUSES = ['open', 'measured', 'dismissed'] as const;

export const CoachingItem = z.object({
  id: z.uuid(),
  agent: z.object({ id: z.uuid(), name: z.string() }),
  skill: SkillRef,
  note: z.string().nullable(),
  source: z.enum(['engine', 'manager']),
  assignedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  status: z.enum(COACHING_STATUSES),
  /** Where the telecaller and the team stood when it was set. */
  baseline: z.number().nullable(),
  teamBaseline: z.number().nullable(),
  baselineCalls: z.number().int(),
  measureAfterCalls: z.number().int(),
  /** Observations of the skill since it was set (it is measured again at measureAfterCalls). */
  progress: z.number().int(),
  /** Calls that show it: the telecaller's own that went wrong, and the team's best for the same situation. */
  examples: z.object({ own: z.array(z.uuid()), best: z.array(z.uuid()) }),
  result: z
    .object({ value: z.number(), calls: z.number().int(), moved: z.enum(['up', 'down', 'flat']), measuredAt: z.iso.datetime({ offset: true }) })
    .nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type CoachingItem = z.infer<typeof CoachingItem>;

export const CreateCoachingItemBody = z
  .object({
    agentId: z.uuid(),
    skill: z.string().trim().min(1, 'name the skill').max(80),
    note: z.string().trim().max(2000).nullable().optional(),
    measureAfterCalls: z.number().int().min(3, 'measure after 3 to 100 calls').max(100, 'measure after 3 to 100 calls').default(10),
  })
  .strict();
export type CreateCoachingItemBody = z.input<typeof CreateCoachingItemBody>;

export const UpdateCoachingItemBody = z
  .object({ status: z.enum(['open', 'dismissed']).optional(), note: z.string().trim().max(2000).nullable().optional() })
  .strict()
  .refine((b) => b.status !== undefined || b.note !== undefined, { message: 'send status or note' });

export const CoachingItemQuery = z.object({
  agentId: z.uuid().optional(),
  status: z.enum(COACHING_STATUSES).optional(),
});
