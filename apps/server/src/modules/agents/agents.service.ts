/** The agents module assembled: presence, callbacks, skips and the workspace queue over them. */
import type { ScopeOf } from '../../platform/auth/roles.js';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { LeadsService } from '../leads/index.js';
import { createCallbacks } from './agents.callbacks.js';
import { createPresence } from './agents.presence.js';
import { createAgentScope } from './agents.scope.js';
import { createSkips } from './agents.skips.js';
import { createWorkspace } from './agents.workspace.js';

export type AgentsDeps = {
  db: Db;
  clock: Clock;
  bus: EventBus;
  leads: Pick<LeadsService, 'get' | 'forAction' | 'calls'>;
  /** Which agents a staff member watches (the users module). */
  scope: ScopeOf;
  /** Refuses a campaign this agent may not join (the campaigns module). */
  joinable: (agentId: string, campaignId: string) => Promise<void>;
  /** Lines the dialer has out for a campaign's free agents (the calls module). */
  linesOut: (campaignId: string) => Promise<number>;
};

export function createAgentsService(deps: AgentsDeps) {
  const presence = createPresence(deps);
  const callbacks = createCallbacks(deps);
  const scope = createAgentScope(deps);
  const skips = createSkips(deps);
  const workspace = createWorkspace({ ...deps, presence, callbacks, skips, agents: scope });
  return { presence, callbacks, skips, workspace, scope };
}

export type AgentsService = ReturnType<typeof createAgentsService>;
