/**
 * Streaming transcript segments, stored in batches outside the call's row lock. Speech arrives a
 * few segments a second per call, hundreds of calls at once: taking the call's lock and writing a
 * provider event for each segment (the path status events take) would make speech queue behind
 * status changes and double every write. Here segments wait a few milliseconds, then one
 * statement finds their calls and one stores them all (a repeat is ignored by call and sequence
 * number); each is published on the bus once stored, so a screen that reads the stored ones and
 * then listens misses none.
 */
import type { TranscriptSegment } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logging.js';
import type { ProviderEvent } from '../../providers/telephony/index.js';
import { calls, transcriptSegments } from './calls.tables.js';

export type SegmentResult = { stored: boolean; applied: boolean; callId: string | null };

type Pending = { event: ProviderEvent; receivedAt: number; done: (r: SegmentResult) => void; fail: (err: unknown) => void };

/**
 * A segment stored by this node, with what a listener on the same node needs of its call. Unlike
 * the bus event, only the node that stored a segment hears this: work done once per segment
 * (the assist engine) listens here.
 */
export type StoredSegmentInfo = {
  segment: TranscriptSegment;
  agentId: string | null;
  campaignId: string | null;
  answeredAt: Date | null;
  /** performance.now() when the segment reached the writer. */
  receivedAt: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TranscriptWriterOptions = {
  db: Db;
  bus: Pick<EventBus, 'publish'>;
  logger: Logger;
  /** How long a segment may wait for others to share its write. */
  flushMs?: number;
  /** Segments written at most in one statement. */
  maxBatch?: number;
};

export function createTranscriptWriter(opts: TranscriptWriterOptions) {
  const { db } = opts;
  const flushMs = opts.flushMs ?? 10;
  const maxBatch = opts.maxBatch ?? 500;
  const queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  const listeners = new Set<(s: StoredSegmentInfo) => void>();

  /** Our call id, provider and agent for each event: by the id the provider echoes, else by its call id. */
  async function callsOf(batch: Pending[]) {
    const ids = [...new Set(batch.flatMap((p) => (p.event.callId && UUID.test(p.event.callId) ? [p.event.callId] : [])))];
    const byProvider = batch.flatMap((p) => (p.event.providerCallId ? [{ p: p.event.provider, c: p.event.providerCallId }] : []));
    const rows = rowsOf<{
      id: string;
      provider: string;
      provider_call_id: string | null;
      agent_id: string | null;
      campaign_id: string | null;
      answered_at: string | Date | null;
    }>(
      await db.execute(sql`
        select id, provider, provider_call_id, agent_id, campaign_id, answered_at from ${calls}
        where id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)
           or (provider, provider_call_id) in (select x.p, x.c from jsonb_to_recordset(${JSON.stringify(byProvider)}::jsonb) as x(p text, c text))`),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const byKey = new Map(rows.flatMap((r) => (r.provider_call_id ? [[`${r.provider}\u0000${r.provider_call_id}`, r] as const] : [])));
    return (e: ProviderEvent) =>
      (e.callId ? byId.get(e.callId) : undefined) ?? (e.providerCallId ? byKey.get(`${e.provider}\u0000${e.providerCallId}`) : undefined);
  }

  async function write(batch: Pending[]): Promise<void> {
    try {
      const find = await callsOf(batch);
      const rows = batch.flatMap((p, i) => {
        const call = find(p.event);
        const seg = p.event.segment;
        // A segment for a call we do not know, or that another provider placed, is not applied.
        if (!call || call.provider !== p.event.provider || !seg) return [];
        return [{ i, callId: call.id, agentId: call.agent_id, campaignId: call.campaign_id, answeredAt: call.answered_at, ...seg }];
      });
      const stored = rows.length
        ? rowsOf<{ id: number; call_id: string; seq: number }>(
            await db.execute(sql`
              insert into ${transcriptSegments} (call_id, seq, speaker, language, text, start_ms, end_ms)
              select x."callId", x.seq, x.speaker, x.language, x.text, x."startMs", x."endMs"
              from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
                as x("callId" uuid, seq int, speaker text, language text, text text, "startMs" int, "endMs" int)
              on conflict (call_id, seq) do nothing
              returning id, call_id, seq`),
          )
        : [];
      const ids = new Map(stored.map((s) => [`${s.call_id}:${s.seq}`, Number(s.id)]));
      const results = batch.map((p): SegmentResult => ({ stored: false, applied: false, callId: find(p.event)?.id ?? null }));
      for (const r of rows) {
        const id = ids.get(`${r.callId}:${r.seq}`);
        if (id === undefined) continue;
        results[r.i] = { stored: true, applied: true, callId: r.callId };
        const segment: TranscriptSegment = {
          id: String(id),
          callId: r.callId,
          seq: r.seq,
          speaker: r.speaker,
          language: r.language,
          text: r.text,
          startMs: r.startMs,
          endMs: r.endMs,
        };
        await opts.bus.publish('transcript.segment', { segment, agentId: r.agentId });
        const info: StoredSegmentInfo = {
          segment,
          agentId: r.agentId,
          campaignId: r.campaignId,
          answeredAt: r.answeredAt ? new Date(r.answeredAt) : null,
          receivedAt: batch[r.i]?.receivedAt ?? performance.now(),
        };
        for (const l of listeners) {
          try {
            l(info);
          } catch (err) {
            opts.logger.error({ err }, 'a stored-segment listener failed');
          }
        }
      }
      const unknown = results.filter((r) => r.callId === null).length;
      if (unknown > 0) opts.logger.warn({ segments: unknown }, 'transcript segments for an unknown call; not applied');
      for (const [i, p] of batch.entries()) p.done(results[i] ?? { stored: false, applied: false, callId: null });
    } catch (err) {
      for (const p of batch) p.fail(err);
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queue.length === 0) return writing;
    const batch = queue.splice(0, maxBatch);
    // One write at a time, in arrival order: a call's segments are published in the order they came.
    writing = writing.then(() => write(batch));
    if (queue.length > 0) return flush();
    return writing;
  }

  return {
    /** Stores a segment event with the others that arrive within `flushMs`; resolves once it is stored (or known not to apply). */
    write(event: ProviderEvent): Promise<SegmentResult> {
      return new Promise<SegmentResult>((done, fail) => {
        queue.push({ event, receivedAt: performance.now(), done, fail });
        if (queue.length >= maxBatch) void flush();
        else if (!timer) {
          timer = setTimeout(() => void flush(), flushMs);
          timer.unref();
        }
      });
    },
    /** Writes what waits (shutdown, tests). */
    flush,
    /** Hears each segment this node stores, after it is published; returns the function that stops it. */
    onStored(fn: (s: StoredSegmentInfo) => void): () => void {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export type TranscriptWriter = ReturnType<typeof createTranscriptWriter>;
