import { z } from 'zod';

const Brief = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  createdAt: z.string(),
});

export const DuplicatePair = z.object({ a: Brief, b: Brief, reasons: z.array(z.enum(['same_email', 'same_name_city'])) });
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DuplicatePage = z.object({ items: z.array(DuplicatePair), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type DuplicatePage = z.infer<typeof DuplicatePage>;

export const LeadBriefList = z.object({ items: z.array(Brief) });
export type LeadBriefList = z.infer<typeof LeadBriefList>;

export const MergePlan = z.object({
  survivor: z.object({ id: z.uuid(), name: z.string(), phone: z.string() }),
  merged: z.object({ id: z.uuid(), name: z.string(), phone: z.string() }),
  fields: z.array(
    z.object({
      field: z.string(),
      survivor: z.unknown(),
      other: z.unknown(),
      result: z.unknown(),
      action: z
        .enum(['keep', 'fill', 'union', 'alternate'])
        .describe('keep: survivor value stays; fill: a blank takes the other value; union: both sets; alternate: kept as an alternate number'),
    }),
  ),
  moves: z.object({ activities: z.number().int(), identities: z.number().int() }),
});
export type MergePlan = z.infer<typeof MergePlan>;

export const MergeBody = z.object({ otherId: z.uuid() });
export type MergeBody = z.infer<typeof MergeBody>;

export const MergeResult = z.object({ mergeId: z.uuid(), plan: MergePlan });
export type MergeResult = z.infer<typeof MergeResult>;

export const MergeRecord = z.object({
  id: z.uuid(),
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  mergedName: z.string(),
  actorId: z.uuid().nullable(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
});
export const MergeList = z.object({ items: z.array(MergeRecord) });
export type MergeList = z.infer<typeof MergeList>;

export const DismissDuplicateBody = z.object({ leadIds: z.tuple([z.uuid(), z.uuid()]) });
export type DismissDuplicateBody = z.infer<typeof DismissDuplicateBody>;
