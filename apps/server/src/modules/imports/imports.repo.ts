import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { importRejects, imports } from './imports.tables.js';

export type ImportRow = typeof imports.$inferSelect;
export type Reject = { row: number; reason: string; data: Record<string, string> };

export async function insertImport(db: Db, values: typeof imports.$inferInsert): Promise<ImportRow> {
  const [row] = await db.insert(imports).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findImport(db: Db, id: string): Promise<ImportRow | undefined> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row;
}

export async function updateImport(db: Db, id: string, values: Partial<typeof imports.$inferInsert>) {
  await db.update(imports).set(values).where(eq(imports.id, id));
}

export async function listImports(db: Db, kind: string, limit: number) {
  return db.select().from(imports).where(eq(imports.kind, kind)).orderBy(desc(imports.createdAt)).limit(limit);
}

export async function unfinishedImports(db: Db): Promise<ImportRow[]> {
  return db
    .select()
    .from(imports)
    .where(inArray(imports.status, ['queued', 'running']));
}

export async function insertRejects(db: Db, importId: string, rejects: Reject[]) {
  if (rejects.length === 0) return;
  await db.execute(sql`
    insert into import_rejects (import_id, row, reason, data)
    select ${importId}::uuid, x.row, x.reason, x.data
    from jsonb_to_recordset(${JSON.stringify(rejects)}::jsonb) as x(row int, reason text, data jsonb)
    on conflict do nothing`);
}

export async function clearRejects(db: Db, importId: string) {
  await db.delete(importRejects).where(eq(importRejects.importId, importId));
}

export async function rejectsPage(db: Db, importId: string, limit: number, afterRow = 0) {
  return db
    .select({ row: importRejects.row, reason: importRejects.reason, data: importRejects.data })
    .from(importRejects)
    .where(and(eq(importRejects.importId, importId), sql`${importRejects.row} > ${afterRow}`))
    .orderBy(importRejects.row)
    .limit(limit);
}

export async function addCounts(db: Db, id: string, d: { created: number; merged: number; rejected: number }) {
  await db.execute(sql`
    update imports set created = created + ${d.created}, merged = merged + ${d.merged}, rejected = rejected + ${d.rejected}
    where id = ${id}`);
}
