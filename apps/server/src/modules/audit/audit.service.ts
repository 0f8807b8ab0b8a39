import type { Actor, Clock } from '../../platform/context.js';
import { isSystem } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { type AuditFilter, insertAudit, listAudit } from './audit.repo.js';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
};

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService(deps: { db: Db; clock: Clock }) {
  return {
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

    async list(filter: AuditFilter, page: number, pageSize: number) {
      const { items, total } = await listAudit(deps.db, filter, pageSize, (page - 1) * pageSize);
      return {
        items: items.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorId: r.actorId,
          actorRole: r.actorRole,
          action: r.action,
          entityType: r.entityType,
          entityId: r.entityId,
          ip: r.ip,
          details: r.details,
        })),
        total,
        page,
        pageSize,
      };
    },
  };
}
