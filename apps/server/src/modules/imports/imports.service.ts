import { randomUUID } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import type { ImportPreview, ImportStatus } from '@telehub/shared';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import { csvLine } from '../../platform/csv.js';
import type { Db } from '../../platform/db/client.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import { isUnavailable } from '../../platform/jobs/index.js';
import type { JobQueue } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging.js';
import type { FileStore } from '../../platform/storage/storage.js';
import type { AuditService } from '../audit/index.js';
import type { CampaignsService } from '../campaigns/index.js';
import type { LeadsService } from '../leads/index.js';
import { ImportErrors } from './imports.errors.js';
import { createImportsHolder } from './imports.holder.js';
import { checkMapping, IMPORT_FIELDS, type Mapping, suggestMapping } from './imports.mapping.js';
import { FileError, formatOf, type ImportFormat, openSheet } from './imports.parse.js';
import * as repo from './imports.repo.js';
import { createImportRunner } from './imports.run.js';
import { assertReadableZip, UncompressedTooLarge } from './imports.zip.js';

declare module '../../platform/jobs/jobs.js' {
  interface JobPayloads {
    'imports.run': { importId: string };
  }
}

/** The `imports.run` job's attempts: after the last, the import is marked failed. */
export const IMPORT_JOB_ATTEMPTS = 5;
const PREVIEW_ROWS = 10;

export type ImportsDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  jobs: JobQueue;
  files: FileStore;
  audit: Pick<AuditService, 'record'>;
  maxBytes: number;
  /** Merge workers at once: 2 on PostgreSQL, 1 on the embedded store (one connection). */
  mergeWorkers: number;
  /** Where the rows go: the lead base's staging and bulk merge. */
  leads: Pick<LeadsService, 'bulk'>;
  /** An import may put its leads in a campaign. */
  campaigns: Pick<CampaignsService, 'exists' | 'addLeads'>;
  /** Runs the reactions to each merged chunk (DND scrub, assignment) once it commits. */
  events: Pick<DomainEventOutbox, 'flush'>;
};

export type ImportsService = ReturnType<typeof createImportsService>;

export type Upload = { filename: string; mimetype?: string; stream: Readable };
export type StartOptions = { mapping?: Mapping; source?: string; campaignId?: string };

const STATUS_VIEW = (r: repo.ImportRow): ImportStatus['status'] => (r.status === 'draft' ? 'draft' : (r.status as ImportStatus['status']));

export function toStatusDto(r: repo.ImportRow, errors: { row: number; reason: string }[]): ImportStatus {
  const total = Math.max(r.total, r.processed);
  const share = 0.8;
  let percent = 0;
  if (r.status === 'completed') percent = 100;
  else if (r.phase === 'parsing' && total > 0) percent = share * 100 * Math.min(1, r.processed / total);
  else if (r.phase === 'merging' && total > 0) percent = 100 * (share + (1 - share) * Math.min(1, (r.created + r.merged + r.rejected) / total));
  return {
    id: r.id,
    kind: r.kind as ImportStatus['kind'],
    status: STATUS_VIEW(r),
    phase: (r.phase as ImportStatus['phase']) ?? null,
    source: r.source,
    filename: r.filename,
    format: r.format as ImportFormat,
    sizeBytes: r.sizeBytes,
    mapping: r.mapping,
    total: r.total,
    processed: r.processed,
    created: r.created,
    merged: r.merged,
    rejected: r.rejected,
    percent: Math.round(percent * 10) / 10,
    rowsPerSecond: r.rowsPerSecond ?? null,
    error: r.error,
    errors,
    errorsTruncated: errors.length < r.rejected,
    campaignId: r.options.campaignId ?? null,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Counts bytes and stops the upload at the size limit. */
function limitBytes(max: number) {
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _e, cb) {
      n += chunk.length;
      if (n > max) cb(ImportErrors.IMPORT_FILE_TOO_LARGE(`file: larger than the ${Math.round(max / 1_048_576)} MB allowed`));
      else cb(null, chunk);
    },
  });
}

