/**
 * Every finished call analysed in the background: the audio measures from its recording (when it
 * has one), the reading of its transcript (when it has one), kept per call and answered to whoever
 * may see the call. The job runs a few seconds after the call ends, and again when its recording
 * is fetched; it is idempotent (the latest run replaces the row) and retried by the queue.
 */
import type { Readable } from 'node:stream';
import { type CallAnalysis, type CallListQuery, type CallPage, type CallWithLead, isTerminalStatus, type Transcript } from '@telehub/shared';
import { eq, inArray, sql } from 'drizzle-orm';
import { type Actor, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import type { JobQueue } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging.js';
import { taskModule, type WorkerPool, WorkerPoolError } from '../../platform/workers/index.js';
import type * as Audio from './analysis.audio.js';
import type { AudioMeasures } from './analysis.audio.js';
import type { Summarizer } from './analysis.summary.js';
import { callAnalyses, type StoredAnalysis } from './analysis.tables.js';
import { analyzeTranscript, type Reader, summaryLanguage, type TextMeasures } from './analysis.text.js';
import { completeTranscript, type RecordingTranscription, type TranscriptOrigin, transcriptOrigin } from './analysis.transcribe.js';

declare module '../../platform/jobs/jobs.js' {
  interface JobPayloads {
    'analysis.run': { callId: string };
  }
}

declare module '../../platform/events/domain.js' {
  interface DomainEvents {
    /** A finished call's analysis was saved (QA scores it). */
    'call.analysed': { callId: string };
  }
}

export type AnalysisDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  jobs: Pick<JobQueue, 'enqueue'>;
  events: Pick<DomainEventOutbox, 'emit' | 'flush'>;
  calls: {
    get(actor: Actor, id: string): Promise<CallWithLead>;
    transcript(actor: Actor, id: string, afterSeq: number): Promise<Transcript>;
    list(actor: Actor, q: CallListQuery): Promise<CallPage>;
  };
  recordings: {
    stat(callId: string): Promise<{ size: number; contentType: string } | undefined>;
    open(callId: string): Promise<Readable>;
  };
  understand: Reader;
  /** Transcribes a recording whose live transcript missed a side; null when the speech engine takes no files (the simulator). */
  transcription: RecordingTranscription | null;
  /** The language model's summary of the call; null without a model (the local summary stands). */
  summarize: Summarizer | null;
  /** Where recordings are measured (worker threads, or this thread when the pool has none). */
  workers: Pick<WorkerPool, 'run'>;
};

/** The audio measures run in the worker pool: a long recording takes a CPU for a while. */
const AUDIO = taskModule<typeof Audio>(import.meta.url, './analysis.audio');

/** How long after a call ends its analysis waits for the transcript's last segments. */
const TRANSCRIPT_SETTLE_MS = 3000;

/** Recordings larger than this are not read whole into memory (about 2 hours of 8 kHz stereo PCM). */
const MAX_RECORDING_BYTES = 120 * 1024 * 1024;

/** The whole stream in a buffer of its own (so that it can be moved to a worker thread). */
async function readAll(stream: Readable): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    chunks.push(buffer);
    length += buffer.length;
  }
  const file = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    file.set(chunk, at);
    at += chunk.length;
  }
  return file;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The stored fields of an analysis from what the audio and the transcript gave. */
