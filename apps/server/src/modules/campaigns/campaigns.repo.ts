import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Db, idIn } from '../../platform/db/client.js';
import { campaignMembers, campaigns } from './campaigns.tables.js';

export type CampaignRow = typeof campaigns.$inferSelect;

export async function listCampaigns(db: Db) {
  // Qualified by hand: inside a subquery drizzle would leave the columns ambiguous.
  const members = sql<number>`(select count(*)::int from ${campaignMembers} m where m.campaign_id = "campaigns"."id")`;
  return db.select({ campaign: campaigns, members }).from(campaigns).orderBy(asc(campaigns.name));
}

/** Name, teams, cost and abandon cap of every campaign, without counting members. */
export async function listCampaignBriefs(db: Db) {
  return db
    .select({ id: campaigns.id, name: campaigns.name, teamIds: campaigns.teamIds, cost: campaigns.cost, maxAbandonRate: campaigns.maxAbandonRate })
    .from(campaigns);
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

export async function updateCampaign(db: Db, id: string, values: Partial<typeof campaigns.$inferInsert>): Promise<CampaignRow | undefined> {
  const [row] = await db.update(campaigns).set(values).where(eq(campaigns.id, id)).returning();
  return row;
}

export async function memberCount(db: Db, id: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(campaignMembers).where(eq(campaignMembers.campaignId, id));
  return Number(row?.n ?? 0);
}

export async function runningCampaigns(db: Db): Promise<CampaignRow[]> {
  // Paused campaigns dial nothing new, but their answered calls still need an agent.
  return db
    .select()
    .from(campaigns)
    .where(inArray(campaigns.status, ['running', 'paused']))
    .orderBy(sql`${campaigns.priority} desc`, asc(campaigns.createdAt));
}

export async function insertCampaign(db: Db, values: typeof campaigns.$inferInsert): Promise<CampaignRow> {
  const [row] = await db.insert(campaigns).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Adds leads to a campaign's queue; leads already in it are left as they are. Returns how many were new. */
export async function addMembers(db: Db, campaignId: string, leadIds: string[]): Promise<number> {
  if (leadIds.length === 0) return 0;
  const rows = await db
    .insert(campaignMembers)
    .values(leadIds.map((leadId) => ({ campaignId, leadId })))
    .onConflictDoNothing()
    .returning({ leadId: campaignMembers.leadId });
  return rows.length;
}

export async function campaignIdsOfLeads(db: Db, leadIds: string[]) {
  if (leadIds.length === 0) return [];
  return db
    .select({ leadId: campaignMembers.leadId, campaignId: campaignMembers.campaignId })
    .from(campaignMembers)
    .where(idIn(campaignMembers.leadId, leadIds));
}

/** Moves a lead's memberships to another lead; where both are in one campaign, the moved row is removed. */
export async function moveMembers(db: Db, fromId: string, toId: string) {
  const removed = await db
    .delete(campaignMembers)
    .where(
      and(eq(campaignMembers.leadId, fromId), sql`${campaignMembers.campaignId} in (select m.campaign_id from ${campaignMembers} m where m.lead_id = ${toId})`),
    )
    .returning();
  const moved = await db
    .update(campaignMembers)
    .set({ leadId: toId })
    .where(eq(campaignMembers.leadId, fromId))
    .returning({ campaignId: campaignMembers.campaignId });
  return {
    moved: moved.map((m) => m.campaignId),
    removed: removed.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    })),
  };
}

export async function restoreMembers(db: Db, undo: { moved: string[]; removed: Record<string, unknown>[] }, fromId: string, toId: string) {
  if (undo.moved.length)
    await db
      .update(campaignMembers)
      .set({ leadId: fromId })
      .where(and(eq(campaignMembers.leadId, toId), inArray(campaignMembers.campaignId, undo.moved)));
  for (const r of undo.removed) {
    await db
      .insert(campaignMembers)
      .values({
        campaignId: String(r.campaignId),
        leadId: fromId,
        status: String(r.status),
        priority: Number(r.priority),
        attempts: Number(r.attempts),
        lastAttemptAt: r.lastAttemptAt ? new Date(String(r.lastAttemptAt)) : null,
        nextAttemptAt: r.nextAttemptAt ? new Date(String(r.nextAttemptAt)) : null,
        createdAt: new Date(String(r.createdAt)),
      })
      .onConflictDoNothing();
  }
}

/** A lead's places in campaign queues, with the campaign's name. */
export async function membershipsOf(db: Db, leadId: string) {
  return db
    .select({
      name: campaigns.name,
      status: campaignMembers.status,
      attempts: campaignMembers.attempts,
      lastAttemptAt: campaignMembers.lastAttemptAt,
      createdAt: campaignMembers.createdAt,
    })
    .from(campaignMembers)
    .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
    .where(eq(campaignMembers.leadId, leadId));
}

export async function removeMemberships(db: Db, leadId: string): Promise<void> {
  await db.delete(campaignMembers).where(eq(campaignMembers.leadId, leadId));
}

/** `lead id in campaign` as a condition other modules can put in their own queries. */
export function membershipCondition(campaignId: string, leadId: AnyPgColumn): SQL {
  return sql`exists (select 1 from ${campaignMembers} m where m.campaign_id = ${campaignId} and m.lead_id = ${leadId})`;
}
