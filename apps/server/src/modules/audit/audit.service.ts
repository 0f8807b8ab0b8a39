import type { AuditEntry as AuditEntryDto, AuditPage } from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import { isSystem } from '../../platform/context.js';
import { csvLine } from '../../platform/csv.js';
import type { Db } from '../../platform/db/client.js';
import { labelsOf } from './audit.labels.js';
import { type AuditFilter, type AuditRow, countAudit, insertAudit, iterateAudit, lastAuditId, listAudit } from './audit.repo.js';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
};

export type AuditService = ReturnType<typeof createAuditService>;

const CSV_COLUMNS = ['at', 'actor_id', 'actor_name', 'actor_role', 'action', 'entity_type', 'entity_id', 'entity_label', 'ip', 'details'] as const;
/** UTF-8 with a BOM, so spreadsheets read Hindi names. */
const BOM = '\uFEFF';

export function createAuditService(deps: { db: Db; clock: Clock }) {
  /** Rows as the API shows them, with the names of who acted and on what (one read per kind). */
  async function present(rows: AuditRow[]): Promise<AuditEntryDto[]> {
    const names = await labelsOf(deps.db, rows);
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: names.actor(r.actorId),
      actorRole: r.actorRole,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      entityLabel: names.entity(r),
      ip: r.ip,
      details: r.details,
    }));
  }

  const service = {
    /** Writes entries on `db` (pass a transaction so the record commits with the change). */
    async record(actor: Actor | null, entries: AuditEntry | AuditEntry[], db: Db = deps.db): Promise<void> {
      const list = Array.isArray(entries) ? entries : [entries];
      const at = deps.clock.now();
      await insertAudit(
        db,
        list.map((e) => ({
          at,
          actorId: actor && !isSystem(actor) ? actor.id : null,
          actorRole: actor ? (isSystem(actor) ? 'system' : actor.role) : null,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId ?? null,
          ip: actor?.ip ?? null,
          details: e.details ?? {},
        })),
      );
    },

    async list(filter: AuditFilter, page: number, pageSize: number): Promise<AuditPage> {
      const { items, total } = await listAudit(deps.db, filter, pageSize, (page - 1) * pageSize);
      return { items: await present(items), total, page, pageSize };
    },

    /**
     * The entries matching `filter` as CSV, newest first, in keyset batches (constant memory).
     * The export is itself audited, with its filter and row count, before the first byte leaves;
     * it reads only what was there before, so it does not list itself.
     */
    async exportCsv(actor: Actor, filter: AuditFilter): Promise<{ rows: number; chunks: AsyncGenerator<string> }> {
      const upTo = await lastAuditId(deps.db);
      const rows = await countAudit(deps.db, filter, upTo);
      const shown = Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
      await service.record(actor, { action: 'audit.export', entityType: 'audit', details: { filter: shown, rows, format: 'csv' } });
      async function* chunks() {
        yield BOM + csvLine([...CSV_COLUMNS]);
        for await (const batch of iterateAudit(deps.db, filter, upTo)) {
          const entries = await present(batch);
          yield entries
            .map((e) =>
              csvLine([e.at, e.actorId, e.actorName, e.actorRole, e.action, e.entityType, e.entityId, e.entityLabel, e.ip, JSON.stringify(e.details)]),
            )
            .join('');
        }
      }
      return { rows, chunks: chunks() };
    },
  };
  return service;
}
