/**
 * Possible duplicates (the same person with another number or spelling) and merging two leads
 * into one, explained before it happens and undoable after.
 *
 * A merge keeps the survivor's values, fills its blanks from the other lead, unions tags, keeps
 * the other's phone as an alternate number, moves everything of the other lead through the lead
 * data holders (timeline, identities, calls, callbacks, consents, campaign places...), and retires
 * the other lead.
 * The snapshot stored with the merge lets an undo put every piece back.
 */
import type { Lead } from '@telehub/shared';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import { type Db, idIn, rowsOf } from '../../platform/db/client.js';
import { sameJson } from '../../platform/json.js';
import type { AuditService } from '../audit/index.js';
import { LeadErrors } from './leads.errors.js';
import type { LeadDataHolders } from './leads.holders.js';
import type { LeadRow } from './leads.repo.js';
import * as repo from './leads.repo.js';
import { FILL_FIELDS, unitedMetadata } from './leads.rules.js';
import { activities, duplicateDismissals, leadIdentities, leadMerges, leads } from './leads.tables.js';

/** The fields a merge fills (leads.rules), and the owner: a lead nobody owned takes the other's. */
const FILLABLE = [...FILL_FIELDS, 'ownerId'] as const;
type Fillable = (typeof FILLABLE)[number];

export type MergePlan = {
  survivor: { id: string; name: string; phone: string };
  merged: { id: string; name: string; phone: string };
  fields: { field: string; survivor: unknown; other: unknown; result: unknown; action: 'keep' | 'fill' | 'union' | 'alternate' }[];
  moves: { activities: number; identities: number };
};

export type DuplicatePair = {
  a: { id: string; name: string; phone: string; email: string | null; city: string | null; createdAt: string };
  b: { id: string; name: string; phone: string; email: string | null; city: string | null; createdAt: string };
  reasons: ('same_email' | 'same_name_city')[];
};

const norm = (v: string) => v.toLowerCase().replace(/\s+/g, ' ').trim();

function plan(survivor: LeadRow, other: LeadRow, counts: { activities: number; identities: number }): MergePlan {
  const fields: MergePlan['fields'] = [];
  fields.push({ field: 'name', survivor: survivor.name, other: other.name, result: survivor.name, action: 'keep' });
  fields.push({ field: 'phone', survivor: survivor.phone, other: other.phone, result: survivor.phone, action: 'alternate' });
  for (const f of FILLABLE) {
    const s = survivor[f];
    const o = other[f];
    const fill = (s === null || s === undefined) && o !== null && o !== undefined;
    fields.push({ field: f, survivor: s, other: o, result: fill ? o : s, action: fill ? 'fill' : 'keep' });
  }
  const tags = [...new Set([...survivor.tags, ...other.tags])];
  fields.push({ field: 'tags', survivor: survivor.tags, other: other.tags, result: tags, action: 'union' });
  fields.push({ field: 'status', survivor: survivor.status, other: other.status, result: survivor.status, action: 'keep' });
  return {
    survivor: { id: survivor.id, name: survivor.name, phone: survivor.phone },
    merged: { id: other.id, name: other.name, phone: other.phone },
    fields,
    moves: counts,
  };
}

export type MergeDeps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  holders: LeadDataHolders;
  /** The leads among `ids` the actor may see (a manager: their teams' and the unassigned). */
  visibleIds: (actor: Actor, ids: string[]) => Promise<Set<string>>;
  /** The list scope of an actor (null: every lead). */
  listScope: (actor: Actor) => Promise<{ ownerIds: string[]; unowned: boolean } | null>;
};

