// Agents: each agent's presence (offline, available, ringing, on a call, wrap-up, break) and its
// history, the callbacks they promised, the leads they skipped (with why), and the workspace queue
// (what to call next). Owns agent_presence, agent_presence_log, callbacks and agent_skips. The call
// engine moves presence as calls move.
import type { Registrar } from '../../platform/modules.js';
import type { LeadsService } from '../leads/index.js';
import type { AgentsService } from './agents.service.js';

export type { CallbacksService } from './agents.callbacks.js';
export { AgentErrors } from './agents.errors.js';
export { agentsPolicy } from './agents.policy.js';
export { isFree, ON_A_CALL, type PresenceService, presenceDaysFromLog } from './agents.presence.js';
export { agentsRoutes } from './agents.routes.js';
export type { AgentScope, LiveScope } from './agents.scope.js';
export { type AgentsService, createAgentsService } from './agents.service.js';
export { DEFAULT_SKIP_RULES, type SkipsService, skipEndsAt } from './agents.skips.js';
export type { WorkspaceService } from './agents.workspace.js';

/** Callbacks and skips are lead data. */
export function register(_r: Registrar, s: { agents: AgentsService; leads: Pick<LeadsService, 'holders'> }) {
  s.leads.holders.add(s.agents.callbacks.dataHolder);
  s.leads.holders.add(s.agents.skips.dataHolder);
}
