import type { Activity, CreateLeadBody, Lead, LeadListQuery, LeadPage, LeadStatus, UpdateLeadBody } from '@telehub/shared';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import { sameJson } from '../../platform/json.js';
import { normalizePhone } from '../../platform/phone.js';
import { isValidTimeZone } from '../../platform/time.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../users/index.js';
import { createLeadAssignments } from './leads.assign.js';
import { createBulkMerge } from './leads.bulk.js';
import { createLeadCalls } from './leads.calls.js';
import { createLeadDnd } from './leads.dnd.js';
import { LeadErrors } from './leads.errors.js';
import { createLeadFacts } from './leads.facts.js';
import { createLeadFields } from './leads.fields.js';
import type { LeadDataHolders } from './leads.holders.js';
import { createIngest } from './leads.ingest.js';
import { createLeadMerges } from './leads.merge.js';
import { leadsPolicy } from './leads.policy.js';
import { csvHeader, csvRow, decodeCursor, encodeCursor, toActivityDto, toLeadDto, userIdsOf } from './leads.presenter.js';
import { createLeadPrivacy, createLeadsHolder } from './leads.privacy.js';
import type { LeadIdFilter, LeadInsert, LeadRow } from './leads.repo.js';
import * as repo from './leads.repo.js';
import { assertLeadMetadata } from './leads.rules.js';
import { createLeadScope } from './leads.scope.js';

export type LeadsDeps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  users: Pick<UsersService, 'findActive' | 'namesByIds' | 'watched' | 'handOvers'>;
  /** Supplied by the campaigns module, so leads can filter by campaign without knowing its tables. */
  campaignFilter?: (campaignId: string) => LeadIdFilter;
  /** Every module keeping data about leads registers a holder here (merges, access, erasure). */
  holders: LeadDataHolders;
  /**
   * Whether this telecaller had a call with the lead in the last day (the calls module): a
   * campaign's lead comes to whichever agent is free, who must see it to talk with it.
   */
  engaged?: (agentId: string, leadId: string) => Promise<boolean>;
  /** Where `lead.updated` goes after an edit commits. */
  bus?: Pick<EventBus, 'publish'>;
  /** Domain events (leads.arrived), recorded with the change and dispatched after commit. */
  events: Pick<DomainEventOutbox, 'emit' | 'flush'>;
  /** Bulk load into staging (PostgreSQL COPY), when the store offers it. */
  copyFrom?: (statement: string, payload: string) => Promise<void>;
};

declare module '../../platform/events/domain.js' {
  interface DomainEvents {
    /** Leads an import or a sync brought in, created or merged into: scrub them, assign the unowned. */
    'leads.arrived': { leadIds: string[]; source: string };
    /** A lead's status changed, by an edit or a call's outcome (`callId`); `at` is when. */
    'lead.status_changed': { leadId: string; from: LeadStatus; to: LeadStatus; at: string; callId: string | null };
  }
}

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    /** A lead was edited: who owns it now, its status, and which fields changed (no contact details). */
    'lead.updated': { leadId: string; ownerId: string | null; status: LeadStatus; fields: string[]; updatedAt: string };
  }
}

export type LeadsService = ReturnType<typeof createLeadsService>;

/** A lead ready to store as is (phone already E.164), with its history: demo data and migrations. */
export type PreparedLead = {
  name: string;
  phone: string;
  email: string | null;
  status: LeadRow['status'];
  score: number | null;
  language: string | null;
  city: string | null;
  ownerId: string | null;
  tags: string[];
  metadata: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  lastContactedAt: Date | null;
  source: { source: string; externalId: string | null };
  history: { type: string; actorId: string | null; body?: string; data?: Record<string, unknown>; createdAt: Date }[];
};

/** Fields whose change is worth a line in the timeline with old and new values. */
const TRACKED = ['name', 'phone', 'email', 'score', 'language', 'city', 'timezone', 'tags'] as const;

function phoneOrThrow(input: string): string {
  const r = normalizePhone(input);
  if (!r.ok) throw LeadErrors.LEAD_PHONE_INVALID(`phone: ${r.reason}`);
  return r.e164;
}

const EDITABLE = ['name', 'phone', 'email', 'status', 'score', 'language', 'city', 'timezone', 'tags', 'metadata', 'ownerId'] as const;

