// Lead assignment: rules by campaign, language, tag and team; round-robin with a cap of open
// leads; SLA reassignment of untouched leads; bulk assign. Owns assignment_rules.
import type { Registrar } from '../../platform/modules.js';
import type { AssignmentService } from './assignment.service.js';

export { assignmentPolicy } from './assignment.policy.js';
export { assignmentRoutes } from './assignment.routes.js';
export { type AssignmentService, createAssignmentService } from './assignment.service.js';

/** Leads that arrive are given owners at once; the rest every few minutes; untouched ones move on after the SLA. */
export function register(r: Registrar, s: { assignment: AssignmentService }) {
  r.on('leads.arrived', 'assignment.assign_arrived', async (events) => s.assignment.assignUnowned([...new Set(events.flatMap((e) => e.leadIds))]));
  r.schedule({ name: 'assignment.auto', everyMs: 5 * 60_000, run: () => s.assignment.assignUnowned() });
  r.schedule({ name: 'assignment.sla', everyMs: 15 * 60_000, run: () => s.assignment.reassignStale() });
}
