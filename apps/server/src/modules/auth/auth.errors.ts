import { defineErrors } from '../../platform/errors.js';

export const AuthErrors = defineErrors({
  INVALID_CREDENTIALS: ['unauthorized', 'The email or password is not correct'],
  ACCOUNT_DISABLED: ['forbidden', 'This account is disabled; ask an admin to enable it'],
  REFRESH_INVALID: ['unauthorized', 'Your session has ended; sign in again'],
  /** The access token is well signed and unexpired, but its session is over. */
  SESSION_REVOKED: ['unauthorized', 'Your session has ended; sign in again'],
});