/** The fields whose value `next` changes compared to `before`. */
function changedFields(before: LeadRow, next: Partial<LeadInsert>): string[] {
  return EDITABLE.filter((f) => next[f] !== undefined && !sameJson(next[f], before[f]));
}

/** A lead given an owner starts its SLA clock now; an unowned lead has none. */
const assignedAtFor = (ownerId: string | null | undefined, now: Date) => (ownerId ? now : null);

export function createLeadsService(deps: LeadsDeps) {
  const { db, clock, audit } = deps;
  const { ingest } = createIngest(deps);
  deps.holders.add(createLeadsHolder(deps));
  const scope = createLeadScope(deps);
  const { visibleLead, visibleIds, assertOwner, filterFor } = scope;
  const merges = createLeadMerges({ ...deps, visibleIds, listScope: scope.listScope });
  const privacy = createLeadPrivacy(deps);
  const assignments = createLeadAssignments(deps);
  const dnd = createLeadDnd(deps);
  const facts = createLeadFacts(deps);
  const calls = createLeadCalls(deps);
  const bulk = createBulkMerge(deps);
  const fields = createLeadFields(deps);
  // A user who leaves hands over their open leads, and what holders keep of their work (callbacks).
  deps.users.handOvers.add({
    name: 'leads',
    async count(tx, userId) {
      const out: Record<string, number> = { openLeads: await assignments.openCountOf(tx, userId) };
      for (const h of deps.holders.all()) if (h.handOver) out[h.name] = await h.handOver.count(tx, userId);
      return out;
    },
    async move(tx, v) {
      const out: Record<string, number> = { openLeads: await assignments.handOver(tx, v) };
      for (const h of deps.holders.all()) if (h.handOver) out[h.name] = await h.handOver.move(tx, v);
      return out;
    },
  });

  /** A lead the actor may read: theirs to see, or one they are (or just were) on a call with. */
  async function readableLead(actor: Actor, id: string): Promise<LeadRow> {
    try {
      return await visibleLead(actor, id, await deps.users.watched(actor));
    } catch (err) {
      const row = deps.engaged && (await deps.engaged(actor.id, id)) ? await repo.findLead(db, id) : undefined;
      if (!row || row.deletedAt) throw err;
      return row;
    }
  }

  async function duplicateConflict(actor: Actor, phone: string) {
    const existing = await repo.findLiveLeadByPhone(db, phone);
    const visible = existing && leadsPolicy.canSee(actor, existing, await deps.users.watched(actor));
    return LeadErrors.LEAD_PHONE_EXISTS(undefined, visible ? { existingLeadId: existing.id } : {});
  }

  /** Call outside transactions (see Db): it reads identities and owner names. */
  async function present(rows: LeadRow[]): Promise<Lead[]> {
    const [identities, names] = await Promise.all([
      repo.identitiesOf(
        db,
        rows.map((r) => r.id),
      ),
      deps.users.namesByIds(rows.flatMap((r) => (r.ownerId ? [r.ownerId] : []))),
    ]);
    return rows.map((r) => toLeadDto(r, identities, names));
  }

  async function presentOne(row: LeadRow): Promise<Lead> {
    const [lead] = await present([row]);
    if (!lead) throw LeadErrors.LEAD_NOT_FOUND();
    return lead;
  }

  return {
    ingest,
    /** The id a source knows this lead by (for write-back), or null. Not an audited read. */
    externalIdOf: async (leadId: string, source: string): Promise<string | null> => {
      const lead = await repo.findLead(db, leadId);
      if (!lead) return null;
      if (lead.originSource === source && lead.originExternalId) return lead.originExternalId;
      return repo.externalIdOf(db, leadId, source);
    },
    merges,
    assignments,
    /** Imports' way in: stage rows, merge them in chunks by the rules of leads.rules. */
    bulk,
    /** Where other modules register as holders of lead data. */
    holders: deps.holders,
    /** The person's rights over their data: everything kept (access), erasure. */
    privacy,

    /** Whether the actor may see this lead (no audit: nothing of the lead is read out). */
    canSee: scope.canSee,

    /** The leads among `ids` the actor may see (for merges and bulk actions). */
    visibleIds,
    dnd,
    calls,
    /** For the reports' rollups: cohorts, stages reached, changed leads. */
    facts,
    /** Definitions of the extra fields (metadata keys): labels, types, order. */
    fields,

    async list(actor: Actor, q: LeadListQuery): Promise<LeadPage> {
      const { page, pageSize, sort, ...rest } = q;
      const { items, total, totalExact } = await repo.listLeads(db, await filterFor(actor, rest), sort, pageSize, (page - 1) * pageSize);
      return { items: await present(items), total, totalExact, page, pageSize };
    },

    /** The full record; every such read is audited. */
    async get(actor: Actor, id: string): Promise<Lead> {
      const row = await readableLead(actor, id);
      await audit.record(actor, { action: 'lead.read', entityType: 'lead', entityId: id });
      return presentOne(row);
    },

    /**
     * The lead as `get` answers it (the same visibility), to act on without showing it: placing a
     * call reads its number and DND flag, and `call.start` names the lead. Not an audited read,
     * so one access stays one record (the workspace that showed the lead recorded it).
     */
    async forAction(actor: Actor, id: string): Promise<Lead> {
      return presentOne(await readableLead(actor, id));
    },

    /**
     * Several leads at once, as `get` answers each (the same visibility, one audited read each),
     * in a constant number of statements. Leads missing or not visible to the actor are absent.
     */
    async getMany(actor: Actor, ids: string[]): Promise<Map<string, Lead>> {
      const watched = await deps.users.watched(actor);
      const rows = (await repo.findLeads(db, [...new Set(ids)])).filter((r) => leadsPolicy.canSee(actor, r, watched));
      if (rows.length === 0) return new Map();
      await audit.record(
        actor,
        rows.map((r) => ({ action: 'lead.read', entityType: 'lead', entityId: r.id })),
      );
      return new Map((await present(rows)).map((l) => [l.id, l]));
    },

    async create(
      actor: Actor,
      body: CreateLeadBody,
      source: { source: string; externalId: string | null } = { source: 'manual', externalId: null },
    ): Promise<Lead> {
      const phone = phoneOrThrow(body.phone);
      if (body.timezone && !isValidTimeZone(body.timezone)) throw LeadErrors.LEAD_TIMEZONE_INVALID();
      if (body.metadata !== undefined) {
        assertLeadMetadata(body.metadata);
        await fields.assertValues({}, body.metadata);
      }
      // A telecaller's new lead is their own, whatever the body says.
      const ownerId = leadsPolicy.assign(actor) ? (body.ownerId ?? null) : actor.id;
      if (ownerId !== actor.id) await assertOwner(actor, ownerId, await deps.users.watched(actor));
      const now = clock.now();
      const values: LeadInsert = {
        name: body.name,
        phone,
        email: body.email?.toLowerCase() ?? null,
        status: body.status ?? 'new',
        score: body.score ?? null,
        language: body.language ?? null,
        city: body.city ?? null,
        timezone: body.timezone ?? 'Asia/Kolkata',
        ownerId,
        originSource: source.source,
        originExternalId: source.externalId,
        assignedAt: assignedAtFor(ownerId, now),
        tags: [...new Set(body.tags ?? [])],
        metadata: body.metadata ?? {},
        createdAt: now,
        updatedAt: now,
      };
      try {
        const created = await db.transaction(async (tx) => {
          const row = await repo.insertLead(tx, values);
          if (source.externalId !== null) await repo.insertIdentity(tx, { leadId: row.id, source: source.source, externalId: source.externalId });
          await repo.insertActivities(tx, [
            { leadId: row.id, type: 'created', actorId: actorRef(actor), data: { source: source.source }, createdAt: now },
            ...(ownerId ? [{ leadId: row.id, type: 'assignment', actorId: actorRef(actor), data: { from: null, to: ownerId }, createdAt: now }] : []),
          ]);
          await audit.record(actor, { action: 'lead.create', entityType: 'lead', entityId: row.id, details: { source: source.source } }, tx);
          return row;
        });
        return await presentOne(created);
      } catch (err) {
        if (isUniqueViolation(err, 'leads_phone_live_key')) throw await duplicateConflict(actor, phone);
        throw err;
      }
    },

    async update(actor: Actor, id: string, body: UpdateLeadBody): Promise<Lead> {
      if (body.ownerId !== undefined && !leadsPolicy.assign(actor)) throw LeadErrors.LEAD_FIELD_FORBIDDEN('ownerId: only managers and admins assign leads');
      if (body.timezone && !isValidTimeZone(body.timezone)) throw LeadErrors.LEAD_TIMEZONE_INVALID();
      if (body.metadata !== undefined) assertLeadMetadata(body.metadata);
      const phone = body.phone !== undefined ? phoneOrThrow(body.phone) : undefined;
      const watched = await deps.users.watched(actor);
      if (body.ownerId) await assertOwner(actor, body.ownerId, watched);
      const now = clock.now();
      try {
        const updated = await db.transaction(async (tx) => {
          const before = await visibleLead(actor, id, watched, tx);
          if (body.metadata !== undefined) await fields.assertValues(before.metadata, body.metadata, tx);
          const next: Partial<LeadInsert> = { ...body, updatedAt: now };
          if (phone) next.phone = phone;
          if (body.email !== undefined) next.email = body.email?.toLowerCase() ?? null;
          if (body.tags) next.tags = [...new Set(body.tags)];
          const changed = changedFields(before, next);
          // Remember when each field was last edited here, so a source sync never overwrites it with older data.
          next.fieldUpdatedAt = { ...before.fieldUpdatedAt, ...Object.fromEntries(changed.map((f) => [f, now.toISOString()])) };
          if (changed.includes('ownerId')) next.assignedAt = assignedAtFor(next.ownerId, now);
          if (changed.some((f) => f !== 'ownerId')) next.lastTouchedAt = now;
          const row = await repo.updateLeadRow(tx, id, next);
          if (!row) throw LeadErrors.LEAD_NOT_FOUND();

          const timeline: Parameters<typeof repo.insertActivities>[1] = [];
          if (body.status !== undefined && body.status !== before.status) {
            timeline.push({ leadId: id, type: 'status_change', actorId: actorRef(actor), data: { from: before.status, to: row.status }, createdAt: now });
            const change = { leadId: id, from: before.status as LeadStatus, to: row.status as LeadStatus, at: now.toISOString(), callId: null };
            await deps.events.emit(tx, 'lead.status_changed', change);
          }
          if (body.ownerId !== undefined && body.ownerId !== before.ownerId) {
            timeline.push({ leadId: id, type: 'assignment', actorId: actorRef(actor), data: { from: before.ownerId, to: row.ownerId }, createdAt: now });
          }
          const changes: Record<string, { from: unknown; to: unknown }> = {};
          for (const f of TRACKED) {
            if (!sameJson(before[f], row[f])) changes[f] = { from: before[f], to: row[f] };
          }
          if (body.metadata !== undefined) changes.metadata = { from: null, to: null };
          if (Object.keys(changes).length > 0) {
            timeline.push({ leadId: id, type: 'updated', actorId: actorRef(actor), data: { changes }, createdAt: now });
          }
          await repo.insertActivities(tx, timeline);
          await audit.record(actor, { action: 'lead.update', entityType: 'lead', entityId: id, details: { fields: Object.keys(body) } }, tx);
          return row;
        });
        await deps.bus?.publish('lead.updated', {
          leadId: id,
          ownerId: updated.ownerId,
          status: updated.status as LeadStatus,
          fields: Object.keys(body).sort(),
          updatedAt: updated.updatedAt.toISOString(),
        });
        // A status change's reactions (follow-ups started or stopped) run now rather than at the next sweep.
        if (body.status !== undefined) await deps.events.flush();
        return await presentOne(updated);
      } catch (err) {
        if (phone && isUniqueViolation(err, 'leads_phone_live_key')) throw await duplicateConflict(actor, phone);
        throw err;
      }
    },

    /** Stores prepared leads (unique phones) and their history in one transaction; returns the new ids. */
    async insertPrepared(actor: Actor, items: PreparedLead[]): Promise<string[]> {
      return db.transaction(async (tx) => {
        const ids: string[] = [];
        for (let i = 0; i < items.length; i += 500) {
          const chunk = items.slice(i, i + 500);
          const rows = await repo.insertLeads(
            tx,
            chunk.map(({ source, history: _h, ...lead }) => ({ ...lead, originSource: source.source, originExternalId: source.externalId })),
          );
          // RETURNING order is not promised by SQL; pair rows back by their unique phone.
          const byPhone = new Map(chunk.map((c) => [c.phone, c]));
          const pairs = rows.flatMap((r) => {
            const item = byPhone.get(r.phone);
            return item ? [{ row: r, item }] : [];
          });
          await repo.insertActivities(
            tx,
            pairs.flatMap(({ row, item }) => item.history.map((h) => ({ ...h, leadId: row.id }))),
          );
          ids.push(...rows.map((r) => r.id));
        }
        await audit.record(actor, { action: 'lead.bulk_create', entityType: 'lead', details: { count: ids.length } }, tx);
        return ids;
      });
    },

    /** Soft delete: the lead leaves every list and frees its phone; its history stays. */
    async remove(actor: Actor, id: string): Promise<void> {
      const watched = await deps.users.watched(actor);
      await db.transaction(async (tx) => {
        await visibleLead(actor, id, watched, tx);
        await repo.updateLeadRow(tx, id, { deletedAt: clock.now() });
        await audit.record(actor, { action: 'lead.delete', entityType: 'lead', entityId: id }, tx);
      });
    },

    async addNote(actor: Actor, id: string, body: string): Promise<Activity> {
      const now = clock.now();
      const watched = await deps.users.watched(actor);
      const row = await db.transaction(async (tx) => {
        await visibleLead(actor, id, watched, tx);
        await repo.insertActivities(tx, [{ leadId: id, type: 'note', actorId: actorRef(actor), body, createdAt: now }]);
        await repo.updateLeadRow(tx, id, { updatedAt: now, lastTouchedAt: now });
        await audit.record(actor, { action: 'lead.note', entityType: 'lead', entityId: id }, tx);
        const [note] = await repo.listActivities(tx, id, undefined, 1);
        if (!note) throw new Error('note vanished');
        return note;
      });
      // Outside the transaction: the embedded store has one connection, held by an open transaction.
      return toActivityDto(row, await deps.users.namesByIds([actor.id]));
    },

    async timeline(actor: Actor, id: string, q: { before?: string; limit: number }) {
      const lead = await readableLead(actor, id);
      const cursor = q.before ? decodeCursor(q.before) : undefined;
      const rows = await repo.listActivities(db, id, cursor, q.limit + 1);
      const page = rows.slice(0, q.limit);
      const names = await deps.users.namesByIds(page.flatMap(userIdsOf));
      const last = page[page.length - 1];
      const items = page.map((r) => toActivityDto(r, names));
      const isLastPage = rows.length <= q.limit;
      // Leads created in bulk (imports) store no "created" activity; the lead's origin tells it.
      if (isLastPage && !items.some((a) => a.type === 'created')) {
        items.push({
          id: lead.id,
          leadId: lead.id,
          type: 'created',
          actorId: null,
          actorName: null,
          body: null,
          data: { source: lead.originSource, externalId: lead.originExternalId },
          createdAt: lead.createdAt.toISOString(),
        });
      }
      return { items, nextCursor: !isLastPage && last ? encodeCursor(last) : null };
    },

    /**
     * Streams matching leads as CSV in keyset batches (constant memory). The export is audited
     * before the first byte leaves, with its filter and row count.
     */
    async exportCsv(actor: Actor, q: Omit<LeadListQuery, 'page' | 'pageSize' | 'sort'>): Promise<{ rows: number; chunks: AsyncGenerator<string> }> {
      const filter = await filterFor(actor, q);
      const rows = await repo.countLeads(db, filter);
      await audit.record(actor, { action: 'lead.export', entityType: 'lead', details: { filter: { ...q }, rows, format: 'csv' } });
      async function* chunks() {
        yield csvHeader();
        for await (const batch of repo.iterateLeads(db, filter)) {
          const owners = await deps.users.namesByIds(batch.flatMap((r) => (r.ownerId ? [r.ownerId] : [])));
          yield batch.map((r) => csvRow(r, owners)).join('');
        }
      }
      return { rows, chunks: chunks() };
    },
  };
}
