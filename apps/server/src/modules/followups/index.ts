// Follow-ups: sequences of WhatsApp and email messages a rule sends a lead after a disposition or
// a status change. Owns followup_rules, followup_runs and followup_steps; messaging sends.
import type { Registrar } from '../../platform/modules.js';
import type { LeadsService } from '../leads/index.js';
import type { FollowupEngine } from './followups.engine.js';
import type { FollowupsService } from './followups.service.js';

export { createFollowupEngine, type FollowupEngine, type FollowupSender, STOP_STATUSES } from './followups.engine.js';
export { FollowupErrors } from './followups.errors.js';
export { followupsPolicy } from './followups.policy.js';
export { followupsRoutes } from './followups.routes.js';
export { createFollowupsService, type FollowupsService } from './followups.service.js';

/** How often due steps are looked for (and moved callbacks followed). */
export const FOLLOWUP_POLL_MS = 15_000;

/**
 * Dispositions and status changes enroll leads; the poll sends due steps on one node at a time
 * (under the scheduler's lease) and, the steps being rows, picks them up again after a restart.
 */
export function register(r: Registrar, s: { followups: FollowupsService; engine: FollowupEngine; leads: Pick<LeadsService, 'holders'> }) {
  s.leads.holders.add(s.followups.dataHolder);
  r.on('call.disposed', 'followups.enroll_disposition', (events) => s.engine.onDisposed(events));
  r.on('lead.status_changed', 'followups.follow_status', (events) => s.engine.onStatusChanged(events));
  r.schedule({ name: 'followups.due', everyMs: FOLLOWUP_POLL_MS, leaseMs: 5 * 60_000, immediate: true, run: () => s.engine.poll() });
}
