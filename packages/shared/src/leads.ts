import { z } from 'zod';
import { ACTIVITY_TYPES, LANGUAGES, LEAD_SORTS, LEAD_STATUSES } from './enums.js';
import { invalidCharacter, multiLine, oneLine } from './text.js';

export const MAX_PAGE_SIZE = 100;

export const LeadSource = z.object({ source: z.string(), externalId: z.string().nullable() });
export type LeadSource = z.infer<typeof LeadSource>;

export const Lead = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().describe('E.164'),
  email: z.string().nullable(),
  status: z.enum(LEAD_STATUSES),
  score: z.number().int().nullable(),
  language: z.string().nullable(),
  city: z.string().nullable(),
  timezone: z.string(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  sources: z.array(LeadSource),
  dnd: z.boolean().describe('on the DND (NCPR) registry for our category, or fully blocked'),
  dndCategories: z.array(z.number().int()).nullable().describe('the preference categories registered (0 = fully blocked)'),
  dndCheckedAt: z.string().nullable(),
  lastContactedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Lead = z.infer<typeof Lead>;

const Tag = oneLine(z.string().trim().min(1).max(40));

/**
 * What a lead's metadata (the free-form attributes from imports, syncs and the API) may hold.
 * Every object at most maxKeys keys and every array maxKeys items, keys up to maxKeyLength
 * characters, text values up to maxStringLength, objects nested maxDepth deep, and the whole at
 * most maxBytes of JSON. No NUL characters anywhere (PostgreSQL cannot store them).
 */
export const LEAD_METADATA_LIMITS = { maxKeys: 50, maxKeyLength: 100, maxStringLength: 2000, maxDepth: 5, maxBytes: 8192 } as const;

const utf8 = new TextEncoder();
const describe = (path: string) => (path ? `metadata.${path}` : 'metadata');
const child = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * The first way `value` breaks LEAD_METADATA_LIMITS, as "metadata.<path>: <problem>", or null.
 * Walks without recursion and stops early, so a hostile value costs no more than the limits.
 */
export function leadMetadataProblem(value: unknown): string | null {
  const L = LEAD_METADATA_LIMITS;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'metadata: must be an object';
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 1 }];
  let bytes = 0;
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { path, depth } = item;
    let v = item.value;
    // Dates from a source database are stored as their JSON text.
    if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(): unknown }).toJSON();
    if (v === null || typeof v === 'boolean') bytes += 5;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${describe(path)}: must be a finite number`;
      bytes += 24;
    } else if (typeof v === 'string') {
      if (v.length > L.maxStringLength) return `${describe(path)}: is ${v.length} characters long; at most ${L.maxStringLength}`;
      const bad = invalidCharacter(v, { multiLine: true });
      if (bad) return `${describe(path)}: ${bad}`;
      bytes += v.length + 2;
    } else if (typeof v === 'object') {
      if (depth > L.maxDepth) return `${describe(path)}: nests deeper than ${L.maxDepth} levels`;
      const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
      if (entries.length > L.maxKeys) return `${describe(path)}: has ${entries.length} ${Array.isArray(v) ? 'items' : 'keys'}; at most ${L.maxKeys}`;
      for (const [k, x] of entries) {
        if (typeof k === 'string') {
          if (k.length > L.maxKeyLength) return `${describe(path)}: the key "${k.slice(0, 40)}..." is ${k.length} characters long; at most ${L.maxKeyLength}`;
          if (k.length === 0) return `${describe(path)}: keys must not be empty`;
          const bad = invalidCharacter(k, { multiLine: true });
          if (bad) return `${describe(child(path, k))}: the key ${bad}`;
          bytes += k.length + 4;
        }
        stack.push({ value: x, path: child(path, k), depth: depth + 1 });
      }
      bytes += 2;
    } else return `${describe(path)}: must be text, a number, true/false, null, a list or an object`;
    if (bytes > L.maxBytes) return `metadata: is more than ${L.maxBytes} bytes of JSON; at most ${L.maxBytes}`;
  }
  const json = JSON.stringify(value);
  // A UTF-16 unit is at most 3 bytes of UTF-8: most values need no encoding to be measured.
  const size = json.length * 3 <= L.maxBytes ? json.length : utf8.encode(json).length;
  return size > L.maxBytes ? `metadata: is ${size} bytes of JSON; at most ${L.maxBytes}` : null;
}

/** A lead's metadata, within LEAD_METADATA_LIMITS. */
export const LeadMetadata = z.record(z.string(), z.unknown()).superRefine((v, ctx) => {
  const problem = leadMetadataProblem(v);
  // The issue already sits at `metadata`: say the rest of the path in the message.
  if (problem) ctx.addIssue({ code: 'custom', message: problem.replace(/^metadata(: |\.)/, '') });
});

export const CreateLeadBody = z.object({
  name: oneLine(z.string().trim().min(1).max(200)),
  phone: oneLine(z.string().trim().min(3).max(32)),
  email: z.email().max(254).nullable().optional(),
  status: z.enum(LEAD_STATUSES).optional(),
  score: z.number().int().min(0).max(100).nullable().optional(),
  language: z.enum(LANGUAGES).nullable().optional(),
  city: oneLine(z.string().trim().max(100)).nullable().optional(),
  timezone: oneLine(z.string().trim().max(64)).optional(),
  ownerId: z.uuid().nullable().optional(),
  tags: z.array(Tag).max(20).optional(),
  metadata: LeadMetadata.optional(),
});
export type CreateLeadBody = z.infer<typeof CreateLeadBody>;

export const UpdateLeadBody = CreateLeadBody.partial().refine((v) => Object.keys(v).length > 0, {
  message: 'nothing to update',
});
export type UpdateLeadBody = z.infer<typeof UpdateLeadBody>;

/** Query strings arrive as text; a comma separates several values of one filter. */
const csv = <T extends string>(item: z.ZodType<T, string>) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

export const LeadListQuery = z.object({
  q: oneLine(z.string().trim().max(200)).optional(),
  status: csv(z.enum(LEAD_STATUSES)).optional(),
  ownerId: z.union([z.uuid(), z.literal('unassigned'), z.literal('me')]).optional(),
  campaignId: z.uuid().optional(),
  tag: oneLine(z.string().trim().min(1).max(40)).optional(),
  dnd: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(LEAD_SORTS).default('-createdAt'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
});
export type LeadListQuery = z.infer<typeof LeadListQuery>;

export const LeadPage = z.object({
  items: z.array(Lead),
  total: z.number().int(),
  totalExact: z.boolean().describe('false when total is an estimate (more than 10,000 matches)'),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type LeadPage = z.infer<typeof LeadPage>;

/** For `assignment` activities, `data` carries `from`/`to` user ids and their `fromName`/`toName`. */
export const Activity = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  type: z.enum(ACTIVITY_TYPES),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;

export const ActivityList = z.object({
  items: z.array(Activity),
  nextCursor: z.string().nullable().describe('pass as `before` for the next, older page'),
});
export type ActivityList = z.infer<typeof ActivityList>;

export const ActivityListQuery = z.object({
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

export const CreateNoteBody = z.object({ body: multiLine(z.string().trim().min(1).max(5000)) });
export type CreateNoteBody = z.infer<typeof CreateNoteBody>;
