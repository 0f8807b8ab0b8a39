/**
 * Records from outside systems (the CRM, its database, its event queue) applied to the lead base.
 * A record is matched by its identity (source + external id), then by phone, then by email.
 * Changes made in the source apply (last change wins), except a field edited in TeleHub after the
 * source's updated_at: that local edit is kept.
 */
import { LEAD_STATUSES, type LeadStatus, leadMetadataProblem } from '@telehub/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import { sameJson } from '../../platform/json.js';
import { normalizePhone } from '../../platform/phone.js';
import type { AuditService } from '../audit/index.js';
import type { LeadInsert, LeadRow } from './leads.repo.js';
import * as repo from './leads.repo.js';
import { liveLeadByEmail, normalizeEmail } from './leads.rules.js';
import { leadIdentities, leads } from './leads.tables.js';

export const SYNCED_FIELDS = ['name', 'phone', 'email', 'status', 'score', 'language', 'city', 'tags'] as const;
export type SyncedField = (typeof SYNCED_FIELDS)[number];

export type SourceRecord = {
  source: string;
  externalId: string;
  /** Only the fields the source provides; undefined means "not provided", null means "empty in the source". */
  fields: Partial<{
    name: string | null;
    phone: string | null;
    email: string | null;
    status: string | null;
    score: number | null;
    language: string | null;
    city: string | null;
    tags: string[];
  }>;
  /** Everything else the source sends, kept under metadata[source]. */
  extra?: Record<string, unknown>;
  /** When the source last changed the record; compared with TeleHub's own edits. */
  sourceUpdatedAt: Date;
  /** Owner from a linked source user; applied only to a lead that has no owner. */
  ownerId?: string | null;
};

export type IngestOutcome = {
  externalId: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'rejected';
  leadId?: string;
  reason?: string;
  /** Fields the source changed but TeleHub kept, because it edited them later. */
  keptLocal?: SyncedField[];
};

const isStatus = (v: unknown): v is LeadStatus => typeof v === 'string' && (LEAD_STATUSES as readonly string[]).includes(v);

/** When the source's version of a record was last applied (kept on its identity). */
const appliedAt = (data: Record<string, unknown> | undefined) => (typeof data?.sourceUpdatedAt === 'string' ? new Date(data.sourceUpdatedAt) : undefined);

async function findMatch(
  tx: Db,
  r: SourceRecord,
  phone: string | undefined,
  email: string | undefined,
): Promise<(LeadRow & { identityData?: Record<string, unknown> }) | undefined> {
  const [byIdentity] = await tx
    .select({ lead: leads, data: leadIdentities.data })
    .from(leadIdentities)
    .innerJoin(leads, eq(leads.id, leadIdentities.leadId))
    .where(and(eq(leadIdentities.source, r.source), eq(leadIdentities.externalId, r.externalId), isNull(leads.deletedAt)));
  if (byIdentity) return { ...byIdentity.lead, identityData: byIdentity.data };
  if (phone) {
    const byPhone = await repo.findLiveLeadByPhone(tx, phone);
    if (byPhone) return byPhone;
  }
  if (email) return liveLeadByEmail(tx, email);
  return undefined;
}

