/**
 * Compliance, part one: the DND (NCPR) registry. Lists are imported from files (merged in, or
 * replacing the registry), every lead is flagged when its number blocks this organisation's
 * category, and new leads are scrubbed as they arrive.
 */
import type { Readable } from 'node:stream';
import type { ImportStatus } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { JobQueue } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging.js';
import { normalizePhone } from '../../platform/phone.js';
import { readSetting, writeSetting } from '../../platform/settings/settings.js';
import type { AuditService } from '../audit/index.js';
import { FileError, type ImportFormat, type ImportsService, openSheet } from '../imports/index.js';
import type { DndMark, LeadsService } from '../leads/index.js';
import { blocks, type DndEntry, detectColumns, lookup, parseDndRow, upsertEntries } from './compliance.dnd.js';
import { ComplianceErrors } from './compliance.errors.js';
import { dndRegistry } from './compliance.tables.js';

declare module '../../platform/jobs/jobs.js' {
  interface JobPayloads {
    'compliance.dnd_import': { importId: string };
  }
}

export type ComplianceDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  jobs: JobQueue;
  audit: Pick<AuditService, 'record'>;
  imports: Pick<ImportsService, 'external' | 'get' | 'list'>;
  leads: Pick<LeadsService, 'dnd'>;
  /** The TRAI category of this organisation's calls (3 = education). */
  category: () => number;
};

export type ComplianceService = ReturnType<typeof createComplianceService>;

const BATCH = 5_000;
/** Until when every lead has been checked against the registry by the sweep. */
const SCRUB_MARK = 'compliance.dnd_scrubbed_until';

