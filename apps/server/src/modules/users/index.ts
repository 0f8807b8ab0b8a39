// Users and teams: accounts, roles, team membership and who manages whom.
// Other modules use UsersService; the tables are private to this folder.

export type { HandOverStep, HandOverTarget } from './users.handover.js';
export { usersPolicy } from './users.policy.js';
export { toUserDto } from './users.presenter.js';
export { usersRoutes } from './users.routes.js';
export { createUsersService, type UserAccess, type UsersService } from './users.service.js';