export function createIngest(deps: { db: Db; clock: Clock; audit: Pick<AuditService, 'record'>; events: Pick<DomainEventOutbox, 'emit' | 'flush'> }) {
  /** Applies one record inside `tx`. Never throws for bad data: it answers `rejected` with a reason. */
  async function applyOne(tx: Db, actor: Actor, r: SourceRecord): Promise<IngestOutcome> {
    const now = deps.clock.now();
    let phone: string | undefined;
    let phoneProblem: string | undefined;
    if (r.fields.phone) {
      const p = normalizePhone(r.fields.phone);
      if (p.ok) phone = p.e164;
      else phoneProblem = p.reason;
    }
    const email = r.fields.email ? normalizeEmail(r.fields.email) : undefined;
    const status = isStatus(r.fields.status) ? r.fields.status : undefined;
    const current = await findMatch(tx, r, phone, email);
    // Events arrive late and out of order: a version older than the one applied changes nothing.
    const lastApplied = appliedAt(current?.identityData);
    if (current && lastApplied && lastApplied > r.sourceUpdatedAt) {
      return { externalId: r.externalId, outcome: 'unchanged', leadId: current.id, reason: 'older than the version already applied' };
    }
    const extra = r.extra && Object.keys(r.extra).length > 0 ? { [r.source]: r.extra } : {};
    // The source's extra fields are the record's: over the limits, the whole record is refused.
    const extraProblem = leadMetadataProblem(extra);
    if (extraProblem) return { externalId: r.externalId, outcome: 'rejected', reason: extraProblem };

    if (!current) {
      if (!phone) return { externalId: r.externalId, outcome: 'rejected', reason: phoneProblem ?? 'phone is missing' };
      const name = r.fields.name?.trim();
      if (!name) return { externalId: r.externalId, outcome: 'rejected', reason: 'name is missing' };
      const row = await repo.insertLead(tx, {
        name,
        phone,
        email: email ?? null,
        status: status ?? 'new',
        score: r.fields.score ?? null,
        language: r.fields.language ?? null,
        city: r.fields.city ?? null,
        tags: [...new Set(r.fields.tags ?? [])],
        metadata: extra,
        ownerId: r.ownerId ?? null,
        assignedAt: r.ownerId ? now : null,
        originSource: r.source,
        originExternalId: r.externalId,
        createdAt: now,
        updatedAt: now,
      });
      await repo.touchIdentity(tx, { leadId: row.id, source: r.source, externalId: r.externalId, sourceUpdatedAt: r.sourceUpdatedAt, now });
      await repo.insertActivities(tx, [
        { leadId: row.id, type: 'created', actorId: actorRef(actor), data: { source: r.source, externalId: r.externalId }, createdAt: now },
      ]);
      return { externalId: r.externalId, outcome: 'created', leadId: row.id };
    }

    const next: Partial<LeadInsert> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const keptLocal: SyncedField[] = [];
    const incoming: Partial<Record<SyncedField, unknown>> = {
      ...(r.fields.name?.trim() ? { name: r.fields.name.trim() } : {}),
      ...(phone ? { phone } : {}),
      ...(r.fields.email !== undefined ? { email: email ?? null } : {}),
      ...(status ? { status } : {}),
      ...(r.fields.score !== undefined ? { score: r.fields.score } : {}),
      ...(r.fields.language !== undefined ? { language: r.fields.language } : {}),
      ...(r.fields.city !== undefined ? { city: r.fields.city } : {}),
      ...(r.fields.tags !== undefined ? { tags: [...new Set([...current.tags, ...r.fields.tags])] } : {}),
    };
    for (const [field, value] of Object.entries(incoming) as [SyncedField, unknown][]) {
      if (sameJson(current[field], value)) continue;
      const localEdit = current.fieldUpdatedAt[field];
      if (localEdit && new Date(localEdit) > r.sourceUpdatedAt) {
        keptLocal.push(field);
        continue;
      }
      if (field === 'phone' && typeof value === 'string') {
        const other = await repo.findLiveLeadByPhone(tx, value);
        if (other && other.id !== current.id) {
          keptLocal.push('phone');
          continue;
        }
      }
      (next as Record<string, unknown>)[field] = value;
      changes[field] = { from: current[field], to: value };
    }
    if (Object.keys(extra).length > 0) {
      const merged = { ...current.metadata, ...extra };
      const problem = leadMetadataProblem(merged);
      if (problem) return { externalId: r.externalId, outcome: 'rejected', leadId: current.id, reason: `${problem} (with the metadata the lead has)` };
      if (!sameJson(merged, current.metadata)) next.metadata = merged;
    }
    if (r.ownerId && !current.ownerId) {
      next.ownerId = r.ownerId;
      next.assignedAt = now;
      changes.ownerId = { from: null, to: r.ownerId };
    }
    await repo.touchIdentity(tx, { leadId: current.id, source: r.source, externalId: r.externalId, sourceUpdatedAt: r.sourceUpdatedAt, now });
    if (Object.keys(next).length === 0) return { externalId: r.externalId, outcome: 'unchanged', leadId: current.id, keptLocal };
    await repo.updateLeadRow(tx, current.id, { ...next, updatedAt: now });
    if (Object.keys(changes).length > 0) {
      await repo.insertActivities(tx, [
        {
          leadId: current.id,
          type: 'updated',
          actorId: actorRef(actor),
          data: { source: r.source, changes, ...(keptLocal.length ? { keptLocal } : {}) },
          createdAt: now,
        },
      ]);
    }
    return { externalId: r.externalId, outcome: 'updated', leadId: current.id, keptLocal };
  }

  return {
    /**
     * Applies records in one transaction each, so one bad record never loses the others and a
     * crash mid-batch leaves every applied record complete. Idempotent: a record applied twice
     * the second time answers `unchanged`.
     */
    async ingest(actor: Actor, records: SourceRecord[]): Promise<IngestOutcome[]> {
      const out: IngestOutcome[] = [];
      for (const r of records) {
        try {
          out.push(
            await deps.db.transaction(async (tx) => {
              const result = await applyOne(tx, actor, r);
              if (result.outcome === 'created' && result.leadId) {
                await deps.events.emit(tx, 'leads.arrived', { leadIds: [result.leadId], source: r.source });
              }
              if (result.outcome === 'created' || result.outcome === 'updated') {
                await deps.audit.record(
                  actor,
                  {
                    action: `lead.sync_${result.outcome}`,
                    entityType: 'lead',
                    entityId: result.leadId,
                    details: { source: r.source, externalId: r.externalId },
                  },
                  tx,
                );
              }
              return result;
            }),
          );
        } catch (err) {
          out.push({ externalId: r.externalId, outcome: 'rejected', reason: err instanceof Error ? err.message : String(err) });
        }
      }
      // The new leads' reactions (DND scrub, assignment) run once for the whole batch.
      if (out.some((o) => o.outcome === 'created')) await deps.events.flush();
      return out;
    },
  };
}
