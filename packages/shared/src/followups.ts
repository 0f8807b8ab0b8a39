/**
 * Follow-up sequences: rules that send a lead WhatsApp or email messages after a disposition or a
 * status change, step by step ("now", "after 2 days", "24 hours before the callback").
 */
import { z } from 'zod';
import { LEAD_STATUSES } from './enums.js';
import { oneLine } from './text.js';

export const FOLLOWUP_CHANNELS = ['whatsapp', 'email'] as const;
export type FollowupChannel = (typeof FOLLOWUP_CHANNELS)[number];

export const FOLLOWUP_TRIGGERS = ['disposition', 'status'] as const;
export type FollowupTriggerKind = (typeof FOLLOWUP_TRIGGERS)[number];

/** Where a template variable's value comes from when the step is sent. */
export const FOLLOWUP_VARIABLE_SOURCES = [
  'lead.name',
  'lead.first_name',
  'lead.city',
  'lead.email',
  'lead.field',
  'callback.time',
  'callback.date',
  'agent.name',
  'text',
] as const;
export type FollowupVariableSource = (typeof FOLLOWUP_VARIABLE_SOURCES)[number];

export const FOLLOWUP_UNITS = ['minutes', 'hours', 'days'] as const;

export const FollowupVariable = z
  .object({
    /** The template's name for it: "1", "2" for WhatsApp's positional {{1}}, or a name such as "name" for email. */
    key: oneLine(
      z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(40)
        .regex(/^[A-Za-z0-9_]+$/, 'letters, digits and _ only'),
    ),
    source: z.enum(FOLLOWUP_VARIABLE_SOURCES),
    /** The lead field's key (lead.field) or the fixed text (text). */
    value: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.source === 'lead.field' || v.source === 'text') && !v.value)
      ctx.addIssue({ code: 'custom', path: ['value'], message: v.source === 'text' ? 'the text to send is missing' : 'the lead field is missing' });
  });
export type FollowupVariable = z.infer<typeof FollowupVariable>;

export const FollowupTiming = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('now') }),
  z.object({ kind: z.literal('after'), amount: z.number().int().min(1).max(1000), unit: z.enum(FOLLOWUP_UNITS) }),
  z.object({
    kind: z.literal('before_callback'),
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 14),
  }),
]);
export type FollowupTiming = z.infer<typeof FollowupTiming>;

export const FollowupStep = z.object({
  channel: z.enum(FOLLOWUP_CHANNELS),
  template: oneLine(z.string().trim().min(1, 'choose a template').max(200)),
  variables: z.array(FollowupVariable).max(20).default([]),
  timing: FollowupTiming,
});
export type FollowupStep = z.infer<typeof FollowupStep>;

const RuleFields = {
  name: oneLine(z.string().trim().min(1, 'must not be empty').max(120)),
  active: z.boolean(),
  campaignId: z.uuid().nullable(),
  triggerKind: z.enum(FOLLOWUP_TRIGGERS),
  /** Disposition codes, or lead statuses. */
  triggerValues: z.array(z.string().trim().min(1).max(60)).min(1, 'choose at least one').max(30),
  steps: z.array(FollowupStep).min(1, 'add at least one step').max(10),
};

function checkTrigger(v: { triggerKind?: string; triggerValues?: string[] }, ctx: z.RefinementCtx) {
  if (v.triggerKind !== 'status' || !v.triggerValues) return;
  v.triggerValues.forEach((s, i) => {
    if (!(LEAD_STATUSES as readonly string[]).includes(s))
      ctx.addIssue({ code: 'custom', path: ['triggerValues', i], message: `"${s}" is not a lead status (${LEAD_STATUSES.join(', ')})` });
  });
}

export const FollowupRuleBody = z
  .object({ ...RuleFields, active: RuleFields.active.default(true), campaignId: RuleFields.campaignId.default(null) })
  .superRefine(checkTrigger);
export type FollowupRuleBody = z.infer<typeof FollowupRuleBody>;
export type FollowupRuleInput = z.input<typeof FollowupRuleBody>;

export const FollowupRulePatch = z
  .object(RuleFields)
  .partial()
  .superRefine(checkTrigger)
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type FollowupRulePatch = z.infer<typeof FollowupRulePatch>;

export const FollowupRule = z.object({
  id: z.uuid(),
  name: z.string(),
  active: z.boolean(),
  campaignId: z.uuid().nullable(),
  triggerKind: z.enum(FOLLOWUP_TRIGGERS),
  triggerValues: z.array(z.string()),
  steps: z.array(FollowupStep),
  activeRuns: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FollowupRule = z.infer<typeof FollowupRule>;

export const FOLLOWUP_RUN_STATUSES = ['active', 'completed', 'cancelled'] as const;
export type FollowupRunStatus = (typeof FOLLOWUP_RUN_STATUSES)[number];

/**
 * pending: waiting for its time; sending: handed to messaging right now; queued: messaging
 * accepted it; refused: messaging (or the lead's consent) said no, for good; failed: gave up
 * after retries; skipped: its time had passed (the callback is sooner than the step's lead time)
 * or it had nothing to anchor to; cancelled: the run or the callback was cancelled.
 */
export const FOLLOWUP_STEP_STATUSES = ['pending', 'sending', 'queued', 'refused', 'failed', 'skipped', 'cancelled'] as const;
export type FollowupStepStatus = (typeof FOLLOWUP_STEP_STATUSES)[number];

export const FollowupRunStep = z.object({
  id: z.uuid(),
  position: z.number().int(),
  channel: z.enum(FOLLOWUP_CHANNELS),
  template: z.string(),
  timing: FollowupTiming,
  status: z.enum(FOLLOWUP_STEP_STATUSES),
  dueAt: z.string().nullable(),
  attempts: z.number().int(),
  /** Why it was refused, failed, skipped or cancelled (a code such as CONSENT_MISSING, and words). */
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  messageId: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type FollowupRunStep = z.infer<typeof FollowupRunStep>;

export const FollowupRun = z.object({
  id: z.uuid(),
  ruleId: z.uuid().nullable(),
  ruleName: z.string(),
  leadId: z.uuid(),
  leadName: z.string().nullable(),
  trigger: z.object({ kind: z.enum(FOLLOWUP_TRIGGERS), value: z.string(), callId: z.uuid().nullable() }),
  status: z.enum(FOLLOWUP_RUN_STATUSES),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  steps: z.array(FollowupRunStep),
});
export type FollowupRun = z.infer<typeof FollowupRun>;

export const FollowupRunList = z.object({ items: z.array(FollowupRun), total: z.number().int() });
export type FollowupRunList = z.infer<typeof FollowupRunList>;
