/**
 * Running an import: parse the whole file into staging (rejects recorded with their row), and
 * only then merge staging into the lead base chunk by chunk. A file that breaks while parsing
 * fails the import and changes nothing; a crash while merging resumes with the rows not merged.
 */
import { randomUUID } from 'node:crypto';
import { replaceInvalidCharacters } from '@telehub/shared';
import { type Actor, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isDeadlock } from '../../platform/db/errors.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import type { Logger } from '../../platform/logging.js';
import { normalizePhone } from '../../platform/phone.js';
import type { FileStore } from '../../platform/storage/storage.js';
import type { AuditService } from '../audit/index.js';
import type { LeadsService, StagedRow } from '../leads/index.js';
import { checkMapping, createRowMapper, type Mapping } from './imports.mapping.js';
import { FileError, openSheet } from './imports.parse.js';
import * as repo from './imports.repo.js';
import { assertReadableZip } from './imports.zip.js';

const STAGE_BATCH = 5_000;
export const MERGE_CHUNK = 25_000;

export type RunDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  files: FileStore;
  audit: Pick<AuditService, 'record'>;
  /** Merge workers running at once (each its own connection); 1 on the embedded store. */
  mergeWorkers: number;
  /** The lead base's way in for bulk loads: staging, and the merge by its rules. */
  leads: Pick<LeadsService, 'bulk'>;
  /** Called with the leads each merged chunk touched (campaign membership). */
  afterChunk?: (imp: repo.ImportRow, leadIds: string[]) => Promise<void>;
  events: Pick<DomainEventOutbox, 'flush'>;
};

/** Two workers can still collide on a rare shared key; PostgreSQL aborts one, which simply tries again. */
async function withDeadlockRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isDeadlock(err)) throw err;
      await new Promise((r) => setTimeout(r, 50 * i));
    }
  }
}

