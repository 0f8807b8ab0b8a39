/** Queries on the sources tables. Every function takes the database or a transaction. */
import { and, asc, count, desc, eq, inArray, like, lt, lte, min, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { consumedEvents, externalUsers, outbox, syncRuns, syncState } from './sources.tables.js';

export type SyncStateRow = typeof syncState.$inferSelect;
export type SyncRunRow = typeof syncRuns.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type ExternalUserRow = typeof externalUsers.$inferSelect;

// ---- sync_state ----

export async function findState(db: Db, source: string): Promise<SyncStateRow | undefined> {
  const [row] = await db.select().from(syncState).where(eq(syncState.source, source));
  return row;
}

export async function listStates(db: Db): Promise<SyncStateRow[]> {
  return db.select().from(syncState);
}

export async function ensureState(db: Db, source: string): Promise<void> {
  await db.insert(syncState).values({ source }).onConflictDoNothing();
}

/**
 * Marks the source running unless another run (any node) holds it. A run refreshes updated_at
 * after every page; one silent for longer than `staleBefore` is taken to have died.
 */
export async function claimRun(db: Db, source: string, now: Date, staleBefore: Date): Promise<boolean> {
  await ensureState(db, source);
  const rows = await db
    .update(syncState)
    .set({ status: 'running', lastRunAt: now, updatedAt: now })
    .where(and(eq(syncState.source, source), or(ne(syncState.status, 'running'), lt(syncState.updatedAt, staleBefore))))
    .returning({ source: syncState.source });
  return rows.length === 1;
}

export async function updateState(db: Db, source: string, values: Partial<typeof syncState.$inferInsert> & { updatedAt: Date }): Promise<void> {
  await ensureState(db, source);
  await db.update(syncState).set(values).where(eq(syncState.source, source));
}

// ---- sync_runs ----

export async function insertRun(db: Db, values: typeof syncRuns.$inferInsert): Promise<SyncRunRow> {
  const [row] = await db.insert(syncRuns).values(values).returning();
  if (!row) throw new Error('sync run not stored');
  return row;
}

export async function updateRun(db: Db, id: string, values: Partial<typeof syncRuns.$inferInsert>): Promise<void> {
  await db.update(syncRuns).set(values).where(eq(syncRuns.id, id));
}

/** Runs left `running` by a process that died: closed as failed when their source is claimed again. */
export async function closeAbandonedRuns(db: Db, source: string, now: Date): Promise<void> {
  await db
    .update(syncRuns)
    .set({ status: 'failed', error: 'interrupted (the process running it stopped)', finishedAt: now })
    .where(and(eq(syncRuns.source, source), eq(syncRuns.status, 'running')));
}

export async function listRuns(db: Db, source: string, limit: number): Promise<SyncRunRow[]> {
  return db.select().from(syncRuns).where(eq(syncRuns.source, source)).orderBy(desc(syncRuns.startedAt)).limit(limit);
}

// ---- outbox ----

/** Inserts a message once per (topic, key); false when it was already there. */
export async function insertOutbox(
  db: Db,
  values: { topic: string; key: string; payload: Record<string, unknown>; leadId: string; nextAttemptAt: Date; createdAt: Date },
): Promise<boolean> {
  const rows = await db.insert(outbox).values(values).onConflictDoNothing().returning({ id: outbox.id });
  return rows.length === 1;
}

/**
 * Takes up to `limit` due messages of a topic family and hides them from other workers until
 * `leaseUntil` (SKIP LOCKED, so two nodes never send the same message at once).
 */
export async function claimDueOutbox(db: Db, topicPrefix: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), like(outbox.topic, `${topicPrefix}%`), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db.update(outbox).set({ nextAttemptAt: leaseUntil }).where(inArray(outbox.id, due)).returning();
  return rows.sort((a, b) => a.id - b.id);
}

export async function markDelivered(db: Db, id: number, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'delivered', deliveredAt: now, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(eq(outbox.id, id));
}

export async function markFailed(db: Db, id: number, error: string, nextAttemptAt: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error, nextAttemptAt })
    .where(eq(outbox.id, id));
}

export async function findOutbox(db: Db, topic: string, key: string): Promise<OutboxRow | undefined> {
  const [row] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.topic, topic), eq(outbox.key, key)));
  return row;
}

export async function outboxStats(db: Db) {
  const byStatus = await db
    .select({ status: outbox.status, n: count(), oldest: min(outbox.createdAt) })
    .from(outbox)
    .groupBy(outbox.status);
  const [failing] = await db
    .select({ lastError: outbox.lastError })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), sql`${outbox.lastError} is not null`))
    .orderBy(desc(outbox.nextAttemptAt))
    .limit(1);
  const pending = byStatus.find((r) => r.status === 'pending');
  return {
    pending: Number(pending?.n ?? 0),
    delivered: Number(byStatus.find((r) => r.status === 'delivered')?.n ?? 0),
    oldestPending: pending?.oldest ? new Date(pending.oldest) : null,
    lastError: failing?.lastError ?? null,
  };
}

// ---- external_users ----

export async function upsertExternalUsers(db: Db, source: string, items: { externalId: string; name: string | null; email: string | null }[], now: Date) {
  if (items.length === 0) return;
  await db
    .insert(externalUsers)
    .values(items.map((i) => ({ source, ...i, updatedAt: now })))
    .onConflictDoUpdate({
      target: [externalUsers.source, externalUsers.externalId],
      set: { name: sql`excluded.name`, email: sql`excluded.email`, updatedAt: now },
    });
}

export async function listExternalUsers(db: Db, source: string): Promise<ExternalUserRow[]> {
  return db.select().from(externalUsers).where(eq(externalUsers.source, source)).orderBy(asc(externalUsers.name), asc(externalUsers.externalId));
}

export async function findExternalUser(db: Db, source: string, externalId: string): Promise<ExternalUserRow | undefined> {
  const [row] = await db
    .select()
    .from(externalUsers)
    .where(and(eq(externalUsers.source, source), eq(externalUsers.externalId, externalId)));
  return row;
}

export async function linkExternalUser(db: Db, source: string, externalId: string, userId: string | null, now: Date): Promise<ExternalUserRow | undefined> {
  const [row] = await db
    .update(externalUsers)
    .set({ userId, updatedAt: now })
    .where(and(eq(externalUsers.source, source), eq(externalUsers.externalId, externalId)))
    .returning();
  return row;
}

/** External id -> linked TeleHub user id, for the given external ids. */
export async function linkedUsers(db: Db, source: string, externalIds: string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .select({ externalId: externalUsers.externalId, userId: externalUsers.userId })
    .from(externalUsers)
    .where(and(eq(externalUsers.source, source), inArray(externalUsers.externalId, [...new Set(externalIds)])));
  return new Map(rows.flatMap((r) => (r.userId ? [[r.externalId, r.userId] as const] : [])));
}

// ---- consumed_events ----

export async function isConsumed(db: Db, source: string, eventId: string): Promise<boolean> {
  const rows = await db
    .select({ eventId: consumedEvents.eventId })
    .from(consumedEvents)
    .where(and(eq(consumedEvents.source, source), eq(consumedEvents.eventId, eventId)));
  return rows.length > 0;
}

export async function markConsumed(db: Db, source: string, eventId: string, now: Date): Promise<void> {
  await db.insert(consumedEvents).values({ source, eventId, consumedAt: now }).onConflictDoNothing();
}
