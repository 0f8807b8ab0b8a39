/** Who may see which figures: everyone their own; the floor, leaderboard and trends are for staff, in their scope. */
import { ANY_ROLE, isStaff, STAFF } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';
import { CommonErrors } from '../../platform/errors.js';

export const analyticsPolicy = {
  roles: { own: ANY_ROLE, floor: STAFF },
  watchFloor: isStaff,
  /** Throws FORBIDDEN for someone who may not watch the floor. */
  requireFloor(actor: Actor) {
    if (!isStaff(actor)) throw CommonErrors.FORBIDDEN('Only managers and admins may watch the team');
  },
  abilities: (a: Actor) => ({ viewCommandCenter: isStaff(a) }),
};
