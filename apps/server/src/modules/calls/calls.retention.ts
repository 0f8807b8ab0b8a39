/**
 * What the retention job (privacy module) may remove from calls older than a cut-off, leads under
 * a legal hold excepted: recordings (the flag and the recording's own key at once, the file by the
 * same reaction an erasure uses), transcripts, and the call log's personal parts (notes, drafts, wrap-up answers,
 * metadata, the provider's raw event payloads, which carry the number). The call row itself stays:
 * reports count it. Each function works in batches and returns how many calls it touched.
 */
import { and, eq, isNotNull, lt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { type Db, idIn } from '../../platform/db/client.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import type { RecordingStore } from './calls.recordings.js';
import { callEvents, calls, transcriptSegments } from './calls.tables.js';

const BATCH = 500;

export function createCallsRetention(deps: { db: Db; events: Pick<DomainEventOutbox, 'emit' | 'flush'>; recordings: Pick<RecordingStore, 'destroyKeys'> }) {
  const { db } = deps;
  const older = (before: Date, exceptLeadIds: string[], extra: SQL | undefined): SQL | undefined =>
    and(lt(calls.createdAt, before), exceptLeadIds.length ? notInArray(calls.leadId, exceptLeadIds) : undefined, extra);

  /** Runs `step` on batches of matching call ids until none is left; returns the total. */
  async function inBatches(where: SQL | undefined, step: (tx: Db, ids: string[]) => Promise<void>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const ids = (await tx.select({ id: calls.id }).from(calls).where(where).limit(BATCH)).map((r) => r.id);
        if (ids.length) await step(tx, ids);
        return ids.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }

  return {
    async recordings(before: Date, exceptLeadIds: string[]): Promise<number> {
      const n = await inBatches(older(before, exceptLeadIds, eq(calls.recordingAvailable, true)), async (tx, ids) => {
        await tx.update(calls).set({ recordingAvailable: false, recordingUrl: null }).where(idIn(calls.id, ids));
        await deps.recordings.destroyKeys(tx, ids);
        await deps.events.emit(tx, 'call.recordings_erased', { callIds: ids });
      });
      // The audio goes in the reaction; run it now rather than at the next sweep.
      if (n > 0) await deps.events.flush();
      return n;
    },

    async transcripts(before: Date, exceptLeadIds: string[]): Promise<number> {
      const has = sql`exists (select 1 from ${transcriptSegments} s where s.call_id = ${calls.id})`;
      return inBatches(older(before, exceptLeadIds, has), async (tx, ids) => {
        await tx.delete(transcriptSegments).where(idIn(transcriptSegments.callId, ids));
      });
    },

    async callLogs(before: Date, exceptLeadIds: string[]): Promise<number> {
      const personal = or(
        isNotNull(calls.notes),
        isNotNull(calls.draftNote),
        isNotNull(calls.wrapUpAnswer),
        sql`${calls.metadata} <> '{}'::jsonb`,
        sql`exists (select 1 from ${callEvents} e where e.call_id = ${calls.id} and e.payload->>'expired' is null and e.payload->>'erased' is null)`,
      );
      return inBatches(older(before, exceptLeadIds, personal), async (tx, ids) => {
        await tx.update(calls).set({ notes: null, draftNote: null, draftNoteAt: null, wrapUpAnswer: null, metadata: {} }).where(idIn(calls.id, ids));
        await tx.update(callEvents).set({ payload: sql`'{"expired": true}'::jsonb` }).where(idIn(callEvents.callId, ids));
      });
    },
  };
}

export type CallsRetention = ReturnType<typeof createCallsRetention>;
