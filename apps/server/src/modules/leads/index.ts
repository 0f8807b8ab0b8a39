// Leads: the consolidated lead base, its identities in outside systems, and the lead timeline.
// Owns leads, lead_identities and activities; phones are E.164 and unique among live leads.

export { type IngestOutcome, type SourceRecord, SYNCED_FIELDS, type SyncedField } from './leads.ingest.js';
export { leadsPolicy } from './leads.policy.js';
export type { LeadIdFilter } from './leads.repo.js';
export { leadsRoutes } from './leads.routes.js';
export { createLeadsService, type LeadsService, type PreparedLead } from './leads.service.js';
