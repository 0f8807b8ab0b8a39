/** The audit log is read by admins only. */
import { ADMIN, isAdmin } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const auditPolicy = {
  roles: { view: ADMIN },
  abilities: (a: Actor) => ({ viewAudit: isAdmin(a) }),
};
