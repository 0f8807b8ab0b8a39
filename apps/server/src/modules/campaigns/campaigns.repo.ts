import { asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.js';
import { campaignMembers, campaigns } from './campaigns.tables.js';

export type CampaignRow = typeof campaigns.$inferSelect;

export async function listCampaigns(db: Db) {
  // Qualified by hand: inside a subquery drizzle would leave the columns ambiguous.
  const members = sql<number>`(select count(*)::int from ${campaignMembers} m where m.campaign_id = "campaigns"."id")`;
  return db.select({ campaign: campaigns, members }).from(campaigns).orderBy(asc(campaigns.name));
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
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
    .where(inArray(campaignMembers.leadId, leadIds));
}

/** `lead id in campaign` as a condition other modules can put in their own queries. */
export function membershipCondition(campaignId: string, leadId: AnyPgColumn): SQL {
  return sql`exists (select 1 from ${campaignMembers} m where m.campaign_id = ${campaignId} and m.lead_id = ${leadId})`;
}
