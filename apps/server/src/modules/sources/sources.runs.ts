/**
 * The bookkeeping every sync run shares: one run of a source at a time (in this process and
 * across nodes), a sync_runs row with live counts, and the source's state when it ends.
 */
import type { SyncRecordError, SyncRunResult, SyncTrigger } from '@telehub/shared';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import type { IngestOutcome } from '../leads/index.js';
import { SourceErrors } from './sources.errors.js';
import * as repo from './sources.repo.js';

/** A run that has not touched its state for this long is taken to have died with its process. */
const STALE_AFTER_MS = 10 * 60_000;
const HEARTBEAT_MS = 60_000;
/** Record problems kept per run (the counts stay exact). */
const MAX_ERRORS = 100;

export type RunCounts = { fetched: number; created: number; updated: number; unchanged: number; failed: number };

export type RunContext = {
  runId: string;
  startedAt: Date;
  signal: AbortSignal;
  counts: RunCounts;
  errors: SyncRecordError[];
  /** Adds ingest outcomes to the counts. */
  tally(outcomes: IngestOutcome[]): void;
  /** A record the run could not even hand to ingest. */
  reject(externalId: string | null, reason: string): void;
  /** A problem that is not about one record (kept with the run, not counted as failed). */
  note(reason: string): void;
  /** Saves the counts so far and tells other nodes the run is alive. Call after every page. */
  heartbeat(): Promise<void>;
};

export type RunBody = (ctx: RunContext) => Promise<{ cursor: string | null }>;

export function createRunner(deps: { db: Db; clock: Clock; logger: Logger; signal: AbortSignal }) {
  const { db, clock, logger } = deps;
  const running = new Set<string>();
  const inflight = new Set<Promise<unknown>>();

  return {
    isRunning: (source: string) => running.has(source),

    /** Resolves when no run is going (after the stop signal, runs end at their next request). */
    async idle(): Promise<void> {
      await Promise.allSettled([...inflight]);
    },

    /**
     * Runs `body` as the one run of `source`. Throws SYNC_RUNNING when a run is going here or on
     * another node; otherwise always answers, a failed run with status `failed` and its error.
     */
    async run(source: string, trigger: SyncTrigger, body: RunBody): Promise<SyncRunResult> {
      if (running.has(source)) throw SourceErrors.SYNC_RUNNING();
      running.add(source);
      try {
        const startedAt = clock.now();
        if (!(await repo.claimRun(db, source, startedAt, new Date(startedAt.getTime() - STALE_AFTER_MS)))) throw SourceErrors.SYNC_RUNNING();
        await repo.closeAbandonedRuns(db, source, startedAt);
        const row = await repo.insertRun(db, { source, trigger, status: 'running', startedAt });
        const counts: RunCounts = { fetched: 0, created: 0, updated: 0, unchanged: 0, failed: 0 };
        const errors: SyncRecordError[] = [];
        const keep = (e: SyncRecordError) => {
          if (errors.length < MAX_ERRORS) errors.push(e);
        };
        const ctx: RunContext = {
          runId: row.id,
          startedAt,
          signal: deps.signal,
          counts,
          errors,
          tally(outcomes) {
            for (const o of outcomes) {
              if (o.outcome === 'rejected') {
                counts.failed++;
                keep({ externalId: o.externalId, reason: o.reason ?? 'rejected' });
              } else counts[o.outcome]++;
            }
          },
          reject(externalId, reason) {
            counts.failed++;
            keep({ externalId, reason });
          },
          note(reason) {
            keep({ externalId: null, reason });
          },
          async heartbeat() {
            const now = clock.now();
            await repo.updateRun(db, row.id, { ...countsOf(counts), errors });
            await repo.updateState(db, source, { updatedAt: now });
          },
        };

        let cursor: string | null = null;
        let error: string | null = null;
        // Keeps the claim fresh while a single request waits long (retries, Retry-After).
        const beat = setInterval(() => void repo.updateState(db, source, { updatedAt: clock.now() }).catch(() => undefined), HEARTBEAT_MS);
        beat.unref();
        const work = body(ctx);
        inflight.add(work);
        try {
          ({ cursor } = await work);
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
          cursor = (await repo.findState(db, source))?.cursor ?? null;
          logger.warn({ err, source, runId: row.id }, 'sync run failed');
        } finally {
          clearInterval(beat);
          inflight.delete(work);
        }
        const finishedAt = clock.now();
        const status = error ? 'failed' : 'succeeded';
        const summary = { ...counts, cursor };
        await repo.updateRun(db, row.id, { ...countsOf(counts), errors, cursor, status, error, finishedAt });
        await repo.updateState(db, source, {
          status,
          lastError: error,
          lastSummary: { ...summary, runId: row.id, status },
          ...(error ? {} : { lastSuccessAt: finishedAt }),
          updatedAt: finishedAt,
        });
        logger.info({ source, runId: row.id, trigger, status, ...counts }, 'sync run finished');
        return { runId: row.id, status, error, errors, ...summary };
      } finally {
        running.delete(source);
      }
    },
  };
}

const countsOf = (c: RunCounts) => ({ fetched: c.fetched, created: c.created, updated: c.updated, failed: c.failed });

export type Runner = ReturnType<typeof createRunner>;
