import { z } from 'zod';

export const Campaign = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  timezone: z.string(),
  callingHours: z.string().nullable().describe("HH:MM-HH:MM in the lead's time zone; null: the organisation's"),
  requiresConsent: z.boolean(),
  maxAttemptsPerDay: z.number().int().nullable(),
  members: z.number().int(),
  createdAt: z.string(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignList = z.object({ items: z.array(Campaign) });
export type CampaignList = z.infer<typeof CampaignList>;

export const CreateCampaignBody = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).nullable().optional(),
  startDate: z.iso.date().nullable().optional(),
  endDate: z.iso.date().nullable().optional(),
  timezone: z.string().trim().max(64).optional(),
  callingHours: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM-HH:MM, e.g. 10:00-19:00')
    .nullable()
    .optional(),
  requiresConsent: z.boolean().optional(),
  maxAttemptsPerDay: z.number().int().min(1).max(50).nullable().optional(),
});
export type CreateCampaignBody = z.infer<typeof CreateCampaignBody>;

export const AddCampaignLeadsBody = z.object({ leadIds: z.array(z.uuid()).min(1).max(10_000) });
export type AddCampaignLeadsBody = z.infer<typeof AddCampaignLeadsBody>;
