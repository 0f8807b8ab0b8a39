import type {
  BulkUsersBody,
  BulkUsersResult,
  CreateTeamBody,
  CreateUserBody,
  DeactivateUserBody,
  DeactivateUserResult,
  Role,
  Team,
  TeamList,
  UpdateTeamBody,
  UpdateUserBody,
  User,
  UserHoldings,
  UserList,
} from '@telehub/shared';
import { api } from '../../../lib/api';

/** The Users page's search: a page of people matching the filters. */
export type UserPageQuery = { q?: string; role?: Role; teamId?: string; active?: boolean; page: number; pageSize: number };

export const usersApi = {
  /** Everyone in view, in one answer (the pickers). */
  list: (signal?: AbortSignal) => api<UserList>('/users', { signal }),
  page: (query: UserPageQuery, signal?: AbortSignal) => api<UserList>('/users', { query, signal }),
  create: (body: CreateUserBody) => api<User>('/users', { method: 'POST', body }),
  update: (id: string, body: UpdateUserBody) => api<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  bulk: (body: BulkUsersBody) => api<BulkUsersResult>('/users/bulk', { method: 'POST', body }),
  holdings: (id: string, signal?: AbortSignal) => api<UserHoldings>(`/users/${encodeURIComponent(id)}/holdings`, { signal }),
  deactivate: (id: string, body: DeactivateUserBody) => api<DeactivateUserResult>(`/users/${encodeURIComponent(id)}/deactivate`, { method: 'POST', body }),
  reactivate: (id: string) => api<User>(`/users/${encodeURIComponent(id)}/reactivate`, { method: 'POST', body: {} }),
  teams: (signal?: AbortSignal) => api<TeamList>('/teams', { signal }),
  createTeam: (body: CreateTeamBody) => api<Team>('/teams', { method: 'POST', body }),
  updateTeam: (id: string, body: UpdateTeamBody) => api<Team>(`/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
};
