import type { CreateTeamBody, CreateUserBody, Team, TeamList, UpdateTeamBody, UpdateUserBody, User, UserList } from '@telehub/shared';
import { api } from '../../../lib/api';

export const usersApi = {
  list: (signal?: AbortSignal) => api<UserList>('/users', { signal }),
  create: (body: CreateUserBody) => api<User>('/users', { method: 'POST', body }),
  update: (id: string, body: UpdateUserBody) => api<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  teams: (signal?: AbortSignal) => api<TeamList>('/teams', { signal }),
  createTeam: (body: CreateTeamBody) => api<Team>('/teams', { method: 'POST', body }),
  updateTeam: (id: string, body: UpdateTeamBody) => api<Team>(`/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
};
