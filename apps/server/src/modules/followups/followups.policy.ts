/**
 * Follow-up rules message leads on the organisation's behalf: admins write them, staff read them.
 * A lead's follow-ups are seen, and stopped, by whoever may see the lead.
 */
import { ADMIN, ANY_ROLE, isAdmin, STAFF } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const followupsPolicy = {
  roles: { readRules: STAFF, manageRules: ADMIN, allRuns: ADMIN, leadRuns: ANY_ROLE },
  abilities: (a: Actor) => ({ manageFollowups: isAdmin(a) }),
};
