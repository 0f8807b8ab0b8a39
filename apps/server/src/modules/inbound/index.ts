// Inbound: callers who ring our numbers reach the right telecaller (owner, team, anyone) through a
// queue, or are owed a callback; team hours; the queue's and the day's figures. Owns inbound_calls.
import type { Registrar } from '../../platform/modules.js';
import type { LeadsService } from '../leads/index.js';
import type { InboundService } from './inbound.service.js';

export { InboundErrors } from './inbound.errors.js';
export { isOpen, nextOpening } from './inbound.hours.js';
export { inboundPolicy } from './inbound.policy.js';
export { type InboundRoutesOptions, inboundRoutes } from './inbound.routes.js';
export { rankAgents } from './inbound.routing.js';
export { createInboundEngagement, createInboundService, type InboundOptions, type InboundService } from './inbound.service.js';
export { createSimulatedCallers } from './inbound.simulate.js';

/**
 * The queue is looked at every second (offers that rang out, callers waiting too long) and at once
 * when a call ends; inbound calls are lead data; simulated callers ring at their rate.
 */
export function register(
  r: Registrar,
  s: { inbound: InboundService; leads: Pick<LeadsService, 'holders'>; simulated: { everyMs: number; ring: () => Promise<unknown> } | null },
) {
  s.leads.holders.add(s.inbound.dataHolder);
  r.on('call.ended', 'inbound.settle', async (events) => s.inbound.ended(events.map((e) => e.callId)));
  r.schedule({ name: 'inbound.route', everyMs: 1000, leaseMs: 30_000, run: () => s.inbound.route() });
  if (s.simulated) r.schedule({ name: 'inbound.simulate', everyMs: s.simulated.everyMs, leaseMs: 10 * s.simulated.everyMs, run: s.simulated.ring });
}
