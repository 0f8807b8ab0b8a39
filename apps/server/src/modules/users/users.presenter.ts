import type { User } from '@telehub/shared';
import type { UserRow } from './users.repo.js';

/** The fields of a user that leave the server (never the password hash or session version). */
export function toUserDto(u: UserRow): User {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    phone: u.phone,
    teamId: u.teamId,
    languages: u.languages,
    active: u.active,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
