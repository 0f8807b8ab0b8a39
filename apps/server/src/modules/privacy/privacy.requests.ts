/**
 * Data principal requests (DPDP ss.11-14): access, correction, erasure, grievance and
 * nomination, opened by an admin from the lead page or by the person's phone number, each with a
 * due date (`TELEHUB_PRIVACY_RESPONSE_DAYS`, grievances `TELEHUB_PRIVACY_GRIEVANCE_DAYS`) and a
 * history of what was done. Completing one does its type's work: access hands over everything
 * every holder keeps, correction changes the lead through the leads service, erasure erases the
 * person through every holder (unless a legal hold stands) and leaves a tombstone; nothing undoes it.
 */
import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { AuditService } from '../audit/index.js';
import type { LeadsService } from '../leads/index.js';
import { PrivacyErrors } from './privacy.errors.js';
import type { Holds } from './privacy.holds.js';
import type { ProcessingLog } from './privacy.processing.js';
import { privacyRequestActions, privacyRequests } from './privacy.tables.js';
import type { Tombstones } from './privacy.tombstones.js';

export const REQUEST_TYPES = ['access', 'correction', 'erasure', 'grievance', 'nomination'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_STATUSES = ['open', 'in_progress', 'completed', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_CHANNELS = ['phone', 'email', 'web_form', 'letter', 'in_person'] as const;
/** The lead fields a correction may change. */
export const CORRECTABLE = ['name', 'phone', 'email', 'city', 'language'] as const;
export type Corrections = Partial<Record<(typeof CORRECTABLE)[number], string | null>>;

const OPEN: RequestStatus[] = ['open', 'in_progress'];

type Row = typeof privacyRequests.$inferSelect;
type ActionRow = typeof privacyRequestActions.$inferSelect;

export type OpenRequestBody = {
  type: RequestType;
  leadId?: string;
  phone?: string;
  channel?: (typeof REQUEST_CHANNELS)[number];
  details?: string | null;
  corrections?: Corrections;
  nominee?: { name: string; relation?: string | null; contact: string };
};
export type CompleteBody = { note?: string | null; corrections?: Corrections; resolution?: string | null };
export type ListQuery = { status?: RequestStatus; type?: RequestType; overdue?: boolean; leadId?: string; page: number; pageSize: number };

export type PrivacyRequestsDeps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  leads: Pick<LeadsService, 'get' | 'update' | 'privacy' | 'facts'>;
  holds: Pick<Holds, 'activeOn'>;
  tombstones: Pick<Tombstones, 'add' | 'find' | 'warm'>;
  processing: Pick<ProcessingLog, 'record'>;
  /** Days to answer each type of request, read when a request is opened. */
  dueDays: (type: RequestType) => number;
};

export function createPrivacyRequests(deps: PrivacyRequestsDeps) {
  const { db, clock } = deps;

  const toDto = (r: Row, leadName: string | null) => ({
    id: r.id,
    type: r.type as RequestType,
    status: r.status as RequestStatus,
    leadId: r.leadId,
    leadName,
    channel: r.channel,
    details: r.details,
    input: r.input,
    result: r.result,
    hasExport: r.export !== null,
    rejectReason: r.rejectReason,
    dueAt: r.dueAt.toISOString(),
    overdue: OPEN.includes(r.status as RequestStatus) && r.dueAt.getTime() < clock.now().getTime(),
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    closedAt: r.closedAt?.toISOString() ?? null,
    closedBy: r.closedBy,
  });
  type Dto = ReturnType<typeof toDto>;

  /** Names of the requests' leads (an erased lead's is blank). */
  async function present(rows: Row[]): Promise<Dto[]> {
    const briefs = await deps.leads.facts.briefs(rows.map((r) => r.leadId));
    return rows.map((r) => {
      const b = briefs.get(r.leadId);
      return toDto(r, b && b.name !== 'Erased' ? b.name : null);
    });
  }

  async function load(id: string, tx: Db = db): Promise<Row> {
    const [row] = await tx.select().from(privacyRequests).where(eq(privacyRequests.id, id));
    if (!row) throw PrivacyErrors.PRIVACY_REQUEST_NOT_FOUND();
    return row;
  }

  async function act(tx: Db, actor: Actor, requestId: string, action: string, note?: string | null, details: Record<string, unknown> = {}) {
    await tx.insert(privacyRequestActions).values({ requestId, action, actorId: actorRef(actor), note: note ?? null, details, at: clock.now() });
  }

  /** Closes an open request (completed or rejected) unless someone closed it first. */
  async function close(tx: Db, actor: Actor, row: Row, set: Partial<Row> & { status: RequestStatus }): Promise<Row> {
    const now = clock.now();
    const [updated] = await tx
      .update(privacyRequests)
      .set({ ...set, closedAt: now, closedBy: actorRef(actor), updatedAt: now })
      .where(and(eq(privacyRequests.id, row.id), inArray(privacyRequests.status, OPEN)))
      .returning();
    if (!updated) throw PrivacyErrors.PRIVACY_REQUEST_CLOSED();
    return updated;
  }

  function assertOpen(row: Row) {
    if (!OPEN.includes(row.status as RequestStatus)) throw PrivacyErrors.PRIVACY_REQUEST_CLOSED(`This request is already ${row.status}`);
  }

  /** The lead a request is about: the one named, or the live lead with the phone number given. */
  async function leadOf(actor: Actor, body: OpenRequestBody): Promise<string> {
    if (body.leadId) {
      await deps.leads.get(actor, body.leadId);
      return body.leadId;
    }
    try {
      return (await deps.leads.privacy.findByPhone(actor, body.phone ?? '')).id;
    } catch (err) {
      const gone = err instanceof Error && 'code' in err && err.code === 'LEAD_NOT_FOUND' ? await deps.tombstones.find(body.phone ?? '') : undefined;
      if (gone) throw PrivacyErrors.PRIVACY_ALREADY_ERASED(`The person behind this number was erased on ${gone.erasedAt.toISOString().slice(0, 10)}`);
      throw err;
    }
  }

  async function completeAccess(actor: Actor, row: Row, note: string | null) {
    const exported = await deps.leads.privacy.exportData(actor, row.leadId);
    return db.transaction(async (tx) => {
      const holders = Object.keys((exported.leads[0] ?? {}) as Record<string, unknown>);
      const done = await close(tx, actor, row, { status: 'completed', export: exported, result: { leads: exported.leads.length, holders, note } });
      await deps.processing.record(tx, actor, { leadId: row.leadId, action: 'access_export', purpose: 'access_request', details: { requestId: row.id } });
      return done;
    });
  }

  async function completeCorrection(actor: Actor, row: Row, body: CompleteBody) {
    const corrections = body.corrections ?? (row.input.corrections as Corrections | undefined) ?? {};
    const fields = CORRECTABLE.filter((f) => corrections[f] !== undefined);
    if (fields.length === 0) throw PrivacyErrors.PRIVACY_CORRECTION_EMPTY();
    const before = await deps.leads.get(actor, row.leadId);
    const patch = Object.fromEntries(fields.map((f) => [f, corrections[f]]));
    const after = await deps.leads.update(actor, row.leadId, patch);
    const changes = fields.map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null })).filter((c) => c.before !== c.after);
    return db.transaction(async (tx) => {
      const done = await close(tx, actor, row, { status: 'completed', result: { changes, note: body.note ?? null } });
      await deps.processing.record(tx, actor, {
        leadId: row.leadId,
        action: 'correction',
        purpose: 'correction_request',
        details: { requestId: row.id, fields: changes.map((c) => c.field) },
      });
      return done;
    });
  }

  async function completeErasure(actor: Actor, row: Row, note: string | null) {
    await deps.tombstones.warm();
    let done: Row | undefined;
    try {
      const result = await deps.leads.privacy.erase(actor, row.leadId, {
        inTransaction: async (tx, people) => {
          for (const p of people) {
            const hold = await deps.holds.activeOn(p.id, tx);
            if (hold)
              throw PrivacyErrors.PRIVACY_LEGAL_HOLD(`The lead is under a legal hold (${hold.reason}); lift the hold before erasing`, { holdId: hold.id });
          }
          await deps.tombstones.add(
            tx,
            row.id,
            people.map((p) => p.phone),
          );
          done = await close(tx, actor, row, { status: 'completed', result: { leads: people.length, note } });
          await act(tx, actor, row.id, 'completed', note, { leads: people.length });
          await deps.processing.record(tx, actor, {
            leadId: row.leadId,
            action: 'erasure',
            purpose: 'erasure_request',
            details: { requestId: row.id, leads: people.map((p) => p.id) },
          });
        },
      });
      if (!done) throw new Error('the erasure committed without closing its request');
      return { row: done, leads: result.leads };
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'PRIVACY_LEGAL_HOLD') {
        await db.transaction((tx) => act(tx, actor, row.id, 'blocked', err.message));
      }
      throw err;
    }
  }

  return {
    /** Opens a request with its due date; audited. */
    async open(actor: Actor, body: OpenRequestBody): Promise<Dto> {
      const leadId = await leadOf(actor, body);
      if (await deps.leads.privacy.isErased(leadId)) throw PrivacyErrors.PRIVACY_LEAD_ERASED();
      const now = clock.now();
      const input: Record<string, unknown> = {};
      if (body.corrections) input.corrections = body.corrections;
      if (body.nominee) input.nominee = body.nominee;
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .insert(privacyRequests)
          .values({
            type: body.type,
            leadId,
            channel: body.channel ?? 'phone',
            details: body.details ?? null,
            input,
            dueAt: new Date(now.getTime() + deps.dueDays(body.type) * 86_400_000),
            createdBy: actorRef(actor),
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!r) throw new Error('insert into privacy_requests returned nothing');
        await act(tx, actor, r.id, 'opened', null, { via: body.leadId ? 'lead' : 'phone', channel: r.channel });
        await deps.audit.record(
          actor,
          { action: 'privacy.request_open', entityType: 'lead', entityId: leadId, details: { requestId: r.id, type: r.type } },
          tx,
        );
        return r;
      });
      const [dto] = await present([row]);
      if (!dto) throw PrivacyErrors.PRIVACY_REQUEST_NOT_FOUND();
      return dto;
    },

    async list(q: ListQuery) {
      const where: SQL[] = [];
      if (q.status) where.push(eq(privacyRequests.status, q.status));
      if (q.type) where.push(eq(privacyRequests.type, q.type));
      if (q.leadId) where.push(eq(privacyRequests.leadId, q.leadId));
      if (q.overdue) where.push(inArray(privacyRequests.status, OPEN), lt(privacyRequests.dueAt, clock.now()));
      const cond = where.length ? and(...where) : undefined;
      const rows = await db
        .select()
        .from(privacyRequests)
        .where(cond)
        .orderBy(sql`${privacyRequests.status} in ('open', 'in_progress') desc`, asc(privacyRequests.dueAt), desc(privacyRequests.createdAt))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(privacyRequests).where(cond);
      const [late] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(privacyRequests)
        .where(and(inArray(privacyRequests.status, OPEN), lt(privacyRequests.dueAt, clock.now())));
      return { items: await present(rows), total: count?.n ?? 0, overdue: late?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /** A request with the history of what was done on it. */
    async get(id: string) {
      const row = await load(id);
      const actions = await db.select().from(privacyRequestActions).where(eq(privacyRequestActions.requestId, id)).orderBy(asc(privacyRequestActions.at));
      const [dto] = await present([row]);
      if (!dto) throw PrivacyErrors.PRIVACY_REQUEST_NOT_FOUND();
      return {
        ...dto,
        actions: actions.map((a: ActionRow) => ({ id: a.id, action: a.action, actorId: a.actorId, note: a.note, details: a.details, at: a.at.toISOString() })),
      };
    },

    /** Marks an open request as being worked on. */
    async start(actor: Actor, id: string) {
      const row = await load(id);
      if (row.status !== 'open') throw PrivacyErrors.PRIVACY_REQUEST_CLOSED(`This request is ${row.status}, not open`);
      await db.transaction(async (tx) => {
        await tx.update(privacyRequests).set({ status: 'in_progress', updatedAt: clock.now() }).where(eq(privacyRequests.id, id));
        await act(tx, actor, id, 'started');
      });
      return this.get(id);
    },

    /** Does the request's work and closes it (see the module's comment); audited. */
    async complete(actor: Actor, id: string, body: CompleteBody) {
      const row = await load(id);
      assertOpen(row);
      const note = body.note ?? null;
      if (row.type === 'access') {
        await completeAccess(actor, row, note);
        await db.transaction((tx) => act(tx, actor, id, 'completed', note));
      } else if (row.type === 'correction') {
        await completeCorrection(actor, row, body);
        await db.transaction((tx) => act(tx, actor, id, 'completed', note));
      } else if (row.type === 'erasure') {
        await completeErasure(actor, row, note);
      } else {
        const resolution = body.resolution?.trim();
        if (!resolution) throw PrivacyErrors.PRIVACY_RESOLUTION_REQUIRED();
        await db.transaction(async (tx) => {
          await close(tx, actor, row, { status: 'completed', result: { resolution, note } });
          await act(tx, actor, id, 'completed', resolution);
          if (row.type === 'nomination')
            await deps.processing.record(tx, actor, { leadId: row.leadId, action: 'nomination', purpose: 'nomination_request', details: { requestId: id } });
        });
      }
      await deps.audit.record(actor, {
        action: 'privacy.request_complete',
        entityType: 'lead',
        entityId: row.leadId,
        details: { requestId: id, type: row.type },
      });
      return this.get(id);
    },

    /** Closes a request without doing it, with the reason the person is given; audited. */
    async reject(actor: Actor, id: string, reason: string) {
      const row = await load(id);
      assertOpen(row);
      await db.transaction(async (tx) => {
        await close(tx, actor, row, { status: 'rejected', rejectReason: reason });
        await act(tx, actor, id, 'rejected', reason);
        await deps.audit.record(
          actor,
          { action: 'privacy.request_reject', entityType: 'lead', entityId: row.leadId, details: { requestId: id, type: row.type } },
          tx,
        );
      });
      return this.get(id);
    },

    /** The access export handed over by a completed access request; every download is audited and logged. */
    async exportOf(actor: Actor, id: string, format: 'json' | 'pdf'): Promise<{ data: Record<string, unknown>; leadId: string }> {
      const row = await load(id);
      if (!row.export) throw PrivacyErrors.PRIVACY_NO_EXPORT();
      await db.transaction(async (tx) => {
        await act(tx, actor, id, 'export_downloaded', null, { format });
        await deps.audit.record(actor, { action: 'privacy.export_download', entityType: 'lead', entityId: row.leadId, details: { requestId: id, format } }, tx);
        await deps.processing.record(tx, actor, {
          leadId: row.leadId,
          action: 'access_download',
          purpose: 'access_request',
          details: { requestId: id, format },
        });
      });
      return { data: row.export, leadId: row.leadId };
    },

    /** For the lead data holder: a lead's requests (export), moved with a merge, blanked on erasure. */
    async ofLead(leadId: string) {
      const rows = await db.select().from(privacyRequests).where(eq(privacyRequests.leadId, leadId)).orderBy(desc(privacyRequests.createdAt));
      return rows.map((r) => ({ ...toDto(r, null), export: undefined }));
    },
  };
}

export type PrivacyRequests = ReturnType<typeof createPrivacyRequests>;
