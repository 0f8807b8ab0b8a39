/**
 * Admins keep the scorecards; staff read them, review scores, settle disputes and see calibration;
 * everyone reads the score of a call they may see; the telecaller on a call disputes its score.
 */
import { ADMIN, ANY_ROLE, isAdmin, isStaff, STAFF } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const qaPolicy = {
  roles: { read: ANY_ROLE, readCards: STAFF, manage: ADMIN, review: STAFF, dispute: ANY_ROLE },
  abilities: (a: Actor) => ({ manageScorecards: isAdmin(a), reviewScores: isStaff(a) }),
};
