/** Everyone sees the campaigns (a telecaller dials within them); staff create them and fill their queues. */
import { ANY_ROLE, isStaff, STAFF } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const campaignsPolicy = {
  roles: { view: ANY_ROLE, manage: STAFF },
  abilities: (a: Actor) => ({ manageCampaigns: isStaff(a) }),
};
