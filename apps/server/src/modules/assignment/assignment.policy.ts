/** Assignment rules and bulk assignment are for staff; a manager's reach ends at the teams they lead. */
import { isStaff, STAFF } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const assignmentPolicy = {
  roles: { manage: STAFF },
  abilities: (a: Actor) => ({ manageAssignment: isStaff(a) }),
};
