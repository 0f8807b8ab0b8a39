/** Who may see and change an agent's workspace things: the agent, and the staff who watch them. */
import { ADMIN, ANY_ROLE, actsFor, actsForWithin, type ScopeOf, STAFF, type Watched } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const agentsPolicy = {
  /** Route access: every signed-in role has a workspace, presence and callbacks; admins set when skips end. */
  roles: { workspace: ANY_ROLE, supervise: STAFF, skipRules: ADMIN },
  /** Callbacks, presence history, calls by agent: the agent themselves, or staff who watch the agent. */
  canActFor: (actor: Actor, agentId: string | null, scope: ScopeOf) => actsFor(actor, agentId, scope),
  /** The same over a scope already read (subscriptions, event by event). */
  canActForWithin: (actor: Actor, agentId: string | null, watched: Watched) => actsForWithin(actor, agentId, watched),
};