export function createLeadMerges(deps: MergeDeps) {
  const { db, clock } = deps;

  /** Both leads must be ones the actor may see; one they may not answers like a missing one. */
  async function assertVisible(actor: Actor, ...ids: string[]) {
    const visible = await deps.visibleIds(actor, ids);
    if (!ids.every((id) => visible.has(id))) throw LeadErrors.LEAD_NOT_FOUND();
  }

  async function pair(tx: Db, id: string, otherId: string) {
    if (id === otherId) throw LeadErrors.LEAD_MERGE_SAME();
    const [survivor, other] = await Promise.all([repo.findLead(tx, id), repo.findLead(tx, otherId)]);
    if (!survivor || !other) throw LeadErrors.LEAD_NOT_FOUND();
    return { survivor, other };
  }

  async function counts(tx: Db, leadId: string) {
    const [r] = rowsOf<{ a: number; i: number }>(
      await tx.execute(sql`select (select count(*)::int from ${activities} where lead_id = ${leadId}) as a,
                                  (select count(*)::int from ${leadIdentities} where lead_id = ${leadId}) as i`),
    );
    return { activities: r?.a ?? 0, identities: r?.i ?? 0 };
  }

  return {
    async previewMerge(actor: Actor, id: string, otherId: string): Promise<MergePlan> {
      if (id !== otherId) await assertVisible(actor, id, otherId);
      const { survivor, other } = await pair(db, id, otherId);
      return plan(survivor, other, await counts(db, otherId));
    },

    async merge(actor: Actor, id: string, otherId: string): Promise<{ mergeId: string; plan: MergePlan }> {
      if (id !== otherId) await assertVisible(actor, id, otherId);
      const now = clock.now();
      return db.transaction(async (tx) => {
        // Lock both in id order, so two merges touching one lead cannot deadlock.
        await tx.execute(sql`select id from ${leads} where id in (${id}, ${otherId}) order by id for update`);
        const { survivor, other } = await pair(tx, id, otherId);
        const p = plan(survivor, other, await counts(tx, otherId));
        // Everything of the other lead moves: its timeline and identities, its calls, callbacks,
        // consents, campaign places, messages (every registered holder).
        const participants: Record<string, unknown> = {};
        for (const holder of deps.holders.all()) participants[holder.name] = await holder.move(tx, otherId, id);

        const next: Partial<repo.LeadInsert> = { updatedAt: now, tags: p.fields.find((f) => f.field === 'tags')?.result as string[] };
        for (const f of p.fields) if (f.action === 'fill') (next as Record<string, unknown>)[f.field] = f.result;
        const alternates = new Set<string>([...((survivor.metadata.alternatePhones as string[] | undefined) ?? []), other.phone]);
        next.metadata = unitedMetadata({ ...survivor.metadata, alternatePhones: [...alternates] }, other.metadata);
        if (next.ownerId && !survivor.ownerId) next.assignedAt = now;
        await repo.updateLeadRow(tx, id, next);
        // The retired lead keeps its own origin as an identity of the survivor, so provenance is not lost.
        await repo.insertIdentity(tx, { leadId: id, source: other.originSource, externalId: other.originExternalId ?? `lead:${other.id}` });
        await tx.update(leads).set({ deletedAt: now, mergedIntoId: id, updatedAt: now }).where(eq(leads.id, otherId));
        const [m] = await tx
          .insert(leadMerges)
          .values({
            survivorId: id,
            mergedId: otherId,
            actorId: actorRef(actor),
            snapshot: { survivor: { ...survivor }, other: { ...other }, participants, plan: p },
          })
          .returning({ id: leadMerges.id });
        if (!m) throw new Error('merge row missing');
        await repo.insertActivities(tx, [
          {
            leadId: id,
            type: 'merged',
            actorId: actorRef(actor),
            data: {
              mergeId: m.id,
              otherId,
              otherName: other.name,
              otherPhone: other.phone,
              filled: p.fields.filter((f) => f.action === 'fill').map((f) => f.field),
            },
            createdAt: now,
          },
        ]);
        await deps.audit.record(actor, { action: 'lead.merge', entityType: 'lead', entityId: id, details: { mergeId: m.id, mergedId: otherId } }, tx);
        return { mergeId: m.id, plan: p };
      });
    },

    async undoMerge(actor: Actor, mergeId: string): Promise<{ survivorId: string; restoredId: string }> {
      const [found] = await db.select({ survivorId: leadMerges.survivorId }).from(leadMerges).where(eq(leadMerges.id, mergeId));
      if (!found) throw LeadErrors.MERGE_NOT_FOUND();
      if (!(await deps.visibleIds(actor, [found.survivorId])).has(found.survivorId)) throw LeadErrors.MERGE_NOT_FOUND();
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [m] = await tx.select().from(leadMerges).where(eq(leadMerges.id, mergeId)).for('update');
        if (!m) throw LeadErrors.MERGE_NOT_FOUND();
        if (m.undoneAt) throw LeadErrors.MERGE_ALREADY_UNDONE();
        const snap = m.snapshot as {
          survivor: Record<string, unknown>;
          other: Record<string, unknown>;
          /** Merges made before the holders moved everything kept these two lists. */
          movedActivities?: string[];
          movedIdentities?: string[];
          participants: Record<string, unknown>;
          plan: MergePlan;
        };
        const otherPhone = String(snap.other.phone);
        const holder = await repo.findLiveLeadByPhone(tx, otherPhone);
        if (holder && holder.id !== m.mergedId) throw LeadErrors.MERGE_UNDO_PHONE_TAKEN();
        if (snap.movedActivities?.length) await tx.update(activities).set({ leadId: m.mergedId }).where(idIn(activities.id, snap.movedActivities));
        if (snap.movedIdentities?.length) await tx.update(leadIdentities).set({ leadId: m.mergedId }).where(idIn(leadIdentities.id, snap.movedIdentities));
        await tx
          .delete(leadIdentities)
          .where(
            and(
              eq(leadIdentities.leadId, m.survivorId),
              eq(leadIdentities.source, String(snap.other.originSource)),
              eq(leadIdentities.externalId, String(snap.other.originExternalId ?? `lead:${m.mergedId}`)),
            ),
          );
        for (const holder of deps.holders.all()) {
          if (holder.name in snap.participants) await holder.restore(tx, snap.participants[holder.name], m.mergedId, m.survivorId);
        }
        // Put back what the merge changed on the survivor, unless someone edited that field since.
        const current = await repo.findLead(tx, m.survivorId);
        if (current) {
          const back: Record<string, unknown> = { updatedAt: now };
          for (const f of snap.plan.fields) {
            if (f.action === 'fill' && sameJson(current[f.field as Fillable], f.result)) back[f.field] = null;
          }
          if (sameJson(current.tags, snap.plan.fields.find((f) => f.field === 'tags')?.result)) back.tags = snap.survivor.tags;
          const alternates = ((current.metadata.alternatePhones as string[] | undefined) ?? []).filter((p) => p !== otherPhone);
          const { alternatePhones: _drop, ...meta } = current.metadata;
          back.metadata = alternates.length ? { ...meta, alternatePhones: alternates } : meta;
          await repo.updateLeadRow(tx, m.survivorId, back as Partial<repo.LeadInsert>);
        }
        await tx.update(leads).set({ deletedAt: null, mergedIntoId: null, updatedAt: now }).where(eq(leads.id, m.mergedId));
        await tx
          .update(leadMerges)
          .set({ undoneAt: now, undoneBy: actorRef(actor) })
          .where(eq(leadMerges.id, mergeId));
        await repo.insertActivities(tx, [
          {
            leadId: m.survivorId,
            type: 'merged',
            actorId: actorRef(actor),
            data: { mergeId, undone: true, otherId: m.mergedId, otherName: snap.other.name },
            createdAt: now,
          },
          { leadId: m.mergedId, type: 'merged', actorId: actorRef(actor), data: { mergeId, undone: true, otherId: m.survivorId }, createdAt: now },
        ]);
        await deps.audit.record(
          actor,
          { action: 'lead.merge_undo', entityType: 'lead', entityId: m.survivorId, details: { mergeId, restored: m.mergedId } },
          tx,
        );
        return { survivorId: m.survivorId, restoredId: m.mergedId };
      });
    },

    async mergesOf(actor: Actor, leadId: string) {
      await assertVisible(actor, leadId);
      const rows = await db.select().from(leadMerges).where(eq(leadMerges.survivorId, leadId)).orderBy(sql`${leadMerges.createdAt} desc`);
      return rows.map((r) => ({
        id: r.id,
        survivorId: r.survivorId,
        mergedId: r.mergedId,
        mergedName: String((r.snapshot as { other?: { name?: string } }).other?.name ?? ''),
        actorId: r.actorId,
        createdAt: r.createdAt.toISOString(),
        undoneAt: r.undoneAt?.toISOString() ?? null,
      }));
    },

    /**
     * Pairs that look like one person: the same email, or the same name in the same city. Pairs
     * someone dismissed are left out. Newest first; computed on demand.
     */
    async duplicates(actor: Actor, limit: number, offset: number): Promise<{ items: DuplicatePair[]; total: number }> {
      const scope = await deps.listScope(actor);
      const inScope = scope
        ? sql`and (${scope.ownerIds.length ? sql`owner_id in (select (jsonb_array_elements_text(${JSON.stringify(scope.ownerIds)}::jsonb))::uuid)` : sql`false`}${scope.unowned ? sql` or owner_id is null` : sql``})`
        : sql``;
      const pairs = rowsOf<{ a: string; b: string; reason: string }>(
        await db.execute(sql`
          with live as (select id, name, email, city from ${leads} where deleted_at is null ${inScope}),
          -- Groups of more than five share a common name or a shared inbox, not one person.
          email_groups as (
            select array_agg(id) as ids from live where email is not null group by lower(email) having count(*) between 2 and 5
          ),
          name_groups as (
            select array_agg(id) as ids from live where city is not null
            group by lower(regexp_replace(name, '[[:space:]]+', ' ', 'g')), lower(city) having count(*) between 2 and 5
          ),
          by_email as (
            select x as a, y as b, 'same_email' as reason from email_groups, unnest(ids) x, unnest(ids) y where x < y
          ),
          by_name as (
            select x as a, y as b, 'same_name_city' as reason from name_groups, unnest(ids) x, unnest(ids) y where x < y
          ),
          found as (select a, b, string_agg(reason, ',' order by reason) as reason from (select * from by_email union all select * from by_name) u group by a, b)
          select f.a, f.b, f.reason from found f
          where not exists (select 1 from ${duplicateDismissals} d where d.lead_a = f.a and d.lead_b = f.b)
          order by f.b desc
        `),
      );
      const page = pairs.slice(offset, offset + limit);
      const ids = [...new Set(page.flatMap((p) => [p.a, p.b]))];
      const rows = ids.length ? await db.select().from(leads).where(inArray(leads.id, ids)) : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const brief = (r: LeadRow) => ({ id: r.id, name: r.name, phone: r.phone, email: r.email, city: r.city, createdAt: r.createdAt.toISOString() });
      const items = page.flatMap((p) => {
        const a = byId.get(p.a);
        const b = byId.get(p.b);
        return a && b ? [{ a: brief(a), b: brief(b), reasons: p.reason.split(',') as DuplicatePair['reasons'] }] : [];
      });
      return { items, total: pairs.length };
    },

    /** Leads that may be this lead under another number or spelling (for the lead page). */
    async duplicatesOf(actor: Actor, lead: Lead): Promise<DuplicatePair['b'][]> {
      const name = norm(lead.name);
      const rows = await db
        .select()
        .from(leads)
        .where(
          and(
            isNull(leads.deletedAt),
            sql`${leads.id} <> ${lead.id}`,
            sql`(
              (${lead.email}::text is not null and lower(${leads.email}) = lower(${lead.email}::text))
              or (${leads.searchText} % ${name} and similarity(lower(${leads.name}), ${name}) > 0.6
                  and (${lead.city}::text is null or ${leads.city} is null or lower(${leads.city}) = lower(${lead.city}::text)))
            )`,
          ),
        )
        .limit(20);
      const visible = await deps.visibleIds(
        actor,
        rows.map((r) => r.id),
      );
      return rows
        .filter((r) => visible.has(r.id))
        .map((r) => ({ id: r.id, name: r.name, phone: r.phone, email: r.email, city: r.city, createdAt: r.createdAt.toISOString() }));
    },

    async dismiss(actor: Actor, x: string, y: string): Promise<void> {
      if (x === y) throw LeadErrors.LEAD_MERGE_SAME();
      await assertVisible(actor, x, y);
      const [a, b] = x < y ? [x, y] : [y, x];
      await db
        .insert(duplicateDismissals)
        .values({ leadA: a, leadB: b, actorId: actorRef(actor) })
        .onConflictDoNothing();
      await deps.audit.record(actor, { action: 'lead.duplicate_dismiss', entityType: 'lead', entityId: a, details: { other: b } });
    },
  };
}
