import { z } from 'zod';
import { LANGUAGES, ROLES } from './enums.js';
import { oneLine } from './text.js';

const Password = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export const User = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  phone: z.string().nullable(),
  teamId: z.uuid().nullable(),
  languages: z.array(z.string()),
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  password: Password,
  phone: z.string().trim().max(32).optional(),
  teamId: z.uuid().nullable().optional(),
  languages: z.array(z.enum(LANGUAGES)).max(LANGUAGES.length).optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    role: z.enum(ROLES),
    password: Password,
    phone: z.string().trim().max(32).nullable(),
    teamId: z.uuid().nullable(),
    languages: z.array(z.enum(LANGUAGES)).max(LANGUAGES.length),
    active: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const USER_PAGE_SIZE_DEFAULT = 50;
export const USER_PAGE_SIZE_MAX = 200;

/**
 * GET /api/v1/users. With neither `page` nor `pageSize` the answer holds everyone that matches
 * (the people pickers); with either, one page, active people first, then by name.
 */
export const UserListQuery = z.object({
  q: oneLine(z.string().trim().max(120, 'must be at most 120 characters')).optional().describe('part of a name (any script) or an email, any case'),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }).optional(),
  teamId: z.union([z.uuid(), z.literal('none')], { error: 'must be a team id or "none"' }).optional(),
  active: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100_000).optional(),
  pageSize: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(USER_PAGE_SIZE_MAX, `must be at most ${USER_PAGE_SIZE_MAX}`)
    .optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

/** One page of users; unpaged, `page` is 1 and `pageSize` the number of matches. */
export const UserList = z.object({ items: z.array(User), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type UserList = z.infer<typeof UserList>;

export const BULK_USERS_MAX_ROWS = 500;

/**
 * A CSV of people to invite: a header row naming name, email, role, team (a name or an id),
 * phone and languages (codes or English names, separated by ; or |), then one person a row.
 */
export const BulkUsersBody = z.object({
  csv: z.string().min(1, 'the file is empty').max(1_000_000, 'must be at most 1 MB'),
  dryRun: z.boolean().default(false).describe('check every row and create nobody'),
});
export type BulkUsersBody = z.infer<typeof BulkUsersBody>;

/** What is wrong with a row: its number in the file (the header is row 1) and the column. */
export const BulkUserError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type BulkUserError = z.infer<typeof BulkUserError>;

export const BulkUserRow = z.object({
  row: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  phone: z.string().nullable(),
  languages: z.array(z.string()),
});
export type BulkUserRow = z.infer<typeof BulkUserRow>;

/** Shown once: nobody can read a password back later. */
export const BulkUserCredential = z.object({ id: z.uuid(), name: z.string(), email: z.string(), temporaryPassword: z.string() });
export type BulkUserCredential = z.infer<typeof BulkUserCredential>;

export const BulkUsersResult = z.object({
  dryRun: z.boolean(),
  /** How many were created: all rows, or none when any row has an error (or on a dry run). */
  created: z.number().int(),
  rows: z.array(BulkUserRow),
  errors: z.array(BulkUserError),
  credentials: z.array(BulkUserCredential),
});
export type BulkUsersResult = z.infer<typeof BulkUsersResult>;

/** What a user holds that someone must take over when they leave, by kind (openLeads, callbacks). */
export const UserHoldings = z.object({ holdings: z.record(z.string(), z.number().int()) });
export type UserHoldings = z.infer<typeof UserHoldings>;

export const DeactivateUserBody = z.object({
  handOverTo: z
    .uuid('must be a user id or null')
    .nullable()
    .optional()
    .describe("who receives the user's open leads and callbacks; null: the team's unassigned pool; required when they hold any"),
});
export type DeactivateUserBody = z.infer<typeof DeactivateUserBody>;

export const DeactivateUserResult = z.object({ user: User, handOverTo: z.uuid().nullable(), moved: z.record(z.string(), z.number().int()) });
export type DeactivateUserResult = z.infer<typeof DeactivateUserResult>;

export const Team = z.object({
  id: z.uuid(),
  name: z.string(),
  managerId: z.uuid().nullable(),
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export type Team = z.infer<typeof Team>;

export const CreateTeamBody = z.object({
  name: z.string().trim().min(1).max(80),
  managerId: z.uuid().nullable().optional(),
});
export type CreateTeamBody = z.infer<typeof CreateTeamBody>;

export const UpdateTeamBody = z
  .object({ name: z.string().trim().min(1).max(80), managerId: z.uuid().nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateTeamBody = z.infer<typeof UpdateTeamBody>;

export const TeamList = z.object({ items: z.array(Team) });
export type TeamList = z.infer<typeof TeamList>;