export function createImportsService(deps: ImportsDeps) {
  const { db, clock } = deps;
  const runner = createImportRunner({
    ...deps,
    afterChunk: async (imp, leadIds) => {
      const actor: Actor = imp.createdBy
        ? { id: imp.createdBy, role: 'manager', teamId: null }
        : { id: '00000000-0000-0000-0000-000000000000', role: 'admin', teamId: null };
      if (imp.options.campaignId) await deps.campaigns.addLeads(actor, imp.options.campaignId, leadIds);
    },
  });

  async function headersAndSample(key: string, format: ImportFormat) {
    if (format === 'xlsx') await assertReadableZip(deps.files, key);
    const stream = await deps.files.get(key);
    const sheet = await openSheet(stream, format);
    const rows: string[][] = [];
    for await (const r of sheet.rows) {
      rows.push(sheet.headers.map((_, i) => r[i] ?? ''));
      if (rows.length >= PREVIEW_ROWS) break;
    }
    stream.destroy();
    return { headers: sheet.headers, rows };
  }

  async function validateOptions(opts: StartOptions, headers: string[]) {
    const mapping = opts.mapping ?? suggestMapping(headers);
    const problems = checkMapping(mapping, headers);
    if (problems.length > 0) {
      const e = ImportErrors.IMPORT_MAPPING_INVALID(`mapping: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
      throw Object.assign(e, { details: problems.map((p) => ({ path: `mapping.${p.field}`, message: p.message })) });
    }
    if (opts.campaignId && !(await deps.campaigns.exists(opts.campaignId))) throw ImportErrors.IMPORT_CAMPAIGN_UNKNOWN();
    return mapping;
  }

  async function store(actor: Actor, upload: Upload, kind: 'leads' | 'dnd') {
    const format = formatOf(upload.filename, upload.mimetype);
    if (!format) {
      upload.stream.resume();
      throw ImportErrors.IMPORT_FORMAT_UNSUPPORTED(`file: "${upload.filename}" is not a .csv or .xlsx file`);
    }
    const id = randomUUID();
    const safeName = upload.filename.replace(/[^\w.-]+/g, '_').slice(-120) || `upload.${format}`;
    const key = `imports/${id}/${safeName.replace(/^[^a-z0-9]+/i, 'f')}`;
    let size: number;
    try {
      ({ size } = await deps.files.put(key, upload.stream.pipe(limitBytes(deps.maxBytes))));
    } catch (err) {
      await deps.files.remove(key);
      throw err;
    }
    let preview: { headers: string[]; rows: string[][] };
    try {
      if (size === 0) throw new FileError('The file is empty.');
      preview = await headersAndSample(key, format);
    } catch (err) {
      await deps.files.remove(key);
      if (err instanceof UncompressedTooLarge) throw ImportErrors.IMPORT_FILE_TOO_LARGE_UNCOMPRESSED(`file: ${err.message}`);
      if (err instanceof FileError) throw ImportErrors.IMPORT_FILE_UNREADABLE(`file: ${err.message}`);
      throw err;
    }
    const row = await repo.insertImport(db, {
      id,
      kind,
      status: 'draft',
      source: 'file',
      filename: upload.filename.slice(0, 255),
      fileKey: key,
      format,
      sizeBytes: size,
      createdBy: actorRef(actor),
    });
    return { row, preview };
  }

  async function queue(actor: Actor, row: repo.ImportRow, mapping: Mapping, opts: StartOptions, headers: string[]) {
    await db.transaction(async (tx) => {
      await repo.updateImport(tx, row.id, {
        status: 'queued',
        mapping,
        source: opts.source?.trim() || 'file',
        // The header order, for the reject report (JSON objects do not keep key order).
        options: { headers, ...(opts.campaignId ? { campaignId: opts.campaignId } : {}) },
      });
      await deps.audit.record(
        actor,
        { action: 'import.start', entityType: 'import', entityId: row.id, details: { filename: row.filename, mapping, kind: row.kind } },
        tx,
      );
    });
    await deps.jobs.enqueue('imports.run', { importId: row.id }, { jobId: `import:${row.id}` });
  }

  return {
    /**
     * Stores an upload and shows its first rows with a suggested mapping. Nothing runs until
     * start(); an unreadable file is refused here and kept nowhere.
     */
    async preview(actor: Actor, upload: Upload): Promise<ImportPreview> {
      const { row, preview } = await store(actor, upload, 'leads');
      return {
        id: row.id,
        filename: row.filename,
        format: row.format as ImportFormat,
        sizeBytes: row.sizeBytes,
        headers: preview.headers,
        rows: preview.rows,
        suggestedMapping: suggestMapping(preview.headers),
        fields: [...IMPORT_FIELDS],
      };
    },

    async start(actor: Actor, id: string, opts: StartOptions): Promise<ImportStatus> {
      const row = await repo.findImport(db, id);
      if (row?.kind !== 'leads') throw ImportErrors.IMPORT_NOT_FOUND();
      if (row.status !== 'draft') throw ImportErrors.IMPORT_NOT_DRAFT();
      const { headers } = await headersAndSample(row.fileKey, row.format as ImportFormat);
      const mapping = await validateOptions(opts, headers);
      await queue(actor, row, mapping, opts, headers);
      return toStatusDto((await repo.findImport(db, id)) ?? row, []);
    },

    async get(id: string, kind: 'leads' | 'dnd' = 'leads'): Promise<ImportStatus> {
      const row = await repo.findImport(db, id);
      if (!row || row.kind !== kind) throw ImportErrors.IMPORT_NOT_FOUND();
      return toStatusDto(
        row,
        (await repo.rejectsPage(db, id, 1000)).map(({ row: r, reason }) => ({ row: r, reason })),
      );
    },

    async list(kind: 'leads' | 'dnd' = 'leads', limit = 50): Promise<ImportStatus[]> {
      return (await repo.listImports(db, kind, limit)).map((r) => toStatusDto(r, []));
    },

    /** The rejected rows as CSV (row, reason, then the row's own columns), streamed in pages. */
    async rejectsCsv(actor: Actor, id: string): Promise<{ filename: string; body: Readable }> {
      const row = await repo.findImport(db, id);
      if (!row) throw ImportErrors.IMPORT_NOT_FOUND();
      await deps.audit.record(actor, { action: 'import.rejects_download', entityType: 'import', entityId: id });
      const savedHeaders = row.options.headers;
      async function* lines() {
        let headers: string[] | undefined;
        let after = 0;
        for (;;) {
          const page = await repo.rejectsPage(db, id, 2000, after);
          if (page.length === 0) break;
          if (!headers) {
            headers = savedHeaders ?? Object.keys(page[0]?.data ?? {});
            yield `\uFEFF${csvLine(['row', 'reason', ...headers])}`;
          }
          const cols = headers;
          yield page.map((r) => csvLine([r.row, r.reason, ...cols.map((h) => r.data[h] ?? '')])).join('');
          after = page[page.length - 1]?.row ?? after;
        }
        if (!headers) yield '\uFEFFrow,reason\r\n';
      }
      const base = row.filename.replace(/\.[^.]+$/, '');
      return { filename: `${base}-rejected-rows.csv`, body: Readable.from(lines()).pipe(new PassThrough()) };
    },

    /**
     * For other modules with their own file processing (the DND registry): store an upload as an
     * import of `kind`, then report its run through the functions below.
     */
    external: {
      async receive(actor: Actor, upload: Upload, kind: 'dnd') {
        const { row, preview } = await store(actor, upload, kind);
        await repo.updateImport(db, row.id, { options: { headers: preview.headers } });
        return { id: row.id, headers: preview.headers };
      },
      async queue(id: string, options: Record<string, unknown>) {
        const row = await repo.findImport(db, id);
        if (!row) throw ImportErrors.IMPORT_NOT_FOUND();
        if (row.status !== 'draft') throw ImportErrors.IMPORT_NOT_DRAFT();
        await repo.updateImport(db, id, { status: 'queued', options: { ...row.options, ...options } });
      },
      file: async (id: string) => {
        const row = await repo.findImport(db, id);
        if (!row) throw ImportErrors.IMPORT_NOT_FOUND();
        return { row, stream: await deps.files.get(row.fileKey) };
      },
      progress: (
        id: string,
        values: {
          status?: 'running' | 'completed' | 'failed';
          processed?: number;
          total?: number;
          created?: number;
          merged?: number;
          rejected?: number;
          rowsPerSecond?: number;
          error?: string | null;
        },
      ) =>
        repo.updateImport(db, id, {
          ...values,
          ...(values.status === 'running' ? { startedAt: clock.now(), phase: 'parsing' } : {}),
          ...(values.status === 'completed' || values.status === 'failed' ? { finishedAt: clock.now(), phase: null } : {}),
        }),
      rejects: (id: string, rejects: { row: number; reason: string; data: Record<string, string> }[]) => repo.insertRejects(db, id, rejects),
      unfinished: async (kind: 'dnd') => (await repo.unfinishedImports(db)).filter((r) => r.kind === kind).map((r) => r.id),
    },

    /** Picks up imports a stopped process left queued or running. */
    /** Rejected rows are lead data. */
    dataHolder: createImportsHolder(deps),

    /** The `imports.run` job: parse, then merge; after the last attempt the import is failed with a message. */
    async runJob(importId: string, attempt: number): Promise<void> {
      try {
        await runner.run(importId);
      } catch (err) {
        // An unreachable database or Redis is not the import's fault: it runs again when they are back.
        if (attempt >= IMPORT_JOB_ATTEMPTS && !isUnavailable(err)) {
          const imp = await repo.findImport(db, importId);
          if (imp) await runner.fail(imp, 'The import stopped on an internal error; it has been logged. Try again, or contact your administrator.');
        }
        throw err;
      }
    },

    async resume(): Promise<number> {
      const pending = (await repo.unfinishedImports(db)).filter((r) => r.kind === 'leads');
      for (const imp of pending) await deps.jobs.enqueue('imports.run', { importId: imp.id }, { jobId: `import:${imp.id}` });
      return pending.length;
    },

    /** Runs an import to the end in this process (CLI). */
    runNow: (id: string) => runner.run(id),
  };
}