export function createComplianceService(deps: ComplianceDeps) {
  const { db, clock } = deps;
  const mark = (phone: string, e: { fullyBlocked: boolean; categories: number[] } | undefined): DndMark =>
    e
      ? { phone, blocked: blocks(e, deps.category()), categories: e.fullyBlocked ? [0, ...e.categories] : e.categories }
      : { phone, blocked: false, categories: null };

  async function runImport(importId: string) {
    const { row, stream } = await deps.imports.external.file(importId);
    if (row.status !== 'queued' && row.status !== 'running') return;
    const started = clock.now();
    const replace = (row.options as { replace?: boolean }).replace === true;
    await deps.imports.external.progress(importId, { status: 'running', processed: 0, created: 0, merged: 0, rejected: 0, error: null });
    let rowNo = 0;
    let inserted = 0;
    let updated = 0;
    let rejected = 0;
    let flagged = 0;
    try {
      const sheet = await openSheet(stream, row.format as ImportFormat);
      const cols = detectColumns(sheet.headers);
      if (!cols) throw new FileError(ComplianceErrors.DND_COLUMNS_MISSING().message.replace(/^file: /, ''));
      let batch: DndEntry[] = [];
      let rejects: { row: number; reason: string; data: Record<string, string> }[] = [];
      const flush = async () => {
        const r = await upsertEntries(db, batch, row.filename, started);
        inserted += r.inserted;
        updated += r.updated;
        flagged += await deps.leads.dnd.apply(batch.map((e) => mark(e.phone, e)));
        await deps.imports.external.rejects(importId, rejects);
        const seconds = Math.max(0.001, (clock.now().getTime() - started.getTime()) / 1000);
        await deps.imports.external.progress(importId, {
          processed: rowNo,
          total: Math.max(rowNo, Math.round((rowNo * row.sizeBytes) / Math.max(1, sheet.bytesRead()))),
          created: inserted,
          merged: updated,
          rejected,
          rowsPerSecond: Math.round(rowNo / seconds),
        });
        batch = [];
        rejects = [];
      };
      for await (const cells of sheet.rows) {
        rowNo++;
        const parsed = parseDndRow(cells, cols);
        if (parsed.ok) batch.push(parsed.entry);
        else {
          rejected++;
          rejects.push({ row: rowNo, reason: parsed.reason, data: Object.fromEntries(sheet.headers.map((h, i) => [h, cells[i] ?? ''])) });
        }
        if (batch.length + rejects.length >= BATCH) await flush();
      }
      await flush();
    } catch (err) {
      if (!(err instanceof FileError)) throw err;
      await deps.imports.external.progress(importId, {
        status: 'failed',
        error: `${err.message}${rowNo > 0 && !replace ? ` (the ${inserted + updated} numbers read before the problem are in the registry)` : ''}`,
      });
      return;
    }
    let cleared = 0;
    if (replace) {
      // A full list: numbers it no longer has come off the registry, and their leads are cleared.
      await db.delete(dndRegistry).where(sql`${dndRegistry.updatedAt} < ${started}`);
      let after = '';
      for (;;) {
        const phones = await deps.leads.dnd.flagged(after, BATCH);
        if (phones.length === 0) break;
        const listed = await lookup(db, phones);
        cleared += await deps.leads.dnd.apply(phones.filter((p) => !listed.has(p)).map((p) => mark(p, undefined)));
        after = phones[phones.length - 1] ?? after;
      }
    }
    const seconds = Math.max(0.001, (clock.now().getTime() - started.getTime()) / 1000);
    await deps.imports.external.progress(importId, { status: 'completed', total: rowNo, processed: rowNo, rowsPerSecond: Math.round(rowNo / seconds) });
    await deps.audit.record(null, {
      action: 'dnd.import_completed',
      entityType: 'import',
      entityId: importId,
      details: { rows: rowNo, inserted, updated, rejected, leadsFlagged: flagged, leadsCleared: cleared, replace },
    });
    deps.logger.info({ importId, rows: rowNo, inserted, updated, rejected, flagged, cleared }, 'DND list imported');
  }

  return {
    /** Stores a list and checks it has a phone column; nothing runs until start(). */
    async receiveList(actor: Actor, upload: { filename: string; mimetype?: string; stream: Readable }): Promise<{ id: string }> {
      const { id, headers } = await deps.imports.external.receive(actor, upload, 'dnd');
      if (!detectColumns(headers)) {
        const e = ComplianceErrors.DND_COLUMNS_MISSING(
          `file: no phone number column among ${headers.join(', ')} (expected a header such as Phone, Mobile or MSISDN)`,
        );
        await deps.imports.external.progress(id, { status: 'failed', error: e.message });
        throw e;
      }
      return { id };
    },

    async startList(actor: Actor, id: string, replace: boolean): Promise<void> {
      await deps.imports.external.queue(id, { replace });
      await deps.audit.record(actor, { action: 'dnd.import_start', entityType: 'import', entityId: id, details: { replace } });
      await deps.jobs.enqueue('compliance.dnd_import', { importId: id }, { jobId: `dnd:${id}` });
    },

    getImport: (id: string): Promise<ImportStatus> => deps.imports.get(id, 'dnd'),
    listImports: () => deps.imports.list('dnd'),

    async check(phoneInput: string) {
      const p = normalizePhone(phoneInput);
      if (!p.ok) throw ComplianceErrors.DND_PHONE_INVALID(`phone: ${p.reason}`);
      const e = (await lookup(db, [p.e164])).get(p.e164);
      return {
        phone: p.e164,
        registered: Boolean(e),
        fullyBlocked: e?.fullyBlocked ?? false,
        categories: e?.categories ?? [],
        blocksUs: e ? blocks(e, deps.category()) : false,
        category: deps.category(),
      };
    },

    async stats() {
      const [r] = await db.select({ n: sql<number>`count(*)::int`, last: sql<Date | null>`max(${dndRegistry.updatedAt})` }).from(dndRegistry);
      return {
        entries: r?.n ?? 0,
        lastUpdatedAt: r?.last ? new Date(r.last).toISOString() : null,
        flaggedLeads: await deps.leads.dnd.countFlagged(),
        category: deps.category(),
      };
    },

    /**
     * Checks leads against the registry: the given ones (new from an import or a sync), or every
     * lead created or changed since the last sweep. Registry imports flag existing leads
     * themselves, so this only has to catch what arrived after them.
     */
    /** The `compliance.dnd_import` job: reads a DND list into the registry and flags the leads. */
    runImport,

    async scrub(leadIds?: string[]): Promise<number> {
      const [any] = await db.select({ phone: dndRegistry.phone }).from(dndRegistry).limit(1);
      const sweepStart = clock.now();
      if (!any) {
        if (!leadIds) await writeSetting(db, SCRUB_MARK, sweepStart.toISOString());
        return 0;
      }
      const check = async (batch: { phone: string }[]) => {
        const listed = await lookup(
          db,
          batch.map((b) => b.phone),
        );
        return deps.leads.dnd.apply(batch.flatMap((b) => (listed.has(b.phone) ? [mark(b.phone, listed.get(b.phone))] : [])));
      };
      let flagged = 0;
      if (leadIds) {
        for (let i = 0; i < leadIds.length; i += BATCH) flagged += await check(await deps.leads.dnd.phonesOf(leadIds.slice(i, i + BATCH)));
        return flagged;
      }
      const since = new Date((await readSetting<string>(db, SCRUB_MARK)) ?? 0);
      let after: { updatedAt: Date; id: string } | undefined;
      for (;;) {
        const batch = await deps.leads.dnd.changedSince(since, after, BATCH);
        if (batch.length === 0) break;
        flagged += await check(batch);
        const last = batch[batch.length - 1];
        if (!last || batch.length < BATCH) break;
        after = { updatedAt: last.updatedAt, id: last.id };
      }
      await writeSetting(db, SCRUB_MARK, sweepStart.toISOString());
      return flagged;
    },

    /** Picks up DND imports a stopped process left unfinished. */
    async resume() {
      for (const id of await deps.imports.external.unfinished('dnd'))
        await deps.jobs.enqueue('compliance.dnd_import', { importId: id }, { jobId: `dnd:${id}` });
    },
  };
}
