import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { assignmentRules } from './assignment.tables.js';

export type RuleRow = typeof assignmentRules.$inferSelect;

export const listRules = (db: Db) => db.select().from(assignmentRules).orderBy(asc(assignmentRules.priority), asc(assignmentRules.createdAt));

export async function findRule(db: Db, id: string): Promise<RuleRow | undefined> {
  const [r] = await db.select().from(assignmentRules).where(eq(assignmentRules.id, id));
  return r;
}

export async function insertRule(db: Db, values: typeof assignmentRules.$inferInsert): Promise<RuleRow> {
  const [r] = await db.insert(assignmentRules).values(values).returning();
  if (!r) throw new Error('insert returned no row');
  return r;
}

export async function updateRule(db: Db, id: string, values: Partial<typeof assignmentRules.$inferInsert>): Promise<RuleRow | undefined> {
  const [r] = await db.update(assignmentRules).set(values).where(eq(assignmentRules.id, id)).returning();
  return r;
}

export async function deleteRule(db: Db, id: string): Promise<boolean> {
  return (await db.delete(assignmentRules).where(eq(assignmentRules.id, id)).returning({ id: assignmentRules.id })).length === 1;
}
