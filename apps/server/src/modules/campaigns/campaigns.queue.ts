/**
 * The dial queue (campaign_members): leasing due leads to one dialer at a time with
 * FOR UPDATE SKIP LOCKED, so two nodes never dial one lead; attaching the call; moving the lead on
 * once the attempt ends; and the counts the campaign page shows.
 */
import type { CampaignQueue } from '@telehub/shared';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import type { MemberMove } from './campaigns.retry.js';
import { campaignMembers } from './campaigns.tables.js';

export type MemberRow = typeof campaignMembers.$inferSelect;

type Raw = {
  campaign_id: string;
  lead_id: string;
  status: string;
  attempts: number;
  outcomes: Record<string, number>;
  call_id: string | null;
  leased_by: string | null;
};

export type LeasedMember = { campaignId: string; leadId: string; attempts: number; outcomes: Record<string, number> };

const toLeased = (r: Raw): LeasedMember => ({ campaignId: r.campaign_id, leadId: r.lead_id, attempts: Number(r.attempts), outcomes: r.outcomes ?? {} });

/**
 * Leases up to `limit` due leads: callbacks due first, then by priority and wait. With
 * `restSince`, leads abandoned (in any campaign) after it are left out.
 */
export async function leaseDue(
  db: Db,
  o: { campaignId: string; limit: number; holder: string; now: Date; until: Date; restSince?: Date | null },
): Promise<LeasedMember[]> {
  if (o.limit <= 0) return [];
  const rest: SQL = o.restSince
    ? sql`and not exists (select 1 from ${campaignMembers} a where a.lead_id = m.lead_id and a.abandoned_at > ${o.restSince})`
    : sql``;
  const rows = await db.execute(sql`
    with picked as (
      select m.campaign_id, m.lead_id from ${campaignMembers} m
      where m.campaign_id = ${o.campaignId}
        and m.status in ('pending', 'retry')
        and (m.next_attempt_at is null or m.next_attempt_at <= ${o.now})
        ${rest}
      order by m.callback desc, m.priority desc, m.next_attempt_at asc nulls first, m.created_at asc, m.lead_id
      limit ${o.limit}
      for update of m skip locked)
    update ${campaignMembers} m set status = 'in_flight', leased_by = ${o.holder}, leased_until = ${o.until}, call_id = null
    from picked where m.campaign_id = picked.campaign_id and m.lead_id = picked.lead_id
    returning m.campaign_id, m.lead_id, m.status, m.attempts, m.outcomes, m.call_id, m.leased_by`);
  return rowsOf<Raw>(rows).map(toLeased);
}

/** The lead held for an agent in preview, if any and still theirs. */
export async function heldFor(db: Db, campaignId: string, holder: string, now: Date): Promise<LeasedMember | undefined> {
  const rows = await db.execute(sql`
    select campaign_id, lead_id, status, attempts, outcomes, call_id, leased_by from ${campaignMembers}
    where campaign_id = ${campaignId} and status = 'in_flight' and leased_by = ${holder} and call_id is null and leased_until > ${now}
    limit 1`);
  const [row] = rowsOf<Raw>(rows);
  return row ? toLeased(row) : undefined;
}

/** The dial went out: the call is attached and counted as an attempt; the lease lasts until the call ends. */
export async function attachCall(db: Db, m: { campaignId: string; leadId: string; callId: string; now: Date }) {
  await db
    .update(campaignMembers)
    .set({ callId: m.callId, attempts: sql`${campaignMembers.attempts} + 1`, lastAttemptAt: m.now, leasedUntil: null })
    .where(and(eq(campaignMembers.campaignId, m.campaignId), eq(campaignMembers.leadId, m.leadId)));
}

export async function memberOfCall(db: Db, callId: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(campaignMembers).where(eq(campaignMembers.callId, callId)).limit(1);
  return row;
}

