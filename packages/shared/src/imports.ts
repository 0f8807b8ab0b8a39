import { z } from 'zod';

export const IMPORT_FIELD_NAMES = ['name', 'firstName', 'lastName', 'phone', 'email', 'city', 'language', 'status', 'score', 'tags', 'externalId'] as const;

/** TeleHub field -> column header of the file. */
export const ImportMapping = z.partialRecord(z.enum(IMPORT_FIELD_NAMES), z.string().min(1).max(200));
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportStatus = z.object({
  id: z.uuid(),
  kind: z.enum(['leads', 'dnd']),
  status: z.enum(['draft', 'queued', 'running', 'completed', 'failed']),
  phase: z.enum(['parsing', 'merging']).nullable(),
  source: z.string(),
  filename: z.string(),
  format: z.enum(['csv', 'xlsx']),
  sizeBytes: z.number().int(),
  mapping: z.record(z.string(), z.string()),
  total: z.number().int().describe('data rows in the file (an estimate while parsing)'),
  processed: z.number().int(),
  created: z.number().int(),
  merged: z.number().int(),
  rejected: z.number().int(),
  percent: z.number(),
  rowsPerSecond: z.number().nullable(),
  error: z.string().nullable().describe('why the whole import failed'),
  errors: z.array(z.object({ row: z.number().int(), reason: z.string() })).describe('rejected rows (first 1,000; all in the CSV report)'),
  errorsTruncated: z.boolean(),
  campaignId: z.uuid().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportPreview = z.object({
  id: z.uuid(),
  filename: z.string(),
  format: z.enum(['csv', 'xlsx']),
  sizeBytes: z.number().int(),
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string())).describe('the first data rows, one cell per header'),
  suggestedMapping: z.record(z.string(), z.string()),
  fields: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const StartImportBody = z.object({
  mapping: ImportMapping.optional(),
  source: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[\w.-]+$/, 'letters, digits, dot, dash or underscore')
    .optional(),
  campaignId: z.uuid().optional(),
});
export type StartImportBody = z.infer<typeof StartImportBody>;

export const ImportList = z.object({ items: z.array(ImportStatus) });
export type ImportList = z.infer<typeof ImportList>;
