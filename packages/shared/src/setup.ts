import { z } from 'zod';

export const SETUP_STEPS = ['teams', 'telecallers', 'leads', 'campaigns', 'telephony', 'dnd', 'sources'] as const;

/** One step of the organisation's setup: done once its count is above zero. */
export const SetupStep = z.object({
  key: z.enum(SETUP_STEPS),
  required: z.boolean(),
  done: z.boolean(),
  count: z.number().int(),
});
export type SetupStep = z.infer<typeof SetupStep>;

/** `configured`: every required step is done (an admin then lands on the command center). */
export const SetupChecklist = z.object({
  steps: z.array(SetupStep),
  configured: z.boolean(),
  telephonyProvider: z.string(),
});
export type SetupChecklist = z.infer<typeof SetupChecklist>;