export async function findMember(db: Db, campaignId: string, leadId: string): Promise<MemberRow | undefined> {
  const [row] = await db
    .select()
    .from(campaignMembers)
    .where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.leadId, leadId)))
    .for('update');
  return row;
}

/** Moves a lead on after an attempt (or a refusal); the lease ends. */
export async function moveMember(db: Db, campaignId: string, leadId: string, move: MemberMove) {
  await db
    .update(campaignMembers)
    .set({
      status: move.status,
      nextAttemptAt: move.nextAttemptAt,
      lastOutcome: move.lastOutcome,
      outcomes: move.outcomes,
      callback: move.callback,
      leasedBy: null,
      leasedUntil: null,
      ...(move.abandonedAt ? { abandonedAt: move.abandonedAt } : {}),
    })
    .where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.leadId, leadId)));
}

/** Leases that ran out before a call was attached (the node died between lease and dial): back in the queue. */
export async function releaseExpired(db: Db, campaignId: string, now: Date): Promise<number> {
  const rows = await db
    .update(campaignMembers)
    .set({ status: 'pending', leasedBy: null, leasedUntil: null })
    .where(
      and(
        eq(campaignMembers.campaignId, campaignId),
        eq(campaignMembers.status, 'in_flight'),
        sql`${campaignMembers.callId} is null`,
        sql`${campaignMembers.leasedUntil} < ${now}`,
      ),
    )
    .returning({ leadId: campaignMembers.leadId });
  return rows.length;
}

/** In-flight leads with a call, for the dialer to check that call has not ended unseen. */
export async function inFlightCalls(db: Db, campaignId: string): Promise<{ leadId: string; callId: string }[]> {
  const rows = await db
    .select({ leadId: campaignMembers.leadId, callId: campaignMembers.callId })
    .from(campaignMembers)
    .where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.status, 'in_flight'), sql`${campaignMembers.callId} is not null`));
  return rows.flatMap((r) => (r.callId ? [{ leadId: r.leadId, callId: r.callId }] : []));
}

export async function queueCounts(db: Db, campaignId: string, now: Date): Promise<CampaignQueue> {
  const rows = rowsOf<{ status: string; due: boolean; n: number }>(
    await db.execute(sql`
      select status, (next_attempt_at is null or next_attempt_at <= ${now}) as due, count(*)::int as n
      from ${campaignMembers} where campaign_id = ${campaignId} group by 1, 2`),
  );
  const q: CampaignQueue = { pending: 0, inFlight: 0, retry: 0, done: 0, exhausted: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status === 'pending') q.pending += n;
    else if (r.status === 'in_flight') q.inFlight += n;
    else if (r.status === 'retry') q.retry += n;
    else if (r.status === 'done') q.done += n;
    else if (r.status === 'exhausted') q.exhausted += n;
  }
  return q;
}

/**
 * Brings the queue in line with the segment: matching leads not yet in it join; leads that came
 * by the segment, no longer match and are still waiting leave. Leads added by list stay.
 */
export async function refreshSegment(db: Db, campaignId: string, segment: SQL | null): Promise<{ added: number; removed: number }> {
  if (!segment) {
    const removed = await db.execute(sql`
      delete from ${campaignMembers} where campaign_id = ${campaignId} and origin = 'segment' and status in ('pending', 'retry') returning lead_id`);
    return { added: 0, removed: rowsOf(removed).length };
  }
  const added = await db.execute(sql`
    insert into ${campaignMembers} (campaign_id, lead_id, origin, status)
    select ${campaignId}, s.id, 'segment', 'pending' from (${segment}) s
    on conflict do nothing returning lead_id`);
  const removed = await db.execute(sql`
    delete from ${campaignMembers} m where m.campaign_id = ${campaignId} and m.origin = 'segment' and m.status in ('pending', 'retry')
      and not exists (select 1 from (${segment}) s where s.id = m.lead_id) returning lead_id`);
  return { added: rowsOf(added).length, removed: rowsOf(removed).length };
}
