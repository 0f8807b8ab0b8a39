import { z } from 'zod';
import { LANGUAGES } from './enums.js';

export const AssignmentRule = z.object({
  id: z.uuid(),
  name: z.string(),
  priority: z.number().int(),
  active: z.boolean(),
  campaignId: z.uuid().nullable(),
  language: z.string().nullable(),
  tags: z.array(z.string()),
  teamId: z.uuid(),
  matchLanguage: z.boolean(),
  maxOpenLeads: z.number().int(),
  createdAt: z.string(),
});
export type AssignmentRule = z.infer<typeof AssignmentRule>;

const RuleFields = {
  name: z.string().trim().min(1).max(120),
  priority: z.number().int().min(0).max(10_000),
  active: z.boolean(),
  campaignId: z.uuid().nullable().describe('only leads in this campaign (null: any)'),
  language: z.enum(LANGUAGES).nullable().describe('only leads speaking this language (null: any)'),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).describe('only leads with one of these tags (empty: any)'),
  teamId: z.uuid().describe('the team whose telecallers take the leads, round-robin'),
  matchLanguage: z.boolean().describe("only telecallers who speak the lead's language"),
  maxOpenLeads: z.number().int().min(1).max(100_000).describe('most open leads one telecaller may hold'),
};

export const AssignmentRuleBody = z.object({
  ...RuleFields,
  priority: RuleFields.priority.default(100),
  active: RuleFields.active.default(true),
  campaignId: RuleFields.campaignId.default(null),
  language: RuleFields.language.default(null),
  tags: RuleFields.tags.default([]),
  matchLanguage: RuleFields.matchLanguage.default(false),
  maxOpenLeads: RuleFields.maxOpenLeads.default(200),
});
export type AssignmentRuleBody = z.infer<typeof AssignmentRuleBody>;

/** A change: only the fields sent are touched (no defaults). */
export const AssignmentRulePatch = z
  .object(RuleFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type AssignmentRulePatch = z.infer<typeof AssignmentRulePatch>;

export const AssignmentRuleList = z.object({ items: z.array(AssignmentRule), slaHours: z.number() });
export type AssignmentRuleList = z.infer<typeof AssignmentRuleList>;

export const BulkAssignBody = z.object({
  leadIds: z.array(z.uuid()).min(1).max(10_000),
  ownerId: z.union([z.uuid(), z.null(), z.literal('auto')]).describe('a user id, null to unassign, or "auto" to apply the rules'),
});
export type BulkAssignBody = z.infer<typeof BulkAssignBody>;

export const AssignResult = z.object({ assigned: z.number().int(), unchanged: z.number().int() });
export type AssignResult = z.infer<typeof AssignResult>;
