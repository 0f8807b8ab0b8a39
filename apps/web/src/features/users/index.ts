// Users and teams: people pickers and names for other features, the admin's users and teams
// pages and a manager's own team (those load on first visit).
export { useTeams } from './hooks/useTeams';
export { useUserNames } from './hooks/useUserNames';
export { useUsers } from './hooks/useUsers';

export const loadUsersPage = () => import('./routes/UsersPage').then((m) => m.UsersPage);
export const loadTeamsPage = () => import('./routes/TeamsPage').then((m) => m.TeamsPage);
export const loadMyTeamPage = () => import('./routes/MyTeamPage').then((m) => m.MyTeamPage);
