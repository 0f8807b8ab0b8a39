/** Who may see and change users and teams. Managers see the people of the teams they lead; admins manage everyone. */
import type { Role } from '@telehub/shared';
import { ADMIN, isAdmin, isStaff, STAFF } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const usersPolicy = {
  roles: { view: STAFF, manage: ADMIN, deactivate: STAFF },
  manageUsers: isAdmin,
  /** Deactivate or reactivate someone in view: admins anyone, managers the telecallers of their teams. */
  changeMember: (a: Actor, u: { role: Role }) => isAdmin(a) || (a.role === 'manager' && u.role === 'telecaller'),
  /** Managers see the members of the teams they lead; admins see everyone. */
  viewTeam: isStaff,
  abilities: (a: Actor) => ({ manageUsers: isAdmin(a), viewTeam: isStaff(a), viewSettings: isAdmin(a) }),
};