export function toStored(audio: AudioMeasures | null, text: TextMeasures | null, transcriptFrom: TranscriptOrigin | null = null): StoredAnalysis {
  return {
    talkRatio: audio?.talkRatio ?? null,
    talkSeconds: audio ? audio.talkSeconds : null,
    deadAirSeconds: audio ? audio.deadAirSeconds : null,
    longestMonologueSeconds: audio ? audio.longestMonologue.seconds : null,
    longestMonologueBy: audio?.longestMonologue.by ?? null,
    interruptions: audio ? audio.interruptions.lead + audio.interruptions.agent : null,
    interruptionsBy: audio ? audio.interruptions : null,
    speakingRate: audio ? audio.speakingRate : null,
    timeline: audio
      ? {
          lead: audio.timeline.lead.map((s) => ({ startMs: Math.round(s.startMs), endMs: Math.round(s.endMs) })),
          agent: audio.timeline.agent.map((s) => ({ startMs: Math.round(s.startMs), endMs: Math.round(s.endMs) })),
        }
      : null,
    sentiment: { lead: text?.sentiment.lead?.label ?? null, agent: text?.sentiment.agent?.label ?? null },
    sentimentArc: { lead: (text?.sentiment.lead?.arc ?? []).map(round), agent: (text?.sentiment.agent?.arc ?? []).map(round) },
    objections: (text?.objections ?? []).map((o) => ({ type: o.type, handled: o.handled, atMs: Math.round(o.atMs) })),
    keywords: [...new Set((text?.keywords ?? []).map((k) => k.text))],
    topics: text?.keywords ?? [],
    commitments: (text?.commitments ?? []).map((c) => ({ ...c, atMs: Math.round(c.atMs) })),
    summary: text?.summary ?? '',
    wrapUp: text && text.summary !== '' ? text.wrapUp : null,
    qaScore: null,
    sources: { recording: audio !== null, transcript: text !== null, transcriptFrom: text ? transcriptFrom : null },
  };
}

function present(callId: string, row: typeof callAnalyses.$inferSelect | undefined): CallAnalysis {
  return {
    callId,
    ...(row?.result ?? toStored(null, null)),
    status: row ? (row.status === 'failed' ? 'failed' : 'done') : 'pending',
    error: row?.error ?? null,
    analyzedAt: row?.analyzedAt?.toISOString() ?? null,
  };
}

