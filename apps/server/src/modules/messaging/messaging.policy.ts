/**
 * Who may message whom: anyone who may act on the lead (its telecaller, their managers, admins:
 * the leads policy decides, row by row); admins keep the templates and report bounces.
 */
import { ADMIN, ANY_ROLE, isAdmin } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const messagingPolicy = {
  roles: { send: ANY_ROLE, read: ANY_ROLE, inbox: ANY_ROLE, templates: ANY_ROLE, manageTemplates: ADMIN, bounces: ADMIN },
  abilities: (a: Actor) => ({ manageMessaging: isAdmin(a) }),
};
