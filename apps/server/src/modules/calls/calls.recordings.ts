/**
 * Call recordings around the engine: fetching the audio from the provider once a call's recording
 * is ready (a job, retried), and playing it back in byte ranges to those who may hear it, every
 * listen audited. The audio itself is sealed at rest by the recordings module.
 */
import type { Readable } from 'node:stream';
import { type Actor, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import { type ByteRange, parseRange } from '../../platform/http/range.js';
import type { JobQueue } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging.js';
import type { TelephonyProvider } from '../../providers/telephony/index.js';
import type { AuditService } from '../audit/index.js';
import { CallErrors } from './calls.errors.js';
import type { CallsReader } from './calls.read.js';
import * as repo from './calls.repo.js';

declare module '../../platform/jobs/jobs.js' {
  interface JobPayloads {
    'calls.fetch_recording': { callId: string };
  }
}

/** Where recordings are kept, encrypted (the recordings module). */
export type RecordingStore = {
  save(callId: string, body: Buffer, contentType: string): Promise<unknown>;
  stat(callId: string): Promise<{ size: number; contentType: string } | undefined>;
  /** Plaintext bytes start..end inclusive (the whole recording without a range). */
  open(callId: string, range?: ByteRange): Promise<Readable>;
  /** Deletes the recording; false when there was none. */
  remove(callId: string): Promise<boolean>;
  /** Destroys the recordings' own keys inside `tx`: unreadable for good from its commit on. */
  destroyKeys(tx: Db, callIds: string[]): Promise<number>;
};

export function createRecordingFetch(deps: {
  db: Db;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  audit: Pick<AuditService, 'record'>;
  provider: TelephonyProvider;
  recordings: RecordingStore;
  queue: JobQueue;
  events: Pick<DomainEventOutbox, 'emit'>;
}) {
  const { db } = deps;
  return {
    /**
     * Job: fetch the recording from the provider and keep it encrypted. Retried by the queue. A
     * link the provider will not fetch from (not one of its hosts: a forged callback) is never
     * requested: the call keeps no recording, and the refusal is logged and audited.
     */
    async fetch(callId: string): Promise<void> {
      const row = await repo.findCall(db, callId);
      if (!row || row.recordingAvailable || !row.recordingUrl || !row.providerCallId) return;
      const refused = deps.provider.recordingUrlProblem?.(row.recordingUrl);
      if (refused) {
        const host = URL.canParse(row.recordingUrl) ? new URL(row.recordingUrl).host : null;
        deps.logger.warn({ callId, host, reason: refused }, 'recording link refused; the call keeps no recording');
        await db.transaction(async (tx) => {
          await repo.updateCall(tx, callId, { recordingUrl: null, updatedAt: deps.clock.now() });
          await deps.audit.record(SYSTEM_ACTOR, { action: 'recording.refused', entityType: 'call', entityId: callId, details: { host, reason: refused } }, tx);
        });
        return;
      }
      const audio = await deps.provider.fetchRecording({ callId, providerCallId: row.providerCallId, recordingUrl: row.recordingUrl });
      await deps.recordings.save(callId, audio.body, audio.contentType);
      const updated = await db.transaction(async (tx) => {
        const row = await repo.updateCall(tx, callId, { recordingAvailable: true, updatedAt: deps.clock.now() });
        if (row) await deps.events.emit(tx, 'call.recorded', { callId });
        return row;
      });
      if (updated) await deps.bus.publish('call.updated', { call: repo.toCallDto(updated) });
    },

    /** Deletes these calls' recordings (an erased person's); a failure is thrown, so the reaction is retried. */
    async remove(callIds: string[]): Promise<void> {
      for (const callId of callIds) await deps.recordings.remove(callId);
    },

    /** Enqueues the fetch of these calls' recordings (at most one job per call). */
    async queue(callIds: string[]): Promise<void> {
      for (const callId of callIds) await deps.queue.enqueue('calls.fetch_recording', { callId }, { jobId: `calls.fetch_recording:${callId}` });
    },
  };
}

export function createRecordingPlayback(deps: {
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  recordings: RecordingStore;
  reader: Pick<CallsReader, 'hearable'>;
  /** The processing log (privacy module), which keeps who heard whose recording. */
  processing?: { log(actor: Actor, entry: { leadId: string; action: string; purpose: string; details?: Record<string, unknown> }): Promise<void> };
}) {
  const listens = new Map<string, number>();
  return {
    /**
     * A recording for playback, with range support: to the agent who made the call and to staff
     * who watch them, never another telecaller. Every listen is audited (a range request counts
     * once per call and listener a minute, since players fetch in many small ranges).
     */
    async open(actor: Actor, id: string, rangeHeader: string | undefined) {
      const row = await deps.reader.hearable(actor, id);
      const meta = row.recordingAvailable ? await deps.recordings.stat(id) : undefined;
      if (!meta) throw CallErrors.RECORDING_NOT_FOUND();
      const r = parseRange(rangeHeader, meta.size);
      if (r.kind === 'unsatisfiable') return { kind: 'unsatisfiable' as const, size: meta.size };
      const key = `${actor.id}:${id}`;
      const last = listens.get(key);
      const now = deps.clock.now().getTime();
      if (!last || now - last > 60_000) {
        listens.set(key, now);
        if (listens.size > 10_000) listens.clear();
        await deps.audit.record(actor, { action: 'recording.listen', entityType: 'call', entityId: id, details: { range: rangeHeader ?? null } });
        await deps.processing?.log(actor, { leadId: row.leadId, action: 'recording_listen', purpose: 'call_review', details: { callId: id } });
      }
      const range = r.kind === 'partial' ? r.range : undefined;
      return { kind: r.kind, size: meta.size, contentType: meta.contentType, range, stream: await deps.recordings.open(id, range) };
    },
  };
}
