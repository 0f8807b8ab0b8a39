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

  async function resolveCallId(tx: Db, event: ProviderEvent): Promise<string | null> {
    if (event.callId && UUID.test(event.callId)) {
      const row = await repo.findCall(tx, event.callId);
      if (row) return row.id;
    }
    if (event.providerCallId) return (await repo.findCallIdByProviderId(tx, event.provider, event.providerCallId)) ?? null;
    return null;
  }

  return async function ingest(event: ProviderEvent): Promise<IngestResult> {
    if (event.kind === 'transcript') return deps.transcripts.write(event);
    const now = clock.now();
    const after: (() => Promise<void>)[] = [];
    const result = await db.transaction(async (tx): Promise<IngestResult> => {
      const callId = await resolveCallId(tx, event);
      // Lock the call before storing the event, so deliveries for one call queue up here.
      const row = callId ? await repo.lockCall(tx, callId) : undefined;
      const type =
        event.kind === 'status'
          ? `status:${event.status ?? 'hangup'}`
          : event.kind === 'control'
            ? `control:${event.control?.action ?? ''}`
            : `recording:${event.recordingStatus ?? ''}`;
      const stored = await repo.storeEvent(tx, {
        callId,
        provider: event.provider,
        providerEventId: event.providerEventId,
        type,
        payload: event.raw,
        receivedAt: now,
      });
      if (!stored) return { stored: false, applied: false, callId };
      if (!callId) {
        deps.logger.warn({ provider: event.provider, providerEventId: event.providerEventId }, 'provider event for an unknown call; stored, not applied');
        return { stored: true, applied: false, callId: null };
      }
      if (!row || row.provider !== event.provider) return { stored: true, applied: false, callId };
      // A control the provider reports carrying out (mute, hold, tones, transfer) is kept for the record; the engine keeps the call's control state itself.
      if (event.kind === 'control') return { stored: true, applied: false, callId };

      const before = repo.stateOf(row);
      const next = applyEvent(before, event);
      // Who answered may come with the answer or after it (asynchronous machine detection); a definite answer replaces 'unknown'.
      const answeredBy =
        event.answeredBy && event.answeredBy !== row.answeredBy && (row.answeredBy === null || row.answeredBy === 'unknown') ? event.answeredBy : undefined;
      if (next === before && !answeredBy) return { stored: true, applied: false, callId };
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
      if (!updated) return { stored: true, applied: false, callId };
      await repo.markEventApplied(tx, stored.id, now);
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
