/** Staff bring leads in from files. */
import { isStaff, STAFF } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const importsPolicy = {
  roles: { import: STAFF },
  abilities: (a: Actor) => ({ importLeads: isStaff(a) }),
};
