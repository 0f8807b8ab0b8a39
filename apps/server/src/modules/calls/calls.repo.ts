/** SQL for calls, their events and transcripts. Every function takes db or a transaction. */
import type { Call, CallListQuery, CallStatus, HangupSide, TelephonyProviderName } from '@telehub/shared';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { type Db, idIn } from '../../platform/db/client.js';
import type { CallState } from './calls.lifecycle.js';
import { callEvents, callNodes, calls, transcriptSegments } from './calls.tables.js';

export type CallRow = typeof calls.$inferSelect;
export type CallInsert = typeof calls.$inferInsert;

export const LIVE_STATUSES: CallStatus[] = ['queued', 'dialing', 'ringing', 'in_progress'];

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toCallDto(r: CallRow): Call {
  return {
    id: r.id,
    leadId: r.leadId,
    agentId: r.agentId,
    campaignId: r.campaignId,
    direction: r.direction === 'inbound' ? 'inbound' : 'outbound',
    provider: r.provider as TelephonyProviderName,
    providerCallId: r.providerCallId,
    status: r.status as CallStatus,
    startedAt: iso(r.startedAt),
    answeredAt: iso(r.answeredAt),
    endedAt: iso(r.endedAt),
    durationSeconds: r.durationSeconds,
    disposition: r.disposition,
    subDisposition: r.subDisposition,
    wrapUpAnswer: r.wrapUpAnswer,
    notes: r.notes,
    callbackAt: iso(r.callbackAt),
    hangupBy: (r.hangupBy as HangupSide | null) ?? null,
    recordingAvailable: r.recordingAvailable,
    recordingNotice: r.recordingNotice,
    wrapUpPending: r.wrapUpPending,
    answeredBy: (r.answeredBy as Call['answeredBy']) ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const stateOf = (r: CallRow): CallState => ({
  status: r.status as CallStatus,
  startedAt: r.startedAt,
  answeredAt: r.answeredAt,
  endedAt: r.endedAt,
  reportedDuration: r.reportedDuration,
  hangupBy: (r.hangupBy as HangupSide | null) ?? null,
  recordingUrl: r.recordingUrl,
});

export async function insertCall(db: Db, values: CallInsert): Promise<CallRow> {
  const [row] = await db.insert(calls).values(values).returning();
  if (!row) throw new Error('insert into calls returned nothing');
  return row;
}

export async function findCall(db: Db, id: string): Promise<CallRow | undefined> {
  const [row] = await db.select().from(calls).where(eq(calls.id, id)).limit(1);
  return row;
}

/**
 * Locks the row for the rest of the transaction, so concurrent events for one call apply one at
 * a time. NO KEY UPDATE: it does not conflict with the key-share locks that inserting call_events
 * rows (foreign key to calls) takes, which FOR UPDATE would, deadlocking two deliveries.
 */
export async function lockCall(tx: Db, id: string): Promise<CallRow | undefined> {
  const [row] = await tx.select().from(calls).where(eq(calls.id, id)).for('no key update').limit(1);
  return row;
}

export async function findCalls(db: Db, ids: string[]): Promise<CallRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(calls)
    .where(idIn(calls.id, [...new Set(ids)]));
}

export async function findCallIdByProviderId(db: Db, provider: string, providerCallId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.provider, provider), eq(calls.providerCallId, providerCallId)))
    .limit(1);
  return row?.id;
}

export async function updateCall(db: Db, id: string, values: Partial<CallInsert>): Promise<CallRow | undefined> {
  const [row] = await db.update(calls).set(values).where(eq(calls.id, id)).returning();
  return row;
}

/** The agent's call that still needs them: live, or ended and waiting for a disposition. */
export async function openCallOf(db: Db, agentId: string): Promise<CallRow | undefined> {
  const [row] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.agentId, agentId), sql`(${inArray(calls.status, LIVE_STATUSES)} or ${calls.wrapUpPending})`))
    .orderBy(desc(calls.createdAt))
    .limit(1);
  return row;
}

/** Dials of a lead since `since` (attempt limits). */
export async function attemptsSince(db: Db, leadId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(calls)
    .where(and(eq(calls.leadId, leadId), gte(calls.createdAt, since)));
  return row?.n ?? 0;
}

/** `agentIds` narrows to those agents' calls; with `agentless` also to calls no agent took (a campaign's dialer's). */
export type CallListFilter = Omit<CallListQuery, 'page' | 'pageSize'> & { agentIds?: string[]; agentless?: boolean };

function agentsOf(f: CallListFilter) {
  if (!f.agentIds) return undefined;
  const theirs = f.agentIds.length > 0 ? inArray(calls.agentId, f.agentIds) : sql`false`;
  return f.agentless ? or(theirs, isNull(calls.agentId)) : theirs;
}

function whereOf(f: CallListFilter) {
  return and(
    f.leadId ? eq(calls.leadId, f.leadId) : undefined,
    f.agentId ? eq(calls.agentId, f.agentId) : undefined,
    f.campaignId ? eq(calls.campaignId, f.campaignId) : undefined,
    agentsOf(f),
    f.status ? eq(calls.status, f.status) : undefined,
    f.from ? gte(calls.createdAt, new Date(f.from)) : undefined,
    f.to ? lt(calls.createdAt, new Date(f.to)) : undefined,
  );
}

