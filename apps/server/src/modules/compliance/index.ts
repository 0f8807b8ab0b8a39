// Compliance: the DND (NCPR) registry and the lead flags it drives, the consent ledger, and the
// dialing rules every dial passes (DND, calling hours, consent, attempts). Owns dnd_registry and
// consents with the notices they name (consent_notices). The person's rights are the privacy module's.
import type { Registrar } from '../../platform/modules.js';
import type { LeadsService } from '../leads/index.js';
import type { ConsentsService } from './compliance.consents.js';
import type { ComplianceService } from './compliance.service.js';

export {
  CONSENT_PURPOSES,
  type ConsentProcessingLog,
  type ConsentPurpose,
  type ConsentsService,
  createConsents,
  LAWFUL_BASES,
  type LawfulBasis,
} from './compliance.consents.js';
export { createDialGate, type DialCheck, type DialGate, type DialRulesConfig } from './compliance.dialing.js';
export { ComplianceErrors } from './compliance.errors.js';
export { checkGates, type GateInput, type GateResult, parseWindow } from './compliance.gates.js';
export { createNotices, type Notices } from './compliance.notices.js';
export { compliancePolicy } from './compliance.policy.js';
export { complianceRoutes } from './compliance.routes.js';
export { type ComplianceService, createComplianceService } from './compliance.service.js';

/** DND lists are read by a job; new leads are scrubbed as they arrive, and every lead by a sweep; the consent ledger is lead data. */
export function register(r: Registrar, s: { compliance: ComplianceService; consents: ConsentsService; leads: Pick<LeadsService, 'holders'> }) {
  s.leads.holders.add(s.consents.dataHolder);
  r.job('compliance.dnd_import', ({ importId }) => s.compliance.runImport(importId), { attempts: 3, backoffMs: 2000 });
  r.on('leads.arrived', 'compliance.scrub_arrived', async (events) => s.compliance.scrub([...new Set(events.flatMap((e) => e.leadIds))]));
  // Catches any lead created or changed since the last sweep, whatever path it took.
  r.schedule({ name: 'compliance.dnd_scrub', everyMs: 10 * 60_000, run: () => s.compliance.scrub() });
}
