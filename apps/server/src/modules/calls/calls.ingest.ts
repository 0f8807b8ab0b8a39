/**
 * The one path every provider event takes (webhooks and the simulator alike): store the raw
 * event once (idempotent on the provider's event id), apply it only if it moves the call
 * forward (calls.lifecycle), move the agent's presence, then publish after commit. Transcript
 * segments stream too fast for that: they go to the batched writer (calls.transcripts), outside
 * the call's lock. Control reports (kind=control) are stored once and never applied.
 */
import { type Call, isTerminalStatus, type TranscriptSegment } from '@telehub/shared';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import type { Logger } from '../../platform/logging.js';
import type { ProviderEvent } from '../../providers/telephony/telephony.port.js';
import type { PresenceService } from '../agents/index.js';
import { applyEvent, talkSeconds } from './calls.lifecycle.js';
import * as repo from './calls.repo.js';
import type { TranscriptWriter } from './calls.transcripts.js';

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    'call.updated': { call: Call };
    'transcript.segment': { segment: TranscriptSegment; agentId: string | null };
  }
}

export type IngestResult = { stored: boolean; applied: boolean; callId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type IngestDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  presence: Pick<PresenceService, 'set'>;
  /** call.recording_ready, recorded with the event that makes a finished call's recording known. */
  events: Pick<DomainEventOutbox, 'emit' | 'flush'>;
  transcripts: Pick<TranscriptWriter, 'write'>;
};

export function createIngest(deps: IngestDeps) {
  const { db, clock, bus } = deps;

  /**
   * The call the event names, locked for the rest of the transaction so deliveries for one call
   * queue up here: by our id when the provider echoes it (one statement), else by the provider's.
   */
  async function lockEventCall(tx: Db, event: ProviderEvent): Promise<{ callId: string | null; row: repo.CallRow | undefined }> {
    if (event.callId && UUID.test(event.callId)) {
      const row = await repo.lockCall(tx, event.callId);
      if (row) return { callId: row.id, row };
    }
    const callId = event.providerCallId ? ((await repo.findCallIdByProviderId(tx, event.provider, event.providerCallId)) ?? null) : null;
    return { callId, row: callId ? await repo.lockCall(tx, callId) : undefined };
  }

  return async function ingest(event: ProviderEvent): Promise<IngestResult> {
    if (event.kind === 'transcript') return deps.transcripts.write(event);
    const now = clock.now();
    const after: (() => Promise<void>)[] = [];
    const result = await db.transaction(async (tx): Promise<IngestResult> => {
      const { callId, row } = await lockEventCall(tx, event);
      const type =
        event.kind === 'status'
          ? `status:${event.status ?? 'hangup'}`
          : event.kind === 'control'
            ? `control:${event.control?.action ?? ''}`
            : `recording:${event.recordingStatus ?? ''}`;
      // What the event would do is worked out before it is stored, so it is stored once, already
      // marked applied when it is. A control the provider reports carrying out (mute, hold, tones,
      // transfer) is kept for the record; the engine keeps the call's control state itself.
      const ours = row !== undefined && row.provider === event.provider && event.kind !== 'control';
      const before = row ? repo.stateOf(row) : null;
      const next = ours && before ? applyEvent(before, event) : before;
      // Who answered may come with the answer or after it (asynchronous machine detection); a definite answer replaces 'unknown'.
      const answeredBy =
        ours && event.answeredBy && event.answeredBy !== row.answeredBy && (row.answeredBy === null || row.answeredBy === 'unknown')
          ? event.answeredBy
          : undefined;
      const applies = ours && (next !== before || answeredBy !== undefined);
      const stored = await repo.storeEvent(tx, {
        callId,
        provider: event.provider,
        providerEventId: event.providerEventId,
        type,
        payload: event.raw,
        receivedAt: now,
        appliedAt: applies ? now : null,
      });
      if (!stored) return { stored: false, applied: false, callId };
      if (!callId) {
        deps.logger.warn({ provider: event.provider, providerEventId: event.providerEventId }, 'provider event for an unknown call; stored, not applied');
        return { stored: true, applied: false, callId: null };
      }
      if (!applies || !row || !before || !next) return { stored: true, applied: false, callId };
      const ended = isTerminalStatus(next.status) && !isTerminalStatus(before.status);
      const updated = await repo.updateCall(tx, callId, {
        status: next.status,
        startedAt: next.startedAt,
        answeredAt: next.answeredAt,
        endedAt: next.endedAt,
        reportedDuration: next.reportedDuration,
        durationSeconds: talkSeconds(next),
        hangupBy: next.hangupBy,
        recordingUrl: next.recordingUrl,
        ...(answeredBy ? { answeredBy } : {}),
        // A dial whose answer never reached us (a time-out) learns the provider's id from its first event.
        ...(row.providerCallId === null && event.providerCallId ? { providerCallId: event.providerCallId } : {}),
        // An agent's call waits for their disposition once it ends.
        wrapUpPending: ended ? row.agentId !== null && row.disposition === null : row.wrapUpPending,
        updatedAt: now,
      });
      // The row is locked, so it cannot have gone; were it gone, the event (stored as applied) rolls back with it and the provider retries.
      if (!updated) throw new Error(`call ${callId} vanished under its lock`);
      if (row.agentId && next.status !== before.status) {
        if (next.status === 'ringing' || next.status === 'dialing') await deps.presence.set(row.agentId, 'ringing', { callId }, tx);
        else if (next.status === 'in_progress') await deps.presence.set(row.agentId, 'on_call', { callId }, tx);
        else if (ended && updated.wrapUpPending) await deps.presence.set(row.agentId, 'wrap_up', { callId }, tx);
      }
      const call = repo.toCallDto(updated);
      after.push(() => bus.publish('call.updated', { call }));
      const recordingNow = next.recordingUrl !== null && isTerminalStatus(next.status) && !updated.recordingAvailable;
      const recordingBefore = before.recordingUrl !== null && isTerminalStatus(before.status);
      if (ended && !isTerminalStatus(before.status)) await deps.events.emit(tx, 'call.ended', { callId, answered: updated.answeredAt !== null });
      if (recordingNow && !recordingBefore) {
        await deps.events.emit(tx, 'call.recording_ready', { callId });
        after.push(async () => void (await deps.events.flush()));
      }
      return { stored: true, applied: true, callId };
    });
    for (const run of after) {
      await run().catch((err: unknown) => deps.logger.error({ err, callId: result.callId }, 'after-ingest step failed'));
    }
    return result;
  };
}

export type Ingest = ReturnType<typeof createIngest>;
