import { defineErrors } from '../../platform/errors.js';

export const UserErrors = defineErrors({
  USER_NOT_FOUND: ['not_found', 'User not found'],
  USER_EMAIL_TAKEN: ['conflict', 'A user with this email already exists'],
  TEAM_NOT_FOUND: ['not_found', 'Team not found'],
  TEAM_NAME_TAKEN: ['conflict', 'A team with this name already exists'],
  TEAM_MANAGER_INVALID: ['unprocessable', 'A team manager must be an active manager or admin'],
  LAST_ADMIN: ['conflict', 'This is the last active admin; make another admin first'],
  INVALID_PHONE: ['bad_request', 'The phone number is not valid'],
});
