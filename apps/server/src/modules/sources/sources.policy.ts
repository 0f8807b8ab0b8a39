/** The connectors to outside systems are configured and run by admins. */
import { ADMIN, isAdmin } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const sourcesPolicy = {
  roles: { manage: ADMIN },
  abilities: (a: Actor) => ({ manageSources: isAdmin(a) }),
};
