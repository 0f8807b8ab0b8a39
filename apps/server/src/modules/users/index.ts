// Users and teams: accounts, roles, team membership and who manages whom.
// Other modules use UsersService; the tables are private to this folder.
export { usersPolicy } from './users.policy.js';
export { usersRoutes } from './users.routes.js';
export { createUsersService, toUserDto, type UserAccess, type UsersService } from './users.service.js';
