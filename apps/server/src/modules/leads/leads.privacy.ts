/**
 * The lead base as a holder of a person's data, and the person's rights over all of it: what
 * every holder keeps (access) and erasure across every holder. Merging moves the timeline and
 * identities here too, so a merge moves everything through the same holders.
 */
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { idIn } from '../../platform/db/client.js';
import { CommonErrors } from '../../platform/errors.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import { normalizePhone } from '../../platform/phone.js';
import type { AuditService } from '../audit/index.js';
import { LeadErrors } from './leads.errors.js';
import type { LeadDataHolder, LeadDataHolders, LeadRef } from './leads.holders.js';
import { leadsPolicy } from './leads.policy.js';
import * as repo from './leads.repo.js';
import { activities, duplicateDismissals, leadIdentities, leadMerges, leadStaging, leads } from './leads.tables.js';

type MovedRows = { activities: string[]; identities: string[] };

/** The leads module's own holder: the lead row, its timeline, identities, merges, dismissed pairs and staged rows. */
export function createLeadsHolder(deps: { db: Db; clock: Clock }): LeadDataHolder {
  return {
    name: 'leads',
    tables: ['leads', 'lead_identities', 'activities', 'lead_merges', 'lead_duplicate_dismissals', 'import_rows'],

    async move(tx, fromId, toId): Promise<MovedRows> {
      const moved = await tx.update(activities).set({ leadId: toId }).where(eq(activities.leadId, fromId)).returning({ id: activities.id });
      const ids = await tx.update(leadIdentities).set({ leadId: toId }).where(eq(leadIdentities.leadId, fromId)).returning({ id: leadIdentities.id });
      return { activities: moved.map((r) => r.id), identities: ids.map((r) => r.id) };
    },

    async restore(tx, undo, fromId) {
      const u = undo as MovedRows;
      if (u.activities.length) await tx.update(activities).set({ leadId: fromId }).where(idIn(activities.id, u.activities));
      if (u.identities.length) await tx.update(leadIdentities).set({ leadId: fromId }).where(idIn(leadIdentities.id, u.identities));
    },

    async export(lead) {
      return {
        timeline: (await repo.listActivities(deps.db, lead.id, undefined, 10_000)).map((a) => ({
          type: a.type,
          body: a.body,
          data: a.data,
          createdAt: a.createdAt.toISOString(),
        })),
        identities: (await repo.identitiesOf(deps.db, [lead.id])).map((i) => ({
          source: i.source,
          externalId: i.externalId,
          firstSeenAt: i.firstSeenAt.toISOString(),
        })),
      };
    },

    async erase(tx, lead) {
      const now = deps.clock.now();
      await tx.delete(activities).where(eq(activities.leadId, lead.id));
      await tx.delete(leadIdentities).where(eq(leadIdentities.leadId, lead.id));
      // Merge snapshots and dismissed pairs hold copies of the lead: an erased lead cannot be un-merged.
      await tx.delete(leadMerges).where(or(eq(leadMerges.survivorId, lead.id), eq(leadMerges.mergedId, lead.id)));
      await tx.delete(duplicateDismissals).where(or(eq(duplicateDismissals.leadA, lead.id), eq(duplicateDismissals.leadB, lead.id)));
      await tx.delete(leadStaging).where(eq(leadStaging.phone, lead.phone));
      await tx
        .update(leads)
        .set({
          name: 'Erased',
          phone: '',
          email: null,
          score: null,
          language: null,
          city: null,
          tags: [],
          metadata: {},
          fieldUpdatedAt: {},
          originExternalId: null,
          dndCategories: null,
          erasedAt: now,
          deletedAt: sql`coalesce(${leads.deletedAt}, ${now}::timestamptz)`,
          updatedAt: now,
        })
        .where(eq(leads.id, lead.id));
    },
  };
}

