/**
 * Calls as a holder of lead data: a merged lead's calls move to the survivor; an access request
 * gets every call with its notes and transcript; an erasure keeps each call (reports count it)
 * but removes its words, notes (drafts and wrap-up answers too), raw provider payloads (they carry
 * the number) and recording (its key destroyed at once, the file deleted after).
 */
import { eq, sql } from 'drizzle-orm';
import { type Db, idIn } from '../../platform/db/client.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import type { LeadDataHolder, LeadRef } from '../leads/index.js';
import type { RecordingStore } from './calls.recordings.js';
import { callEvents, calls, transcriptSegments } from './calls.tables.js';

declare module '../../platform/events/domain.js' {
  interface DomainEvents {
    /** The recordings of these calls belong to an erased person: delete them (retried until done). */
    'call.recordings_erased': { callIds: string[] };
  }
}

export function createCallsHolder(deps: { db: Db; events: Pick<DomainEventOutbox, 'emit'>; recordings: Pick<RecordingStore, 'destroyKeys'> }): LeadDataHolder {
  const { db } = deps;
  const callIdsOf = async (tx: Db, leadId: string) => (await tx.select({ id: calls.id }).from(calls).where(eq(calls.leadId, leadId))).map((r) => r.id);

  return {
    name: 'calls',
    tables: ['calls', 'call_events', 'transcript_segments'],

    async move(tx, fromId, toId) {
      const moved = await tx.update(calls).set({ leadId: toId }).where(eq(calls.leadId, fromId)).returning({ id: calls.id });
      return moved.map((r) => r.id);
    },

    async restore(tx, undo, fromId) {
      const ids = undo as string[];
      if (ids.length > 0) await tx.update(calls).set({ leadId: fromId }).where(idIn(calls.id, ids));
    },

    async export(lead: LeadRef) {
      const rows = await db.select().from(calls).where(eq(calls.leadId, lead.id)).orderBy(calls.createdAt);
      const segments = rows.length
        ? await db
            .select()
            .from(transcriptSegments)
            .where(
              idIn(
                transcriptSegments.callId,
                rows.map((r) => r.id),
              ),
            )
            .orderBy(transcriptSegments.callId, transcriptSegments.seq)
        : [];
      return rows.map((r) => ({
        id: r.id,
        direction: r.direction,
        status: r.status,
        startedAt: r.startedAt?.toISOString() ?? null,
        answeredAt: r.answeredAt?.toISOString() ?? null,
        endedAt: r.endedAt?.toISOString() ?? null,
        durationSeconds: r.durationSeconds,
        disposition: r.disposition,
        subDisposition: r.subDisposition,
        wrapUpAnswer: r.wrapUpAnswer,
        notes: r.notes,
        draftNote: r.draftNote,
        recorded: r.recordingAvailable,
        transcript: segments.filter((s) => s.callId === r.id).map((s) => ({ speaker: s.speaker, text: s.text, startMs: s.startMs })),
      }));
    },

    async erase(tx, lead) {
      const ids = await callIdsOf(tx, lead.id);
      if (ids.length === 0) return;
      await tx.delete(transcriptSegments).where(idIn(transcriptSegments.callId, ids));
      await tx.update(callEvents).set({ payload: sql`'{"erased": true}'::jsonb` }).where(idIn(callEvents.callId, ids));
      const recorded = await tx
        .update(calls)
        .set({ notes: null, draftNote: null, draftNoteAt: null, wrapUpAnswer: null, metadata: {}, recordingUrl: null, callbackAt: null })
        .where(idIn(calls.id, ids))
        .returning({ id: calls.id, recorded: calls.recordingAvailable });
      // The recordings' own keys go with this transaction: from its commit on no copy of the audio
      // can be read. Playback answers 404; the files themselves go in a reaction, retried until done.
      await deps.recordings.destroyKeys(tx, ids);
      const withAudio = recorded.filter((r) => r.recorded).map((r) => r.id);
      if (withAudio.length > 0) {
        await tx.update(calls).set({ recordingAvailable: false }).where(idIn(calls.id, withAudio));
        await deps.events.emit(tx, 'call.recordings_erased', { callIds: withAudio });
      }
    },
  };
}
