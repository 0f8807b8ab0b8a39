/**
 * Definitions of a lead's extra fields: the keys of its metadata (from imports, syncs, the API)
 * given a label in each language, a type that says how to show and edit the value, and a place
 * in the order. A key without a definition is still kept and shown, under a readable form of it.
 */
import { z } from 'zod';
import { LEAD_METADATA_LIMITS } from './leads.js';
import { oneLine } from './text.js';

export const LEAD_FIELD_TYPES = ['text', 'number', 'date', 'choice', 'boolean'] as const;
export type LeadFieldType = (typeof LEAD_FIELD_TYPES)[number];

/** A lead has at most this many metadata keys, so no more definitions than that are useful. */
export const MAX_LEAD_FIELDS = LEAD_METADATA_LIMITS.maxKeys;
export const MAX_LEAD_FIELD_OPTIONS = 50;

/** Metadata keys TeleHub itself writes (a merge keeps the retired lead's number here): not for definitions. */
export const RESERVED_LEAD_FIELD_KEYS = ['alternatePhones'] as const;

const Label = oneLine(z.string().trim().min(1).max(100));

/** The Hindi label is optional: none (or an empty one) shows the English label. */
const LabelHi = oneLine(z.string().trim().max(100))
  .nullable()
  .optional()
  .transform((v) => v || null);

export const LeadFieldOption = z.object({ value: z.string(), labelEn: z.string(), labelHi: z.string().nullable() });
export type LeadFieldOption = z.infer<typeof LeadFieldOption>;

/** A choice's value as sent: stored in the lead's metadata as is. */
export const LeadFieldOptionInput = z.object({
  value: oneLine(z.string().trim().min(1).max(100)),
  labelEn: Label,
  labelHi: LabelHi,
});

export const LeadFieldDefinition = z.object({
  id: z.uuid(),
  key: z.string().describe('the metadata key the definition describes, exactly as stored'),
  labelEn: z.string(),
  labelHi: z.string().nullable().describe('null: the English label is shown in Hindi too'),
  type: z.enum(LEAD_FIELD_TYPES),
  options: z.array(LeadFieldOption).describe('the values a choice field takes, with their labels; empty for other types'),
  order: z.number().int().describe('place on the lead pages, from 0'),
  visible: z.boolean().describe('shown on the lead pages and in the edit dialog'),
  createdBy: z.uuid().nullable(),
  updatedBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadFieldDefinition = z.infer<typeof LeadFieldDefinition>;

export const LeadFieldList = z.object({ items: z.array(LeadFieldDefinition) });
export type LeadFieldList = z.infer<typeof LeadFieldList>;

const Key = oneLine(z.string().trim().min(1).max(LEAD_METADATA_LIMITS.maxKeyLength)).refine(
  (k) => !(RESERVED_LEAD_FIELD_KEYS as readonly string[]).includes(k),
  'is kept by TeleHub itself and cannot be defined',
);
const Options = z.array(LeadFieldOptionInput).max(MAX_LEAD_FIELD_OPTIONS);

/** What makes a definition's type and options fit together, or null: choices need options, other types none. */
export function leadFieldShapeProblem(def: { type: LeadFieldType; options: readonly { value: string }[] }): { path: string; message: string } | null {
  if (def.type !== 'choice') return def.options.length > 0 ? { path: 'options', message: 'only a choice field has options' } : null;
  if (def.options.length === 0) return { path: 'options', message: 'a choice field needs at least one option' };
  const seen = new Set<string>();
  for (const o of def.options) {
    if (seen.has(o.value)) return { path: 'options', message: `the value "${o.value}" is given twice` };
    seen.add(o.value);
  }
  return null;
}

export const CreateLeadFieldBody = z
  .object({
    key: Key,
    labelEn: Label,
    labelHi: LabelHi,
    type: z.enum(LEAD_FIELD_TYPES),
    options: Options.default([]),
    visible: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    const problem = leadFieldShapeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  });
export type CreateLeadFieldBody = z.infer<typeof CreateLeadFieldBody>;

/** The key is the field's identity in the data, so it does not change; `order` moves the field to that place. */
export const UpdateLeadFieldBody = z
  .object({
    labelEn: Label,
    labelHi: LabelHi,
    type: z.enum(LEAD_FIELD_TYPES),
    options: Options,
    visible: z.boolean(),
    order: z.number().int().min(0).max(MAX_LEAD_FIELDS),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateLeadFieldBody = z.infer<typeof UpdateLeadFieldBody>;

export const UnknownLeadFields = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      leads: z.number().int().describe('how many of the leads read hold a value under this key'),
      example: z.string().nullable().describe('one of the values, as text'),
    }),
  ),
  scanned: z.number().int().describe('how many leads were read: the newest live ones, up to a limit'),
});
export type UnknownLeadFields = z.infer<typeof UnknownLeadFields>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as YYYY-MM-DD that exists (no 31 February). */
export function isIsoDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

/**
 * How `value` breaks its field's definition, in a few words ("must be a number"), or null. An
 * empty value (null) fits every type: it clears the field.
 */
export function leadFieldValueProblem(def: Pick<LeadFieldDefinition, 'type' | 'options'>, value: unknown): string | null {
  if (value === null) return null;
  switch (def.type) {
    case 'text':
      return typeof value === 'string' ? null : 'must be text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? null : 'must be a date as YYYY-MM-DD';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'choice':
      return typeof value === 'string' && def.options.some((o) => o.value === value) ? null : `must be one of: ${def.options.map((o) => o.value).join(', ')}`;
  }
}
