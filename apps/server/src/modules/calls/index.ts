// Calls: the call engine. Placing calls (agent first or lead first), the one ingestion path for
// provider events, the call lifecycle, the agent's in-call controls (mute, hold, keypad tones,
// transfer, redial), the note drafted during a call, wrap-up with dispositions
// (the organisation's list or a campaign's own, with sub-dispositions), recordings around a call, and
// the figures the analytics module reads. Owns calls (and its monthly partitions on PostgreSQL),
// call_events, call_provider_keys and transcript_segments.
import type { Registrar } from '../../platform/modules.js';
import type { LeadsService } from '../leads/index.js';
import type { CallControlsService } from './calls.controls.js';
import type { CallPartitions } from './calls.partitions.js';
import type { CallsService } from './calls.service.js';
import { SWEEP_EVERY_MS } from './calls.sweep.js';

export { type CampaignCalls, type CampaignLine, createCampaignCalls, type RecentCall } from './calls.campaign.js';
export { type CallControlsService, createCallControls } from './calls.controls.js';
export { callControlsRoutes } from './calls.controls.routes.js';
export { createDispositions, DEFAULT_DISPOSITIONS, type DispositionsService } from './calls.dispositions.js';
export { CallErrors } from './calls.errors.js';
export { type CallBrief, type CallFactRow, type CallFacts, createCallFacts } from './calls.facts.js';
export { type CallFigures, type CallTotals, CONVERTED_DISPOSITION, createCallFigures, type Period } from './calls.figures.js';
export { type CallHistory, createCallHistory, type PastCall } from './calls.history.js';
export { createIngest, type Ingest, type IngestResult } from './calls.ingest.js';
export { type CallLink, type CallLookup, createCallLookup } from './calls.lookup.js';
export { type CallPartitions, createCallPartitions, idAtInstant, instantOfId, monthOf } from './calls.partitions.js';
export { callsPolicy } from './calls.policy.js';
export { type CallsReader, type CallWatch, createCallsReader } from './calls.read.js';
export { createRecordingPlayback, type RecordingStore } from './calls.recordings.js';
export { createRedial } from './calls.redial.js';
export { type CallsRetention, createCallsRetention } from './calls.retention.js';
export { callsRoutes } from './calls.routes.js';
export { type CallsService, campaignDialModes, createCallEngagement, createCallsService, HANGUP_CONFIRM_MS, type PlaceCall } from './calls.service.js';
export { createRecordedTranscripts, type RecordedLine, type RecordedTranscripts } from './calls.transcribed.js';
export { createTranscriptWriter, type StoredSegmentInfo, type TranscriptWriter } from './calls.transcripts.js';

/**
 * Recordings are fetched by a job once a call's is ready, and deleted when their person is erased;
 * a sweep settles calls whose last event never came or whose server node is gone; calls are lead data;
 * a colleague held for a warm transfer is let go when the call ends first.
 * Where calls is partitioned by month, the months ahead are kept created.
 */
export function register(
  r: Registrar,
  s: { calls: CallsService; partitions: CallPartitions; leads: Pick<LeadsService, 'holders'>; controls?: Pick<CallControlsService, 'releaseConsults'> },
) {
  s.leads.holders.add(s.calls.dataHolder);
  r.job('calls.fetch_recording', ({ callId }) => s.calls.fetchRecording(callId), { attempts: 8, backoffMs: 5000, concurrency: 2 });
  r.on('call.recording_ready', 'calls.queue_recording_fetch', async (events) => s.calls.queueRecordingFetch(events.map((e) => e.callId)));
  r.on('call.recordings_erased', 'calls.delete_recordings', async (events) => s.calls.removeRecordings(events.flatMap((e) => e.callIds)));
  // A call that ends during a warm transfer lets go of the colleague held for it.
  const { controls } = s;
  if (controls) r.on('call.ended', 'calls.release_transfer', async (events) => controls.releaseConsults(events.map((e) => e.callId)));
  // Often, with a short lease: a node that dies mid-sweep must not hold the next one off for long.
  r.schedule({ name: 'calls.sweep', everyMs: SWEEP_EVERY_MS, leaseMs: 2 * SWEEP_EVERY_MS, run: () => s.calls.sweepStale() });
  r.schedule({ name: 'calls.partitions_ahead', everyMs: 6 * 3_600_000, run: () => s.partitions.ensureAhead(PARTITION_MONTHS_AHEAD) });
}

/** Months of calls partitions kept created ahead of the current one. */
export const PARTITION_MONTHS_AHEAD = 3;
