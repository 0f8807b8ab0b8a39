// Audit: the log of who read, exported and changed what.
// Only its page leaves the feature, loaded on first visit.
export const loadAuditLogPage = () => import('./routes/AuditLogPage').then((m) => m.AuditLogPage);
