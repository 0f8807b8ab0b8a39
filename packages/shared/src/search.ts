/** Finding calls by what was said and by what their analysis found (GET /api/v1/calls/search). */
import { z } from 'zod';
import { OBJECTION_TYPES, SENTIMENTS } from './assist.js';

const optionalBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const CallSearchQuery = z
  .object({
    /** Words said in the call or its summary, in English, Hindi or Hinglish, either script. */
    q: z.string().trim().max(200, 'q: at most 200 characters').optional(),
    objection: z.enum(OBJECTION_TYPES).optional(),
    /** With objection (or alone): only calls where it was (or was not) answered. */
    handled: optionalBool.optional(),
    /** The lead's sentiment over the call. */
    sentiment: z.enum(SENTIMENTS).optional(),
    minScore: z.coerce.number({ error: 'minScore: a number from 0 to 100' }).min(0).max(100).optional(),
    maxScore: z.coerce.number({ error: 'maxScore: a number from 0 to 100' }).min(0).max(100).optional(),
    campaignId: z.uuid('campaignId: a campaign id').optional(),
    agentId: z.uuid('agentId: a user id').optional(),
    /** The saved disposition, or the call's status when none was saved. */
    outcome: z.string().trim().min(1).max(40).optional(),
    from: z.iso.datetime({ offset: true, error: 'from: a date-time such as 2026-12-01T00:00:00Z' }).optional(),
    to: z.iso.datetime({ offset: true, error: 'to: a date-time such as 2026-12-31T23:59:59Z' }).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((x) => x.minScore === undefined || x.maxScore === undefined || x.minScore <= x.maxScore, {
    message: 'minScore must not be above maxScore',
    path: ['minScore'],
  });
export type CallSearchQuery = z.input<typeof CallSearchQuery>;

/** A piece of the call that matched, with the matched words marked by offsets into `text`. */
export const CallSnippet = z.object({
  speaker: z.enum(['agent', 'lead', 'summary']),
  text: z.string(),
  /** Where in the call it was said, ms (null for the summary). */
  atMs: z.number().int().min(0).nullable(),
  marks: z.array(z.object({ start: z.number().int().min(0), end: z.number().int().min(0) })),
});
export type CallSnippet = z.infer<typeof CallSnippet>;

const Count = z.object({ value: z.string(), count: z.number().int() });

export const CallSearchResult = z.object({
  items: z.array(
    z.object({
      callId: z.uuid(),
      leadId: z.uuid(),
      leadName: z.string(),
      agent: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      campaignId: z.uuid().nullable(),
      answeredAt: z.iso.datetime({ offset: true }).nullable(),
      durationSeconds: z.number().int().nullable(),
      outcome: z.string().nullable(),
      sentiment: z.enum(SENTIMENTS).nullable(),
      qaScore: z.number().nullable(),
      objections: z.array(z.object({ type: z.enum(OBJECTION_TYPES), handled: z.boolean() })),
      summary: z.string(),
      snippets: z.array(CallSnippet),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Counts over every match (not just this page), for the filters. */
  facets: z.object({ objection: z.array(Count), sentiment: z.array(Count), outcome: z.array(Count), agent: z.array(Count), campaign: z.array(Count) }),
});
export type CallSearchResult = z.infer<typeof CallSearchResult>;