export function createAnalysisService(deps: AnalysisDeps) {
  const { db } = deps;

  async function save(callId: string, status: 'done' | 'failed', result: StoredAnalysis | null, error: string | null) {
    const now = deps.clock.now();
    await db.transaction(async (tx) => {
      // A re-run keeps the QA score until QA, told by the event, scores the new analysis.
      const [kept] = await tx.select({ result: callAnalyses.result }).from(callAnalyses).where(eq(callAnalyses.callId, callId)).for('update');
      const stored = result && kept?.result ? { ...result, qaScore: kept.result.qaScore } : result;
      await tx
        .insert(callAnalyses)
        .values({ callId, status, result: stored, error, runs: 1, analyzedAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: callAnalyses.callId,
          set: { status, result: stored, error, runs: sql`${callAnalyses.runs} + 1`, analyzedAt: now, updatedAt: now },
        });
      if (status === 'done') await deps.events.emit(tx, 'call.analysed', { callId });
    });
    // Scored now rather than at the outbox's next sweep.
    if (status === 'done') await deps.events.flush();
  }

  /** The recording's audio measures, or why there are none (null reason: the call has no recording). */
  async function audioOf(call: CallWithLead): Promise<{ audio: AudioMeasures | null; problem: string | null }> {
    if (!call.recordingAvailable) return { audio: null, problem: null };
    const meta = await deps.recordings.stat(call.id);
    if (!meta) return { audio: null, problem: null };
    if (meta.size > MAX_RECORDING_BYTES) return { audio: null, problem: `the recording is too large to analyse (${meta.size} bytes)` };
    if (!/wav/i.test(meta.contentType)) return { audio: null, problem: `recordings of type ${meta.contentType} are not analysed (WAV only)` };
    const file = await readAll(await deps.recordings.open(call.id));
    try {
      return { audio: await deps.workers.run(AUDIO, 'measureRecording', [file], [file.buffer]), problem: null };
    } catch (err) {
      // The measuring thread died or is closing: the job tries again.
      if (err instanceof WorkerPoolError) throw err;
      // A recording that cannot be read as two channels is not retried: it will not change.
      return { audio: null, problem: `the recording could not be analysed: ${(err as Error).message}` };
    }
  }

  /** Job: analyse one call now, with what it has. A call still live is left alone: its end brings it back. */
  async function run(callId: string): Promise<void> {
    const call = await deps.calls.get(SYSTEM_ACTOR, callId).catch(() => null);
    if (!call || !isTerminalStatus(call.status)) return;
    const { audio, problem } = await audioOf(call);
    // A side the live transcript missed is transcribed from the recording first (analysis.transcribe.ts).
    const heard = await completeTranscript(deps, call, (await deps.calls.transcript(SYSTEM_ACTOR, callId, -1)).items, audio);
    const local = heard.items.length > 0 ? analyzeTranscript(heard.items, deps.understand) : null;
    // The model's summary where one is configured and answers; the rules' otherwise.
    const written = local && deps.summarize ? await deps.summarize(heard.items, summaryLanguage(heard.items)).catch(() => null) : null;
    const text = local && written ? { ...local, summary: written, wrapUp: { ...local.wrapUp, note: written } } : local;
    const stored = toStored(audio, text, transcriptOrigin(heard.items));
    stored.sources.summaryBy = text ? (written ? 'model' : 'rules') : null;
    await save(callId, 'done', stored, [problem, heard.problem].filter(Boolean).join('; ') || null);
  }

  return {
    run,

    /**
     * Analyses every finished conversation since `since` now, one after another (the operator's
     * backfill, `telehub analyze --since`), telling progress as it goes. A call that fails is
     * reported and the rest go on.
     */
    async backfill(since: Date, progress: (done: number, total: number) => void = () => undefined) {
      // A set: calls placed meanwhile push older ones onto the next page, where they show again.
      const found = new Set<string>();
      for (let page = 1; ; page++) {
        const { items, total } = await deps.calls.list(SYSTEM_ACTOR, { from: since.toISOString(), page, pageSize: 100 });
        for (const c of items) if (c.answeredAt !== null && isTerminalStatus(c.status)) found.add(c.id);
        if (page * 100 >= total || items.length === 0) break;
      }
      const ids = [...found];
      const failed: { callId: string; message: string }[] = [];
      for (const [i, callId] of ids.entries()) {
        try {
          await run(callId);
        } catch (err) {
          failed.push({ callId, message: (err as Error).message });
        }
        progress(i + 1, ids.length);
      }
      return { analysed: ids.length - failed.length, failed };
    },

    /** Records a run that failed for good (the queue gave up), so the call shows it. */
    async failed(callId: string, reason: string): Promise<void> {
      await save(callId, 'failed', null, reason);
    },

    /**
     * Enqueues the analysis of these calls; `why` tells one run from another (the end, then the
     * recording). After the end it waits a few seconds: the engine's last words of the call land then.
     */
    async queue(callIds: string[], why: 'ended' | 'recorded' | 'backfill'): Promise<void> {
      for (const callId of callIds)
        await deps.jobs.enqueue(
          'analysis.run',
          { callId },
          { jobId: `analysis:${callId}:${why}`, ...(why === 'ended' ? { delayMs: TRANSCRIPT_SETTLE_MS } : {}) },
        );
    },

    /** The analyses of these calls that have run, by call id, in one statement (GraphQL's loader). No visibility check: the caller has the calls. */
    async byCallIds(ids: string[]): Promise<Map<string, CallAnalysis>> {
      const out = new Map<string, CallAnalysis>();
      if (ids.length === 0) return out;
      for (const row of await db.select().from(callAnalyses).where(inArray(callAnalyses.callId, ids))) out.set(row.callId, present(row.callId, row));
      return out;
    },

    /** Sets the QA score the analysis answers (QA's latest, reviewed or automatic); no row yet: nothing to set. */
    async setQaScore(callId: string, score: number | null): Promise<void> {
      await db
        .update(callAnalyses)
        .set({ result: sql`jsonb_set(${callAnalyses.result}, '{qaScore}', ${JSON.stringify(score)}::jsonb)` })
        .where(sql`${callAnalyses.callId} = ${callId} and ${callAnalyses.result} is not null`);
    },

    /** The analysis as the contract answers it; `pending` until the first run is saved. The caller has checked the call is visible. */
    async get(callId: string): Promise<CallAnalysis> {
      const [row] = await db.select().from(callAnalyses).where(eq(callAnalyses.callId, callId));
      return present(callId, row);
    },
  };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
