// The dialer: paces each running campaign (preview, progressive, power, predictive) under a lease,
// routes answered calls to free agents or abandons them, and moves queued leads on. Owns no tables.
import type { Registrar } from '../../platform/modules.js';
import type { DialerService } from './dialer.service.js';

export { decide, type PacingDecision, type PacingInput } from './dialer.pacing.js';
export { dialerRoutes } from './dialer.routes.js';
export { createDialerService, type DialerService } from './dialer.service.js';
export { realTimers, type Timers } from './dialer.timers.js';

/** A callback promised on a campaign call puts the lead back in the queue for that time; segments are refreshed every minute. */
export function register(r: Registrar, s: { dialer: DialerService }) {
  r.on('call.disposed', 'dialer.callbacks', async (events) => s.dialer.callbacksAfter(events.map((e) => e.callId)));
  r.schedule({ name: 'dialer.segments', everyMs: 60_000, leaseMs: 120_000, run: () => s.dialer.refreshSegments() });
}
