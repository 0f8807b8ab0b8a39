// Compliance: the DND (NCPR) registry and the lead flags it drives. Later: calling hours, consent
// and DPDP rights. Owns dnd_registry.
import type { Registrar } from '../../platform/modules.js';
import type { ComplianceService } from './compliance.service.js';

export { complianceRoutes } from './compliance.routes.js';
export { type ComplianceService, createComplianceService } from './compliance.service.js';

/** DND lists are read by a job; new leads are scrubbed as they arrive, and every lead by a sweep. */
export function register(r: Registrar, s: { compliance: ComplianceService }) {
  r.job('compliance.dnd_import', ({ importId }) => s.compliance.runImport(importId), { attempts: 3, backoffMs: 2000 });
  r.on('leads.arrived', 'compliance.scrub_arrived', async (events) => s.compliance.scrub([...new Set(events.flatMap((e) => e.leadIds))]));
  // Catches any lead created or changed since the last sweep, whatever path it took.
  r.schedule({ name: 'compliance.dnd_scrub', everyMs: 10 * 60_000, run: () => s.compliance.scrub() });
}
