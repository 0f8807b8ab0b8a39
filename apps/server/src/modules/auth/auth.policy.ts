/** Signing in is open; the session's own data is for whoever holds it. */
import { ANY_ROLE } from '../../platform/auth/roles.js';

export const authPolicy = {
  roles: { public: 'public' as const, session: ANY_ROLE },
};
