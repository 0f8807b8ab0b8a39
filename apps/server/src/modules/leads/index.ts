// Leads: the consolidated lead base, its identities in outside systems, the lead timeline, and
// the merge rules every way in follows (imports through `bulk`, syncs through `ingest`, merges by
// hand). Owns leads, lead_identities, activities, merges, the staging of bulk loads, and the
// definitions of leads' extra fields (lead_field_definitions); phones are E.164 and unique among live leads.

export { type AssignCandidate, type AssignmentReason, OPEN_STATUSES } from './leads.assign.js';
export type { ChunkInput, ChunkResult } from './leads.bulk.js';
export type { CallOutcomeOnLead } from './leads.calls.js';
export type { DndMark } from './leads.dnd.js';
export { LeadErrors } from './leads.errors.js';
export type { LeadBrief, LeadFactRow, LeadFacts } from './leads.facts.js';
export type { LeadFields } from './leads.fields.js';
export { leadFieldsRoutes } from './leads.fields.routes.js';
export { createLeadDataHolders, type LeadDataHolder, type LeadDataHolders, type LeadRef } from './leads.holders.js';
export { type IngestOutcome, type SourceRecord, SYNCED_FIELDS, type SyncedField } from './leads.ingest.js';
export { leadMergeRoutes } from './leads.merge.routes.js';
export { leadsPolicy } from './leads.policy.js';
export type { LeadIdFilter } from './leads.repo.js';
export { leadsRoutes } from './leads.routes.js';
export { FILL_FIELDS, normalizeEmail } from './leads.rules.js';
export { segmentQuery } from './leads.segment.js';
export { createLeadsService, type LeadsService, type PreparedLead } from './leads.service.js';
export type { StagedRow } from './leads.staging.js';
