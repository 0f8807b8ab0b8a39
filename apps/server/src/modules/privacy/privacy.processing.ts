/**
 * The processing log (DPDP Rules 6 and 8): who processed whose data, how and for what purpose:
 * exports, erasures, corrections, consent changes, listens to recordings. Entries are written in
 * the transaction of what they record and kept at least a year: pruning never reaches an entry
 * younger than 365 days, whatever it is asked.
 */
import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import { type Actor, type Clock, isSystem } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { processingLog } from './privacy.tables.js';

/** The floor of the log's retention, in days. */
export const PROCESSING_LOG_MIN_DAYS = 365;

/** `action` is snake_case (access_export, erasure, consent_withdraw...), apart from the audit log's dotted codes. */
export type ProcessingEntry = { leadId: string | null; action: string; purpose: string; details?: Record<string, unknown> };

type Row = typeof processingLog.$inferSelect;
const toDto = (r: Row) => ({
  id: r.id,
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorRole: r.actorRole,
  leadId: r.leadId,
  action: r.action,
  purpose: r.purpose,
  details: r.details,
});
export type ProcessingLogEntry = ReturnType<typeof toDto>;

export function createProcessingLog(deps: { db: Db; clock: Clock; keepDays: () => number }) {
  const { db } = deps;
  /** Writes an entry on `tx` (the transaction of the processing it records). */
  async function record(tx: Db, actor: Actor | null, e: ProcessingEntry): Promise<void> {
    await tx.insert(processingLog).values({
      at: deps.clock.now(),
      actorId: actor && !isSystem(actor) ? actor.id : null,
      actorRole: actor ? (isSystem(actor) ? 'system' : actor.role) : null,
      leadId: e.leadId,
      action: e.action,
      purpose: e.purpose,
      details: e.details ?? {},
    });
  }

  return {
    record,

    /** Writes an entry on its own (processing that has no transaction of its own to join). */
    async log(actor: Actor | null, e: ProcessingEntry): Promise<void> {
      await record(db, actor, e);
    },

    /** Entries, newest first, by lead and/or action. */
    async list(q: { leadId?: string; action?: string; page: number; pageSize: number }) {
      const where: SQL[] = [];
      if (q.leadId) where.push(eq(processingLog.leadId, q.leadId));
      if (q.action) where.push(eq(processingLog.action, q.action));
      const cond = where.length ? and(...where) : undefined;
      const rows = await db
        .select()
        .from(processingLog)
        .where(cond)
        .orderBy(desc(processingLog.at), desc(processingLog.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(processingLog).where(cond);
      return { items: rows.map(toDto), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /** An export of a person's entries (part of what an access request hands over). */
    async ofLead(leadId: string, tx: Db = db) {
      const rows = await tx.select().from(processingLog).where(eq(processingLog.leadId, leadId)).orderBy(desc(processingLog.at)).limit(5000);
      return rows.map(toDto);
    },

    /** Moves a merged lead's entries to the survivor (they are about the same person now). */
    async move(tx: Db, fromId: string, toId: string): Promise<string[]> {
      const rows = await tx.update(processingLog).set({ leadId: toId }).where(eq(processingLog.leadId, fromId)).returning({ id: processingLog.id });
      return rows.map((r) => r.id);
    },

    /** Deletes entries older than the configured period, never one younger than a year; returns how many. */
    async prune(): Promise<number> {
      const days = Math.max(PROCESSING_LOG_MIN_DAYS, deps.keepDays());
      const before = new Date(deps.clock.now().getTime() - days * 86_400_000);
      const gone = await db.delete(processingLog).where(lt(processingLog.at, before)).returning({ id: processingLog.id });
      return gone.length;
    },
  };
}

export type ProcessingLog = ReturnType<typeof createProcessingLog>;
