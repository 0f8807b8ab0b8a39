/** Everyone reads their own skills and coaching; staff read their teams' and assign, dismiss and ask for suggestions. */
import { ANY_ROLE, isStaff, STAFF } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const coachingPolicy = {
  roles: { read: ANY_ROLE, coach: STAFF },
  abilities: (a: Actor) => ({ coachTeam: isStaff(a) }),
};