export function createImportRunner(deps: RunDeps) {
  const { db, clock, logger } = deps;
  const actorOf = (imp: repo.ImportRow): Actor => (imp.createdBy ? { id: imp.createdBy, role: 'manager', teamId: null } : SYSTEM_ACTOR);

  async function fail(imp: repo.ImportRow, message: string) {
    await db.transaction(async (tx) => {
      await deps.leads.bulk.clear(imp.id, tx);
      await repo.clearRejects(tx, imp.id);
      await repo.updateImport(tx, imp.id, { status: 'failed', phase: null, error: message, created: 0, merged: 0, rejected: 0, finishedAt: clock.now() });
      await deps.audit.record(actorOf(imp), { action: 'import.failed', entityType: 'import', entityId: imp.id, details: { error: message } }, tx);
    });
  }

  async function parsePhase(imp: repo.ImportRow): Promise<number> {
    const startedAt = clock.now();
    await deps.leads.bulk.clear(imp.id);
    await repo.clearRejects(db, imp.id);
    await repo.updateImport(db, imp.id, {
      status: 'running',
      phase: 'parsing',
      startedAt,
      processed: 0,
      total: 0,
      created: 0,
      merged: 0,
      rejected: 0,
      error: null,
    });
    if (imp.format === 'xlsx') await assertReadableZip(deps.files, imp.fileKey);
    const sheet = await openSheet(await deps.files.get(imp.fileKey), imp.format === 'xlsx' ? 'xlsx' : 'csv');
    const mapping = imp.mapping as Mapping;
    const problems = checkMapping(mapping, sheet.headers);
    if (problems.length > 0) throw new FileError(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    const mapRow = createRowMapper(sheet.headers, mapping, normalizePhone);

    let rowNo = 0;
    let rejected = 0;
    let staged: StagedRow[] = [];
    let rejects: repo.Reject[] = [];
    // Staging a batch overlaps with parsing the next one: one write in flight at a time.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      await inFlight;
      const batch = staged;
      const batchRejects = rejects;
      staged = [];
      rejects = [];
      const seconds = Math.max(0.001, (clock.now().getTime() - startedAt.getTime()) / 1000);
      const size = Math.max(1, imp.sizeBytes);
      const progress = {
        processed: rowNo,
        rejected,
        rowsPerSecond: Math.round(rowNo / seconds),
        // Progress by bytes read: the row count of a streamed file is known only at its end.
        total: Math.max(rowNo, Math.round((rowNo * size) / Math.max(1, sheet.bytesRead()))),
      };
      inFlight = (async () => {
        await deps.leads.bulk.stage(imp.id, batch);
        await repo.insertRejects(db, imp.id, batchRejects);
        await repo.updateImport(db, imp.id, progress);
      })();
      // Never leave a rejected write unobserved; it is awaited (and thrown) at the next flush.
      inFlight.catch(() => undefined);
    };
    for await (const cells of sheet.rows) {
      rowNo++;
      const mapped = mapRow(cells);
      if (mapped.ok) staged.push({ row: rowNo, ...mapped.value, newLeadId: randomUUID(), identityId: randomUUID() });
      else {
        rejected++;
        // The row as it was, less what the database cannot hold (a NUL), for the rejects report.
        const data = sheet.headers.map((h, i) => [replaceInvalidCharacters(h), replaceInvalidCharacters(cells[i] ?? '')]);
        rejects.push({ row: rowNo, reason: replaceInvalidCharacters(mapped.reason), data: Object.fromEntries(data) });
      }
      if (staged.length + rejects.length >= STAGE_BATCH) await flush();
    }
    await flush();
    await inFlight;
    await repo.updateImport(db, imp.id, { phase: 'merging', total: rowNo, processed: rowNo });
    logger.info({ importId: imp.id, rows: rowNo, rejected, seconds: (clock.now().getTime() - startedAt.getTime()) / 1000 }, 'import parsed; merging');
    return rowNo;
  }

  async function mergePhase(imp: repo.ImportRow) {
    const fresh = (await repo.findImport(db, imp.id)) ?? imp;
    const range = await deps.leads.bulk.range(imp.id);
    if (range) {
      const workers = Math.max(1, deps.mergeWorkers);
      const worker = async (index: number) => {
        const partition = workers > 1 ? { index, count: workers } : undefined;
        for (let from = range.min; from <= range.max; from += MERGE_CHUNK) {
          const result = await withDeadlockRetry(() =>
            db.transaction(async (tx) => {
              const r = await deps.leads.bulk.mergeChunk(tx, {
                importId: imp.id,
                fromRow: from,
                toRow: from + MERGE_CHUNK,
                partition,
                source: imp.source,
                filename: imp.filename,
                actorId: imp.createdBy,
                now: clock.now(),
              });
              await repo.insertRejects(
                tx,
                imp.id,
                r.rejected.map((x) => ({ ...x, data: {} })),
              );
              // Increments, last: the row lock on the import is held only until the commit just after.
              await repo.addCounts(tx, imp.id, { created: r.created, merged: r.merged, rejected: r.rejected.length });
              return r;
            }),
          );
          if (deps.afterChunk && result.leadIds.length > 0) await deps.afterChunk(fresh, result.leadIds);
          await deps.events.flush();
        }
      };
      await Promise.all(Array.from({ length: workers }, (_, i) => worker(i)));
    }
    const done = (await repo.findImport(db, imp.id)) ?? fresh;
    const seconds = Math.max(0.001, (clock.now().getTime() - (done.startedAt ?? clock.now()).getTime()) / 1000);
    await db.transaction(async (tx) => {
      await repo.updateImport(tx, imp.id, { status: 'completed', phase: null, finishedAt: clock.now(), rowsPerSecond: Math.round(done.total / seconds) });
      await deps.audit.record(
        actorOf(imp),
        {
          action: 'import.completed',
          entityType: 'import',
          entityId: imp.id,
          details: { total: done.total, created: done.created, merged: done.merged, rejected: done.rejected },
        },
        tx,
      );
    });
    logger.info({ importId: imp.id, total: done.total, created: done.created, merged: done.merged, rejected: done.rejected, seconds }, 'import completed');
  }

  return {
    async run(importId: string): Promise<void> {
      const imp = await repo.findImport(db, importId);
      if (!imp || (imp.status !== 'queued' && imp.status !== 'running')) return;
      try {
        if (imp.phase !== 'merging') await parsePhase(imp);
      } catch (err) {
        if (err instanceof FileError) {
          await fail(imp, err.message);
          return;
        }
        throw err;
      }
      await mergePhase(imp);
    },
    fail,
  };
}
