// Compliance: the DND (NCPR) registry and the lead flags it drives. Later: calling hours, consent
// and DPDP rights. Owns dnd_registry.
export { complianceRoutes } from './compliance.routes.js';
export { type ComplianceService, createComplianceService } from './compliance.service.js';
