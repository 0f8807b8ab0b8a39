/** Everyone signed in reads and searches the knowledge base and the battlecards; admins write them. */
import { ADMIN, ANY_ROLE, isAdmin } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const knowledgePolicy = {
  roles: { read: ANY_ROLE, manage: ADMIN },
  /** Whether `actor` sees inactive articles (and may filter on them). */
  seesInactive: (a: Actor) => isAdmin(a),
  abilities: (a: Actor) => ({ manageKnowledge: isAdmin(a) }),
};
