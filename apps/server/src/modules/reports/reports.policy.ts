/**
 * Everyone has reports: a telecaller their own telecaller report; managers every report over the
 * teams they lead, admins over all. Exports and schedules follow the same scope.
 */
import { ANY_ROLE, isStaff, STAFF } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const reportsPolicy = {
  roles: { read: ANY_ROLE, team: STAFF },
  abilities: (a: Actor) => ({ viewReports: true, viewTeamReports: isStaff(a) }),
};
