import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import { refreshTokens } from './auth.tables.js';

export type RefreshRow = typeof refreshTokens.$inferSelect;

export async function insertRefreshToken(db: Db, values: typeof refreshTokens.$inferInsert) {
  await db.insert(refreshTokens).values(values);
}

export async function findRefreshToken(db: Db, tokenHash: string): Promise<RefreshRow | undefined> {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
  return row;
}

/** Marks a token rotated only if nobody rotated it first; false means we lost the race. */
export async function markRotated(db: Db, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(refreshTokens)
    .set({ rotatedAt: at })
    .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length === 1;
}

/**
 * The sessions among `familyIds` still open: a family whose tokens are all revoked (sign-out,
 * reuse, password change, deactivation) has ended, and so have the access tokens it issued.
 */
export async function openFamilies(db: Db, familyIds: string[]): Promise<Set<string>> {
  if (familyIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(and(inArray(refreshTokens.familyId, familyIds), isNull(refreshTokens.revokedAt)));
  return new Set(rows.map((r) => r.familyId));
}

export async function familyBelongsTo(db: Db, familyId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.familyId, familyId), eq(refreshTokens.userId, userId)))
    .limit(1);
  return row !== undefined;
}

export async function revokeFamily(db: Db, familyId: string, at: Date) {
  await db
    .update(refreshTokens)
    .set({ revokedAt: at })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function revokeAllForUser(db: Db, userId: string, at: Date) {
  await db
    .update(refreshTokens)
    .set({ revokedAt: at })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

export async function deleteExpired(db: Db, before: Date) {
  await db.delete(refreshTokens).where(or(lt(refreshTokens.expiresAt, before), lt(refreshTokens.revokedAt, before)));
}

/**
 * Of the session ids held open (websockets), those that have ended: one statement that answers
 * only the ended ones (usually none), however many sockets are open.
 */
export async function endedFamilies(db: Db, familyIds: readonly string[]): Promise<Set<string>> {
  if (familyIds.length === 0) return new Set();
  const rows = rowsOf<{ sid: string }>(
    await db.execute(sql`
      select w.sid::text as sid from jsonb_array_elements_text(${JSON.stringify([...new Set(familyIds)])}::jsonb) as w(sid)
      where not exists (select 1 from ${refreshTokens} r where r.family_id = w.sid::uuid and r.revoked_at is null)`),
  );
  return new Set(rows.map((r) => r.sid));
}
