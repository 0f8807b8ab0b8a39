import { defineErrors } from '../../platform/errors.js';

export const AuthErrors = defineErrors({
  INVALID_CREDENTIALS: ['unauthorized', 'The email or password is not correct'],
  ACCOUNT_DISABLED: ['forbidden', 'This account is disabled; ask an admin to enable it'],
  PASSWORD_SIGNIN_DISABLED: ['forbidden', 'Password sign-in is switched off here; sign in with single sign-on'],
  REFRESH_INVALID: ['unauthorized', 'Your session has ended; sign in again'],
  /** The access token is well signed and unexpired, but its session is over. */
  SESSION_REVOKED: ['unauthorized', 'Your session has ended; sign in again'],
});
