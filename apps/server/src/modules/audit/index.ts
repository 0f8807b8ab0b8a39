// The audit log: an append-only record of every read of a full record, every export, every change.
// Other modules write through AuditService.record, ideally inside the transaction of the change.
export { auditPolicy } from './audit.policy.js';
export { auditRoutes } from './audit.routes.js';
export { type AuditEntry, type AuditService, createAuditService } from './audit.service.js';
