/** Agents take the calls offered to them and their team's missed callers; staff watch the queue and set their teams' hours. */
import { ANY_ROLE, STAFF } from '../../platform/auth/roles.js';

export const inboundPolicy = {
  roles: { answer: ANY_ROLE, watch: STAFF, hours: STAFF, simulate: STAFF },
};
