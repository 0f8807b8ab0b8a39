import { defineErrors } from '../../platform/errors.js';

export const UserErrors = defineErrors({
  USER_NOT_FOUND: ['not_found', 'User not found'],
  USER_EMAIL_TAKEN: ['conflict', 'A user with this email already exists'],
  TEAM_NOT_FOUND: ['not_found', 'Team not found'],
  TEAM_NAME_TAKEN: ['conflict', 'A team with this name already exists'],
  TEAM_MANAGER_INVALID: ['unprocessable', 'A team manager must be an active manager or admin'],
  LAST_ADMIN: ['conflict', 'This is the last active admin; make another admin first'],
  INVALID_PHONE: ['bad_request', 'The phone number is not valid'],
  USER_FORBIDDEN: ['forbidden', 'Managers deactivate and reactivate only the telecallers of the teams they lead'],
  USER_ALREADY_INACTIVE: ['conflict', 'This user is already deactivated'],
  USER_ALREADY_ACTIVE: ['conflict', 'This user is already active'],
  USER_HOLDS_WORK: ['conflict', 'This user holds open leads or callbacks: name who takes them over (handOverTo), or null for the unassigned pool'],
  USER_HANDOVER_INVALID: ['unprocessable', 'The work cannot go to this user'],
  USER_BULK_INVALID: ['unprocessable', 'Some rows are not valid; nobody was created'],
  USER_BULK_TOO_MANY: ['bad_request', 'Too many rows in one file'],
});
