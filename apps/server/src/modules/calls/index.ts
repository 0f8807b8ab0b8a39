// Calls: the call engine (dial, ingestion of provider events, lifecycle, wrap-up), presence,
// callbacks, dispositions, consents and the telecaller's workspace.
export { createCallbacks } from './calls.callbacks.js';
export { createConsents } from './calls.consents.js';
export { createDispositions, DEFAULT_DISPOSITIONS } from './calls.dispositions.js';
export { checkGates, startOfLocalDay } from './calls.gates.js';
export { createIngest, type Ingest, type IngestResult } from './calls.ingest.js';
export { createPresence, type PresenceService } from './calls.presence.js';
export { callsRoutes } from './calls.routes.js';
export { type CallsService, createCallsService } from './calls.service.js';
export { createFloorSignals, type FloorSignals } from './calls.signals.js';
export { type AgentTotals, type CallStats, createCallStats, type Period, type TeamRow } from './calls.stats.js';
export { createWorkspace } from './calls.workspace.js';
