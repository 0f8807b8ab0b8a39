import { and, desc, eq, gte, like, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { auditLog } from './audit.tables.js';

export type AuditInsert = typeof auditLog.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;

export async function insertAudit(db: Db, rows: AuditInsert[]): Promise<void> {
  if (rows.length > 0) await db.insert(auditLog).values(rows);
}

export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  /** Every action of an area: `lead` matches `lead.read`, `lead.update`, … */
  group?: string;
  from?: Date;
  to?: Date;
};

function whereOf(f: AuditFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  // Group names are letters and underscores (validated): `_` is a LIKE wildcard, so escape it.
  if (f.group) {
    const group = or(eq(auditLog.action, f.group), like(auditLog.action, `${f.group.replaceAll('_', '\\_')}.%`));
    if (group) conds.push(group);
  }
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lt(auditLog.at, f.to));
  return conds.length > 0 ? and(...conds) : undefined;
}

export async function listAudit(db: Db, f: AuditFilter, limit: number, offset: number) {
  const where = whereOf(f);
  const [items, [count]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** How many entries match, up to entry `upTo` (as the export reads them). */
export async function countAudit(db: Db, f: AuditFilter, upTo: number): Promise<number> {
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(whereOf(f), lte(auditLog.id, upTo)));
  return count?.n ?? 0;
}

/** The newest entry's id: an export reads up to it, so entries written meanwhile stay out. */
export async function lastAuditId(db: Db): Promise<number> {
  const [row] = await db.select({ id: sql<number | null>`max(${auditLog.id})` }).from(auditLog);
  return Number(row?.id ?? 0);
}

/** Matching entries newest first, in keyset batches of `size` (constant memory), up to entry `upTo`. */
export async function* iterateAudit(db: Db, f: AuditFilter, upTo: number, size = 1000): AsyncGenerator<AuditRow[]> {
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    const conds = [whereOf(f), lte(auditLog.id, upTo)];
    if (after) conds.push(or(lt(auditLog.at, after.at), and(eq(auditLog.at, after.at), lt(auditLog.id, after.id))));
    const batch = await db
      .select()
      .from(auditLog)
      .where(and(...conds))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(size);
    if (batch.length === 0) return;
    yield batch;
    const last = batch[batch.length - 1];
    if (!last || batch.length < size) return;
    after = { at: last.at, id: last.id };
  }
}
