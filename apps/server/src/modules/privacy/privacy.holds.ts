/**
 * Legal holds: an admin places one on a lead with a reason (a dispute, a regulator's inquiry, a
 * court order) and lifts it with another. While a hold stands, an erasure of the lead cannot
 * complete and the retention job leaves its data alone.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import { type Db, idIn } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { AuditService } from '../audit/index.js';
import type { LeadsService } from '../leads/index.js';
import { PrivacyErrors } from './privacy.errors.js';
import type { ProcessingLog } from './privacy.processing.js';
import { legalHolds } from './privacy.tables.js';

type Row = typeof legalHolds.$inferSelect;
export const toHoldDto = (r: Row) => ({
  id: r.id,
  leadId: r.leadId,
  reason: r.reason,
  placedBy: r.placedBy,
  placedAt: r.placedAt.toISOString(),
  liftedAt: r.liftedAt?.toISOString() ?? null,
  liftedBy: r.liftedBy,
  liftReason: r.liftReason,
});
export type HoldDto = ReturnType<typeof toHoldDto>;

export function createHolds(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  leads: Pick<LeadsService, 'get'>;
  processing: Pick<ProcessingLog, 'record'>;
}) {
  const { db } = deps;

  /** The active hold on a lead, if any. */
  async function activeOn(leadId: string, tx: Db = db): Promise<Row | undefined> {
    const [row] = await tx
      .select()
      .from(legalHolds)
      .where(and(eq(legalHolds.leadId, leadId), isNull(legalHolds.liftedAt)));
    return row;
  }

  return {
    activeOn,

    /** The leads among `ids` (all leads when omitted) under an active hold. */
    async heldLeadIds(tx: Db = db): Promise<string[]> {
      return (await tx.select({ leadId: legalHolds.leadId }).from(legalHolds).where(isNull(legalHolds.liftedAt))).map((r) => r.leadId);
    },

    /** Active holds (or every hold, lifted too), newest first. */
    async list(q: { active: boolean; leadId?: string }) {
      const where = [q.active ? isNull(legalHolds.liftedAt) : undefined, q.leadId ? eq(legalHolds.leadId, q.leadId) : undefined].filter((w) => w !== undefined);
      const rows = await db
        .select()
        .from(legalHolds)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(legalHolds.placedAt))
        .limit(500);
      return { items: rows.map(toHoldDto) };
    },

    async place(actor: Actor, body: { leadId: string; reason: string }): Promise<HoldDto> {
      await deps.leads.get(actor, body.leadId);
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(legalHolds)
            .values({ leadId: body.leadId, reason: body.reason, placedBy: actorRef(actor), placedAt: deps.clock.now() })
            .returning();
          if (!row) throw new Error('insert into legal_holds returned nothing');
          await deps.audit.record(actor, { action: 'privacy.hold_place', entityType: 'lead', entityId: body.leadId, details: { reason: body.reason } }, tx);
          await deps.processing.record(tx, actor, { leadId: body.leadId, action: 'hold_place', purpose: 'legal_hold', details: { holdId: row.id } });
          return toHoldDto(row);
        });
      } catch (err) {
        if (isUniqueViolation(err, 'legal_holds_active_key')) throw PrivacyErrors.PRIVACY_HOLD_EXISTS();
        throw err;
      }
    },

    async lift(actor: Actor, id: string, reason: string): Promise<HoldDto> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(legalHolds)
          .set({ liftedAt: deps.clock.now(), liftedBy: actorRef(actor), liftReason: reason })
          .where(and(eq(legalHolds.id, id), isNull(legalHolds.liftedAt)))
          .returning();
        if (!row) throw PrivacyErrors.PRIVACY_HOLD_NOT_FOUND();
        await deps.audit.record(actor, { action: 'privacy.hold_lift', entityType: 'lead', entityId: row.leadId, details: { reason } }, tx);
        await deps.processing.record(tx, actor, { leadId: row.leadId, action: 'hold_lift', purpose: 'legal_hold', details: { holdId: row.id } });
        return toHoldDto(row);
      });
    },

    /** Holds move with a merged lead (the survivor is the same person); undone with the merge. */
    async move(tx: Db, fromId: string, toId: string): Promise<string[]> {
      // One active hold a lead: the survivor's own stands, the merged lead's is closed as merged.
      if (await activeOn(toId, tx))
        await tx
          .update(legalHolds)
          .set({ liftedAt: deps.clock.now(), liftReason: 'Merged into a lead under its own hold' })
          .where(and(eq(legalHolds.leadId, fromId), isNull(legalHolds.liftedAt)));
      const rows = await tx.update(legalHolds).set({ leadId: toId }).where(eq(legalHolds.leadId, fromId)).returning({ id: legalHolds.id });
      return rows.map((r) => r.id);
    },
    async restore(tx: Db, ids: string[], fromId: string): Promise<void> {
      if (ids.length) await tx.update(legalHolds).set({ leadId: fromId }).where(idIn(legalHolds.id, ids));
    },
    async ofLead(leadId: string) {
      return (await db.select().from(legalHolds).where(eq(legalHolds.leadId, leadId)).orderBy(desc(legalHolds.placedAt))).map(toHoldDto);
    },
  };
}

export type Holds = ReturnType<typeof createHolds>;
