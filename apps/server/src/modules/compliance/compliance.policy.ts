/** The DND registry and notices are run by admins; anyone may check a number or read a notice; the consent ledger follows the lead's visibility. */
import { ADMIN, ANY_ROLE, isAdmin } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const compliancePolicy = {
  roles: { registry: ADMIN, check: ANY_ROLE, consents: ANY_ROLE, notices: ANY_ROLE },
  abilities: (a: Actor) => ({ manageCompliance: isAdmin(a) }),
};