export function createLeadPrivacy(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  holders: LeadDataHolders;
  events: Pick<DomainEventOutbox, 'flush'>;
}) {
  const { db } = deps;

  /** The lead and every lead merged into it (their data now belongs to the same person). */
  async function family(id: string): Promise<repo.LeadRow[]> {
    const first = await repo.findLead(db, id);
    if (!first) throw LeadErrors.LEAD_NOT_FOUND();
    const out = [first];
    let frontier = [first.id];
    while (frontier.length > 0) {
      const next = await db.select().from(leads).where(inArray(leads.mergedIntoId, frontier));
      out.push(...next);
      frontier = next.map((l) => l.id);
    }
    return out;
  }

  const refOf = (r: repo.LeadRow): LeadRef => ({ id: r.id, phone: r.phone, email: r.email });
  const allowed = (actor: Actor) => {
    if (!leadsPolicy.privacy(actor)) throw CommonErrors.FORBIDDEN('Only admins act on a person’s data rights');
  };

  return {
    /**
     * The live lead with this phone number, typed in any form (normalized to E.164 first), for a
     * request made by phone; its id and the normalized number. LEAD_NOT_FOUND when no live lead has it.
     */
    async findByPhone(actor: Actor, phone: string): Promise<{ id: string; phone: string }> {
      allowed(actor);
      const r = normalizePhone(phone);
      if (!r.ok) throw LeadErrors.LEAD_PHONE_INVALID(`phone: ${r.reason}`);
      const row = await repo.findLiveLeadByPhone(db, r.e164);
      if (!row) throw LeadErrors.LEAD_NOT_FOUND(`No lead has the number ${r.e164}`);
      return { id: row.id, phone: r.e164 };
    },

    /** Whether the lead was erased (it then answers 404 everywhere; a request about it stays closed). */
    async isErased(id: string): Promise<boolean> {
      const row = await repo.findLead(db, id);
      return row?.erasedAt != null;
    },

    /**
     * Everything TeleHub keeps about the person behind a lead (and the leads merged into it), by
     * holder: what an access request answers. Audited.
     */
    async exportData(actor: Actor, id: string) {
      allowed(actor);
      const rows = await family(id);
      const data: Record<string, unknown>[] = [];
      for (const r of rows) {
        const held: Record<string, unknown> = {};
        for (const h of deps.holders.all()) held[h.name] = await h.export(refOf(r));
        data.push({
          lead: {
            id: r.id,
            name: r.name,
            phone: r.phone,
            email: r.email,
            city: r.city,
            language: r.language,
            status: r.status,
            tags: r.tags,
            metadata: r.metadata,
            createdAt: r.createdAt.toISOString(),
            mergedIntoId: r.mergedIntoId,
          },
          ...held,
        });
      }
      await deps.audit.record(actor, { action: 'lead.data_export', entityType: 'lead', entityId: id, details: { leads: rows.length } });
      return { exportedAt: deps.clock.now().toISOString(), leads: data };
    },

    /**
     * Erases the person behind a lead, and behind every lead merged into it, from every holder in
     * one transaction: afterwards the lead answers 404, its calls keep no name, number or words,
     * its recordings are gone. The audit log keeps that it happened, and by whom. `inTransaction`
     * runs first in the same transaction, with every erased lead's phone and email still there.
     */
    async erase(actor: Actor, id: string, opts: { inTransaction?: (tx: Db, people: LeadRef[]) => Promise<void> } = {}): Promise<{ leads: number }> {
      allowed(actor);
      const rows = await family(id);
      // The lead base's own holder last: the others may still look the lead up.
      const holders = [...deps.holders.all()].sort((a, b) => Number(a.name === 'leads') - Number(b.name === 'leads'));
      await db.transaction(async (tx) => {
        // The caller's checks and records (a legal hold, the tombstone) commit or fail with the erasure.
        if (opts.inTransaction) await opts.inTransaction(tx, rows.map(refOf));
        for (const r of rows) for (const h of holders) await h.erase(tx, refOf(r));
        await deps.audit.record(
          actor,
          { action: 'lead.erase', entityType: 'lead', entityId: id, details: { leads: rows.length, holders: holders.map((h) => h.name) } },
          tx,
        );
      });
      // Files (recordings) go in reactions to the events the holders recorded.
      await deps.events.flush();
      return { leads: rows.length };
    },
  };
}
