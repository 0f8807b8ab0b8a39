/** Who may see and change users and teams. Declarative, so the abilities can go to the client. */
import type { Actor } from '../../platform/context.js';

export const usersPolicy = {
  manageUsers: (a: Actor) => a.role === 'admin',
  /** Managers see the members of the teams they lead; admins see everyone. */
  viewTeam: (a: Actor) => a.role === 'admin' || a.role === 'manager',
};
