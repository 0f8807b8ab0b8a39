/**
 * Whose agent things an actor may reach: one rule for REST, GraphQL and subscriptions alike
 * (agentsPolicy.canActFor): their own, or, for staff, those of the agents they watch (a manager:
 * the people of the teams they lead; an admin: everyone). An agent outside it answers exactly like
 * a missing one, as their user record does.
 */
import type { ScopeOf, Watched } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';
import { AgentErrors } from './agents.errors.js';
import { agentsPolicy } from './agents.policy.js';

/** How long a subscription trusts the people a manager watches before it reads them again. */
const LIVE_TTL_MS = 60_000;

/** A scope that stays current for as long as a subscription lives. */
export type LiveScope = {
  /** The people watched now (null: everyone). */
  watched(): Watched;
  /** Whether the actor acts for this agent now. */
  actsFor(agentId: string | null): boolean;
};

export function createAgentScope(deps: { scope: ScopeOf; ttlMs?: number }) {
  const ttl = deps.ttlMs ?? LIVE_TTL_MS;
  return {
    /** Throws AGENT_NOT_FOUND unless the actor acts for the agent. */
    async assertActsFor(actor: Actor, agentId: string): Promise<void> {
      if (!(await agentsPolicy.canActFor(actor, agentId, deps.scope))) throw AgentErrors.AGENT_NOT_FOUND();
    },

    /**
     * The actor's scope for a subscription. A manager's teams change rarely, but a socket lives
     * long: once the scope is older than a minute it is read again in the background, so a manager
     * taken off a team stops hearing of it. `onError` hears a failed read (the old scope stays).
     */
    async live(actor: Actor, onError: (err: unknown) => void): Promise<LiveScope> {
      const state = { watched: await deps.scope(actor), at: Date.now(), refreshing: false };
      const current = (): Watched => {
        if (!state.refreshing && Date.now() - state.at > ttl) {
          state.refreshing = true;
          deps
            .scope(actor)
            .then((next) => Object.assign(state, { watched: next, at: Date.now() }))
            .catch(onError)
            .finally(() => {
              state.refreshing = false;
            });
        }
        return state.watched;
      };
      return {
        watched: current,
        actsFor: (agentId) => agentsPolicy.canActForWithin(actor, agentId, current()),
      };
    },
  };
}

export type AgentScope = ReturnType<typeof createAgentScope>;
