import { z } from 'zod';
import { LANGUAGES, ROLES } from './enums.js';

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

export const UserList = z.object({ items: z.array(User), total: z.number().int() });
export type UserList = z.infer<typeof UserList>;

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
