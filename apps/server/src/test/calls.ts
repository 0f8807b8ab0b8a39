/** Call rows written as the call flow writes them, for tests that drive the floor event by event. */
import { eq } from 'drizzle-orm';
import { calls } from '../modules/calls/calls.tables.js';
import type { Db } from '../platform/db/client.js';

export type CallValues = Partial<typeof calls.$inferInsert>;

/** Inserts a call (id null) or updates one; answers its id. */
export async function writeCall(db: Db, id: string | null, values: CallValues & { updatedAt: Date }): Promise<string> {
  const [row] = id
    ? await db.update(calls).set(values).where(eq(calls.id, id)).returning({ id: calls.id })
    : await db
        .insert(calls)
        .values({ provider: 'simulator', leadId: '', createdAt: values.updatedAt, startedAt: values.updatedAt, ...values })
        .returning({ id: calls.id });
  if (!row) throw new Error(`no call ${id}`);
  return row.id;
}