export async function listCalls(db: Db, f: CallListFilter, limit: number, offset: number): Promise<{ rows: CallRow[]; total: number }> {
  const where = whereOf(f);
  const [rows, count] = await Promise.all([
    db.select().from(calls).where(where).orderBy(desc(calls.createdAt), desc(calls.id)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(calls).where(where),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}

/** Stores a provider event once; false when this (provider, event id) was already stored. */
export async function storeEvent(
  db: Db,
  v: {
    callId: string | null;
    provider: string;
    providerEventId: string;
    type: string;
    payload: Record<string, unknown>;
    receivedAt: Date;
    appliedAt?: Date | null;
  },
): Promise<{ id: number } | undefined> {
  // Parsed bodies may be prototype-less objects (form parsers); store a plain JSON copy.
  const payload = JSON.parse(JSON.stringify(v.payload)) as Record<string, unknown>;
  const [row] = await db
    .insert(callEvents)
    .values({ ...v, payload })
    .onConflictDoNothing()
    .returning({ id: callEvents.id });
  return row;
}

export async function listSegments(db: Db, callId: string, afterSeq: number) {
  return db
    .select()
    .from(transcriptSegments)
    .where(and(eq(transcriptSegments.callId, callId), gt(transcriptSegments.seq, afterSeq)))
    .orderBy(asc(transcriptSegments.seq))
    .limit(500);
}

/**
 * Live calls of `provider` whose next event is overdue: not yet answered and placed before
 * `unansweredBefore`, answered before `answeredBefore`, or (when given) placed before `anyBefore`.
 */
export async function overdueCalls(db: Db, provider: string, b: { unansweredBefore: Date; answeredBefore: Date; anyBefore: Date | null }): Promise<CallRow[]> {
  return db
    .select()
    .from(calls)
    .where(
      and(
        inArray(calls.status, LIVE_STATUSES),
        eq(calls.provider, provider),
        or(
          and(ne(calls.status, 'in_progress'), lt(calls.createdAt, b.unansweredBefore)),
          and(eq(calls.status, 'in_progress'), lt(sql`coalesce(${calls.answeredAt}, ${calls.createdAt})`, b.answeredBefore)),
          b.anyBefore ? lt(calls.createdAt, b.anyBefore) : undefined,
        ),
      ),
    )
    .orderBy(asc(calls.createdAt))
    .limit(200);
}

/** Records that `nodeId` is alive at `at`. */
export async function beat(db: Db, nodeId: string, at: Date): Promise<void> {
  await db
    .insert(callNodes)
    .values({ nodeId, seenAt: at })
    .onConflictDoUpdate({ target: callNodes.nodeId, set: { seenAt: at } });
}

export async function forgetNode(db: Db, nodeId: string): Promise<void> {
  await db.delete(callNodes).where(eq(callNodes.nodeId, nodeId));
}

/** Forgets nodes silent since `before` that hold no live call any more. */
export async function forgetSilentNodes(db: Db, before: Date): Promise<void> {
  await db
    .delete(callNodes)
    .where(
      and(
        lt(callNodes.seenAt, before),
        sql`not exists (select 1 from ${calls} where ${calls.heldBy} = ${callNodes.nodeId} and ${inArray(calls.status, LIVE_STATUSES)})`,
      ),
    );
}

/** When `nodeId` last said it was alive; null for a node never seen (or forgotten). */
export async function nodeSeenAt(db: Db, nodeId: string): Promise<Date | null> {
  const [row] = await db.select({ seenAt: callNodes.seenAt }).from(callNodes).where(eq(callNodes.nodeId, nodeId)).limit(1);
  return row?.seenAt ?? null;
}

/**
 * Live calls held by a node other than `self` that has not been seen since `aliveSince`, each with
 * when its node was last seen (null when never).
 */
export async function orphanedCalls(db: Db, self: string, aliveSince: Date): Promise<{ call: CallRow; seenAt: Date | null }[]> {
  const rows = await db
    .select({ call: calls, seenAt: callNodes.seenAt })
    .from(calls)
    .leftJoin(callNodes, eq(callNodes.nodeId, calls.heldBy))
    .where(
      and(
        inArray(calls.status, LIVE_STATUSES),
        isNotNull(calls.heldBy),
        ne(calls.heldBy, self),
        or(sql`${callNodes.seenAt} is null`, lt(callNodes.seenAt, aliveSince)),
      ),
    )
    .orderBy(asc(calls.createdAt))
    .limit(500);
  return rows;
}

/** Live calls held by `nodeId`. */
export async function callsHeldBy(db: Db, nodeId: string): Promise<CallRow[]> {
  return db
    .select()
    .from(calls)
    .where(and(inArray(calls.status, LIVE_STATUSES), eq(calls.heldBy, nodeId)));
}

/** Live calls that started before `before` (the sweep's last resort). */
export async function liveCallsStartedBefore(db: Db, before: Date): Promise<CallRow[]> {
  return db
    .select()
    .from(calls)
    .where(and(inArray(calls.status, LIVE_STATUSES), lt(calls.createdAt, before)))
    .orderBy(asc(calls.createdAt))
    .limit(200);
}

/** Whether the agent had a call with the lead created since `since` (a campaign's lead they took). */
export async function agentHadLead(db: Db, agentId: string, leadId: string, since: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.agentId, agentId), eq(calls.leadId, leadId), gte(calls.createdAt, since)))
    .limit(1);
  return row !== undefined;
}

/** Leads with an outbound call since `since`, the most recently called first. */
export async function recentlyDialledLeadIds(db: Db, since: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ leadId: calls.leadId, last: sql<Date>`max(${calls.createdAt})` })
    .from(calls)
    .where(and(eq(calls.direction, 'outbound'), gte(calls.createdAt, since)))
    .groupBy(calls.leadId)
    .orderBy(sql`max(${calls.createdAt}) desc`)
    .limit(limit);
  return rows.map((r) => r.leadId);
}
