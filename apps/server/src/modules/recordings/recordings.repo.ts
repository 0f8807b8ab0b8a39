import { and, asc, eq, gt, isNull, ne, or } from 'drizzle-orm';
import { type Db, idIn } from '../../platform/db/client.js';
import { isForeignKeyViolation } from '../../platform/db/errors.js';
import { RecordingErrors } from './recordings.errors.js';
// The recordings table is declared with the call tables; this module is the only one that queries it.
import { recordings } from './recordings.tables.js';

export type RecordingRow = typeof recordings.$inferSelect;
export type RecordingValues = Omit<typeof recordings.$inferInsert, 'createdAt'>;

export async function findRecording(db: Db, callId: string): Promise<RecordingRow | undefined> {
  const [row] = await db.select().from(recordings).where(eq(recordings.callId, callId));
  return row;
}

/** True when the row was inserted; false when the call already has one. */
export async function insertRecordingIfAbsent(db: Db, values: RecordingValues): Promise<boolean> {
  try {
    const rows = await db.insert(recordings).values(values).onConflictDoNothing({ target: recordings.callId }).returning({ callId: recordings.callId });
    return rows.length === 1;
  } catch (err) {
    if (isForeignKeyViolation(err)) throw RecordingErrors.RECORDING_CALL_NOT_FOUND(`There is no call ${values.callId} to keep a recording for`);
    throw err;
  }
}

/** Points the row at a new object only if it still points at `expectedObjectKey` (compare-and-set). */
export async function replaceRecordingIf(db: Db, values: RecordingValues, expectedObjectKey: string): Promise<boolean> {
  const { callId, ...set } = values;
  const rows = await db
    .update(recordings)
    .set(set)
    .where(and(eq(recordings.callId, callId), eq(recordings.objectKey, expectedObjectKey)))
    .returning({ callId: recordings.callId });
  return rows.length === 1;
}

export async function deleteRecordingIf(db: Db, callId: string, expectedObjectKey: string): Promise<boolean> {
  const rows = await db
    .delete(recordings)
    .where(and(eq(recordings.callId, callId), eq(recordings.objectKey, expectedObjectKey)))
    .returning({ callId: recordings.callId });
  return rows.length === 1;
}

/**
 * Rows under any key but `keyId`, or sealed before files had keys of their own, in call id order
 * after `afterCallId` (keyset paging).
 */
export async function listNotUnderKey(db: Db, keyId: string, afterCallId: string | undefined, limit: number): Promise<RecordingRow[]> {
  const notCurrent = or(ne(recordings.keyId, keyId), isNull(recordings.wrappedKey));
  return db
    .select()
    .from(recordings)
    .where(afterCallId ? and(notCurrent, gt(recordings.callId, afterCallId)) : notCurrent)
    .orderBy(asc(recordings.callId))
    .limit(limit);
}

/** Blanks the wrapped keys of these calls' recordings (see recordings.envelope.ts); returns how many. */
export async function destroyKeys(db: Db, callIds: string[]): Promise<number> {
  if (callIds.length === 0) return 0;
  const rows = await db.update(recordings).set({ wrappedKey: '' }).where(idIn(recordings.callId, callIds)).returning({ callId: recordings.callId });
  return rows.length;
}
