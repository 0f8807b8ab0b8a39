import { z } from 'zod';

export const SETTING_GROUPS = ['sources', 'workload', 'compliance', 'alerts', 'telephony'] as const;
export const SettingGroup = z.enum(SETTING_GROUPS);
export type SettingGroup = z.infer<typeof SettingGroup>;

/**
 * Where a setting's value comes from: the built-in default, the environment of the server, or
 * the product (stored in the database, which wins over the environment on every node).
 */
export const SETTING_ORIGINS = ['default', 'environment', 'stored'] as const;
export type SettingOrigin = (typeof SETTING_ORIGINS)[number];

/**
 * One setting as an admin sees it. Secrets never carry their text: `value` and `environmentValue`
 * are null for them, and `isSet` / `environmentSet` tell whether one is there.
 */
export const SettingItem = z.object({
  name: z.string(),
  group: SettingGroup,
  secret: z.boolean(),
  description: z.string(),
  origin: z.enum(SETTING_ORIGINS),
  /** The text in effect (null: unset, or a secret). */
  value: z.string().nullable(),
  isSet: z.boolean(),
  /** What the environment gives (null: nothing, or a secret). */
  environmentValue: z.string().nullable(),
  environmentSet: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type SettingItem = z.infer<typeof SettingItem>;

export const SettingsAnswer = z.object({
  items: z.array(SettingItem),
  version: z.number().int(),
  /** TELEPHONY_PROVIDER, chosen by the environment (a restart): whose account the telephony settings are. */
  telephonyProvider: z.enum(['simulator', 'twilio', 'exotel']),
});
export type SettingsAnswer = z.infer<typeof SettingsAnswer>;

/**
 * A change: each named setting gets the text (as its environment variable would take it) or null,
 * which removes the stored value so the environment's (or the default) applies again. Every value
 * is checked together before anything is stored.
 */
export const SettingsUpdate = z.object({
  values: z
    .record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be a setting name such as TELEHUB_ALERT_IDLE'), z.string().max(2000).nullable())
    .refine((v) => Object.keys(v).length > 0, 'name at least one setting'),
});
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;

/** Tries a connector with the given values overlaid on those in effect, storing nothing. */
export const ConnectorTest = z.object({ values: z.record(z.string(), z.string().max(2000).nullable()).default({}) });
export type ConnectorTest = z.infer<typeof ConnectorTest>;

export const ConnectorTestResult = z.object({
  ok: z.boolean(),
  /** What was reached (e.g. "CRM answered: 1,204 leads"), or what went wrong. */
  message: z.string(),
  elapsedMs: z.number().int(),
});
export type ConnectorTestResult = z.infer<typeof ConnectorTestResult>;
