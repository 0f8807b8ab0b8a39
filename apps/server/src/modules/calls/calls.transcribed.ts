/**
 * A finished call's transcript completed from its recording: utterances the speech engine heard
 * in the recording after the call, stored as the call's transcript segments with source
 * `recording`, beside the live ones. Stored once: a call that has recording segments already keeps
 * them and takes no more, so running the analysis again (the recording arriving, a backfill, a
 * retried job) never doubles them; two runs at once are ordered by the call's row lock.
 *
 * Numbers: a live segment's `seq` is the milliseconds from the call's creation to when it was
 * heard, so a recording segment takes the time its last word was said (the recording starts when
 * the call is answered), one more when that number is taken: the transcript reads in order.
 */
import type { TranscriptSegment } from '@telehub/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { calls, transcriptSegments } from './calls.tables.js';

export type RecordedLine = Pick<TranscriptSegment, 'speaker' | 'language' | 'text' | 'startMs' | 'endMs'>;

const MAX_SEQ = 2_147_483_647;

export function createRecordedTranscripts(deps: { db: Db }) {
  return {
    /** Stores the lines as the call's recording segments, unless it has some already; answers how many were stored. */
    async store(callId: string, lines: RecordedLine[]): Promise<number> {
      if (lines.length === 0) return 0;
      return deps.db.transaction(async (tx) => {
        const [call] = await tx.select({ createdAt: calls.createdAt, answeredAt: calls.answeredAt }).from(calls).where(eq(calls.id, callId)).for('update');
        if (!call) return 0;
        const [already] = await tx
          .select({ id: transcriptSegments.id })
          .from(transcriptSegments)
          .where(and(eq(transcriptSegments.callId, callId), eq(transcriptSegments.source, 'recording')))
          .limit(1);
        if (already) return 0;
        const taken = new Set(
          (await tx.select({ seq: transcriptSegments.seq }).from(transcriptSegments).where(eq(transcriptSegments.callId, callId))).map((r) => r.seq),
        );
        const answeredAfterMs = call.answeredAt ? Math.max(0, call.answeredAt.getTime() - call.createdAt.getTime()) : 0;
        const rows = [...lines]
          .sort((a, b) => a.endMs - b.endMs || a.startMs - b.startMs)
          .map((l) => {
            let seq = Math.min(MAX_SEQ, answeredAfterMs + Math.max(0, Math.round(l.endMs)));
            while (taken.has(seq)) seq = seq < MAX_SEQ ? seq + 1 : 0;
            taken.add(seq);
            const startMs = Math.max(0, Math.round(l.startMs));
            return {
              callId,
              seq,
              speaker: l.speaker,
              language: l.language,
              text: l.text,
              startMs,
              endMs: Math.max(startMs, Math.round(l.endMs)),
              source: 'recording',
            };
          });
        const stored = await tx.insert(transcriptSegments).values(rows).onConflictDoNothing().returning({ id: transcriptSegments.id });
        return stored.length;
      });
    },
  };
}

export type RecordedTranscripts = ReturnType<typeof createRecordedTranscripts>;
