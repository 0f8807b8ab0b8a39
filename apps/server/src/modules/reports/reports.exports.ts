/**
 * Exports as background jobs: asked for, written by a job into the file store with its progress
 * (rows written of rows expected) kept on the export, then downloaded by the one who asked. The
 * rights are checked when it is asked for and again, as the person is then, when the job runs.
 * Files are kept for a week.
 */
import { PassThrough } from 'node:stream';
import type { CreateReportExportBody, ReportExport, ReportKind } from '@telehub/shared';
import { eq, inArray, lt } from 'drizzle-orm';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { JobQueue } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging.js';
import type { FileStore } from '../../platform/storage/storage.js';
import { ReportErrors } from './reports.errors.js';
import { detailOf, type ReportFiles } from './reports.files.js';
import type { ReportReader } from './reports.read.js';
import type { ReportsService } from './reports.service.js';
import { reportExports } from './reports.tables.js';

declare module '../../platform/jobs/jobs.js' {
  interface JobPayloads {
    'reports.export': { exportId: string };
  }
}

const KEEP_MS = 7 * 86_400_000;
/** Progress is saved at most this often. */
const PROGRESS_MS = 1000;

type Row = typeof reportExports.$inferSelect;

export function toExportDto(r: Row): ReportExport {
  const q = r.query as Record<string, string>;
  return {
    id: r.id,
    kind: r.kind as ReportKind,
    format: r.format as ReportExport['format'],
    status: r.status as ReportExport['status'],
    rows: r.rows,
    totalRows: r.totalRows,
    bytes: r.bytes,
    error: r.error,
    downloadUrl: r.status === 'done' ? `/api/v1/reports/exports/${r.id}/file` : null,
    filename: `telehub-${r.kind}-${q.from}-to-${q.to}.${r.format}`,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export function createReportExports(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  jobs: Pick<JobQueue, 'enqueue'>;
  store: FileStore;
  files: ReportFiles;
  reports: Pick<ReportsService, 'scopeOf'>;
  reader: Pick<ReportReader, 'callTotals' | 'leadFactCount'>;
  /** The person as they are now (role and team may have changed since they asked). */
  actorOf: (userId: string) => Promise<Actor | undefined>;
}) {
  const { db, clock } = deps;

  async function own(actor: Actor, id: string): Promise<Row> {
    const [row] = await db.select().from(reportExports).where(eq(reportExports.id, id));
    if (!row || row.userId !== actor.id) throw ReportErrors.REPORT_EXPORT_NOT_FOUND();
    return row;
  }

  return {
    async create(actor: Actor, body: CreateReportExportBody): Promise<ReportExport> {
      await deps.files.begin(actor, body.kind, { ...body.query, format: body.format });
      const [row] = await db
        .insert(reportExports)
        .values({ userId: actor.id, kind: body.kind, format: body.format, query: body.query as Record<string, string>, createdAt: clock.now() })
        .returning();
      if (!row) throw new Error('export not stored');
      await deps.jobs.enqueue('reports.export', { exportId: row.id });
      return toExportDto(row);
    },

    async get(actor: Actor, id: string): Promise<ReportExport> {
      return toExportDto(await own(actor, id));
    },

    /** The finished file, for the one who asked for it. */
    async download(actor: Actor, id: string) {
      const row = await own(actor, id);
      if (row.status !== 'done' || !row.fileKey) throw ReportErrors.REPORT_EXPORT_NOT_READY();
      return { dto: toExportDto(row), body: await deps.store.get(row.fileKey) };
    },

    /** The job: writes the file into the store, saving progress as it goes. */
    async run(exportId: string): Promise<void> {
      const [row] = await db.select().from(reportExports).where(eq(reportExports.id, exportId));
      if (!row || row.status === 'done') return;
      const fail = async (error: string) => {
        await db.update(reportExports).set({ status: 'failed', error, finishedAt: clock.now() }).where(eq(reportExports.id, exportId));
      };
      const actor = await deps.actorOf(row.userId);
      if (!actor) return fail('The person who asked for this export can no longer sign in');
      const kind = row.kind as ReportKind;
      const q = row.query as Record<string, string> as unknown as CreateReportExportBody['query'];
      const query = { ...q, format: row.format as 'xlsx' | 'pdf' | 'csv' };
      let scope: Awaited<ReturnType<ReportsService['scopeOf']>>;
      try {
        scope = await deps.reports.scopeOf(actor, kind, query);
      } catch (err) {
        return fail(err instanceof Error ? err.message : String(err));
      }
      const totalRows =
        row.format === 'pdf' ? null : detailOf(kind) === 'leads' ? await deps.reader.leadFactCount(scope) : (await deps.reader.callTotals(scope)).dials;
      await db.update(reportExports).set({ status: 'running', rows: 0, totalRows, error: null }).where(eq(reportExports.id, exportId));
      const key = `exports/${row.id}.${row.format}`;
      const out = new PassThrough();
      let saved = Date.now();
      const progress = (rows: number) => {
        if (Date.now() - saved < PROGRESS_MS) return;
        saved = Date.now();
        db.update(reportExports)
          .set({ rows })
          .where(eq(reportExports.id, exportId))
          .catch((err: unknown) => deps.logger.warn({ err, exportId }, 'export progress not saved'));
      };
      try {
        const [{ size }, { rows }] = await Promise.all([deps.store.put(key, out), deps.files.write(actor, kind, query, out, progress)]);
        await db.update(reportExports).set({ status: 'done', rows, fileKey: key, bytes: size, finishedAt: clock.now() }).where(eq(reportExports.id, exportId));
      } catch (err) {
        out.destroy();
        await deps.store.remove(key).catch(() => undefined);
        deps.logger.warn({ err, exportId }, 'report export failed');
        await fail(err instanceof Error ? err.message : String(err));
      }
    },

    /** Deletes exports (and their files) older than a week. */
    async prune(): Promise<number> {
      const old = await db
        .select({ id: reportExports.id, fileKey: reportExports.fileKey })
        .from(reportExports)
        .where(lt(reportExports.createdAt, new Date(clock.now().getTime() - KEEP_MS)))
        .limit(500);
      for (const r of old) if (r.fileKey) await deps.store.remove(r.fileKey).catch(() => undefined);
      if (old.length > 0)
        await db.delete(reportExports).where(
          inArray(
            reportExports.id,
            old.map((r) => r.id),
          ),
        );
      return old.length;
    },
  };
}

export type ReportExports = ReturnType<typeof createReportExports>;
