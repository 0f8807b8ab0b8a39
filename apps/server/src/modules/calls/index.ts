// Calls: the call engine (dial, ingestion of provider events, lifecycle, wrap-up), presence,
// callbacks, dispositions, consents and the telecaller's workspace.
import type { Registrar } from '../../platform/modules.js';
import type { CallsService } from './calls.service.js';

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

/** Recordings are fetched by a job once a call's is ready; a sweep settles calls whose last event never came. */
export function register(r: Registrar, s: { calls: CallsService }) {
  r.job('calls.fetch_recording', ({ callId }) => s.calls.fetchRecording(callId), { attempts: 8, backoffMs: 5000, concurrency: 2 });
  r.on('call.recording_ready', 'calls.queue_recording_fetch', async (events) => s.calls.queueRecordingFetch(events.map((e) => e.callId)));
  r.schedule({ name: 'calls.sweep', everyMs: 60_000, run: () => s.calls.sweepStale() });
}
