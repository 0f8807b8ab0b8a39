import type { LeadListQuery } from '@telehub/shared';
import { and, arrayContains, asc, desc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, idIn, rowsOf } from '../../platform/db/client.js';
import { phoneSearchTerm } from '../../platform/phone.js';
import { activities, leadIdentities, leads } from './leads.tables.js';

export type LeadRow = typeof leads.$inferSelect;
export type LeadInsert = typeof leads.$inferInsert;
export type ActivityRow = typeof activities.$inferSelect;
export type IdentityRow = typeof leadIdentities.$inferSelect;

/** Builds the membership condition of an outside list (e.g. a campaign) on the lead id column. */
export type LeadIdFilter = (leadId: typeof leads.id) => SQL;

export type LeadFilter = Omit<LeadListQuery, 'page' | 'pageSize' | 'sort' | 'ownerId'> & {
  ownerId?: string | 'unassigned';
  campaignFilter?: LeadIdFilter;
  /** Row-level scope: leads owned by one of these people, or (with `unowned`) by nobody. */
  scope?: { ownerIds: string[]; unowned: boolean };
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function searchCondition(q: string): SQL | undefined {
  const phone = phoneSearchTerm(q);
  if (phone.e164 || phone.digits) {
    const parts: SQL[] = [];
    if (phone.e164) parts.push(eq(leads.phone, phone.e164));
    if (phone.digits) parts.push(sql`${leads.searchText} like ${`%${escapeLike(phone.digits)}%`}`);
    return or(...parts);
  }
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return undefined;
  return and(...words.map((w) => sql`${leads.searchText} like ${`%${escapeLike(w)}%`}`));
}

export function whereOf(f: LeadFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [isNull(leads.deletedAt)];
  if (f.q) conds.push(searchCondition(f.q));
  if (f.status?.length) conds.push(inArray(leads.status, f.status));
  if (f.ownerId === 'unassigned') conds.push(isNull(leads.ownerId));
  else if (f.ownerId) conds.push(eq(leads.ownerId, f.ownerId));
  if (f.tag) conds.push(arrayContains(leads.tags, [f.tag]));
  if (f.dnd !== undefined) conds.push(eq(leads.dnd, f.dnd));
  if (f.campaignFilter) conds.push(f.campaignFilter(leads.id));
  if (f.scope) {
    const owned = f.scope.ownerIds.length > 0 ? idIn(leads.ownerId, f.scope.ownerIds) : sql`false`;
    conds.push(f.scope.unowned ? or(owned, isNull(leads.ownerId)) : owned);
  }
  return and(...conds);
}

const SORTS: Record<LeadListQuery['sort'], SQL[]> = {
  createdAt: [asc(leads.createdAt), asc(leads.id)],
  '-createdAt': [desc(leads.createdAt), desc(leads.id)],
  updatedAt: [asc(leads.updatedAt), asc(leads.id)],
  '-updatedAt': [desc(leads.updatedAt), desc(leads.id)],
  name: [asc(sql`lower(${leads.name})`), asc(leads.id)],
  '-name': [desc(sql`lower(${leads.name})`), desc(leads.id)],
  score: [sql`${leads.score} asc nulls first`, asc(leads.id)],
  '-score': [sql`${leads.score} desc nulls last`, desc(leads.id)],
};

export async function listLeads(db: Db, f: LeadFilter, sort: LeadListQuery['sort'], limit: number, offset: number) {
  const where = whereOf(f);
  const [items, count] = await Promise.all([
    db
      .select()
      .from(leads)
      .where(where)
      .orderBy(...SORTS[sort])
      .limit(limit)
      .offset(offset),
    countLeadsBounded(db, where, EXACT_COUNT_LIMIT),
  ]);
  return { items, ...count };
}

/** Up to this many matches a list reports an exact total; beyond it, the planner's estimate. */
export const EXACT_COUNT_LIMIT = 10_000;

/**
 * Counting every match of a broad filter over a million leads costs more than the page itself.
 * Count exactly up to `cap`, and past it use the planner's row estimate (never below cap + 1).
 */
async function countLeadsBounded(db: Db, where: SQL | undefined, cap: number): Promise<{ total: number; totalExact: boolean }> {
  // Builders are mutable (limit() changes them in place): make one for each query.
  const matches = () => db.select({ one: sql`1` }).from(leads).where(where);
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(
    matches()
      .limit(cap + 1)
      .as('capped'),
  );
  const n = row?.n ?? 0;
  if (n <= cap) return { total: n, totalExact: true };
  const plan = rowsOf<{ 'QUERY PLAN': unknown }>(await db.execute(sql`explain (format json) ${matches()}`))[0]?.['QUERY PLAN'];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan?: { 'Plan Rows'?: number } }[];
  const estimate = Math.round(parsed[0]?.Plan?.['Plan Rows'] ?? 0);
  return { total: Math.max(estimate, cap + 1), totalExact: false };
}

export async function countLeads(db: Db, f: LeadFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(leads).where(whereOf(f));
  return row?.n ?? 0;
}

/** Keyset pages for exports: constant memory however many leads match. */
export async function* iterateLeads(db: Db, f: LeadFilter, batch = 1000): AsyncGenerator<LeadRow[]> {
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const cursor = after ? or(gt(leads.createdAt, after.createdAt), and(eq(leads.createdAt, after.createdAt), gt(leads.id, after.id))) : undefined;
    const rows = await db
      .select()
      .from(leads)
      .where(and(whereOf(f), cursor))
      .orderBy(asc(leads.createdAt), asc(leads.id))
      .limit(batch);
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < batch) return;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

export async function findLead(db: Db, id: string): Promise<LeadRow | undefined> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), isNull(leads.deletedAt)));
  return row;
}

/** Live leads by id, in one statement; missing and deleted ones are absent. */
export async function findLeads(db: Db, ids: string[]): Promise<LeadRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(leads)
    .where(and(inArray(leads.id, ids), isNull(leads.deletedAt)));
}

export async function findLiveLeadByPhone(db: Db, phone: string): Promise<LeadRow | undefined> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.phone, phone), isNull(leads.deletedAt)));
  return row;
}

export async function insertLead(db: Db, values: LeadInsert): Promise<LeadRow> {
  const [row] = await db.insert(leads).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Inserts many leads in one statement; rows come back in input order. */
export async function insertLeads(db: Db, values: LeadInsert[]): Promise<LeadRow[]> {
  if (values.length === 0) return [];
  return db.insert(leads).values(values).returning();
}

export async function updateLeadRow(db: Db, id: string, values: Partial<LeadInsert>): Promise<LeadRow | undefined> {
  const [row] = await db
    .update(leads)
    .set(values)
    .where(and(eq(leads.id, id), isNull(leads.deletedAt)))
    .returning();
  return row;
}

export async function identitiesOf(db: Db, leadIds: string[]): Promise<IdentityRow[]> {
  if (leadIds.length === 0) return [];
  return db.select().from(leadIdentities).where(inArray(leadIdentities.leadId, leadIds)).orderBy(asc(leadIdentities.firstSeenAt));
}

export async function insertIdentity(db: Db, values: typeof leadIdentities.$inferInsert) {
  await db.insert(leadIdentities).values(values).onConflictDoNothing();
}

/** Records (or refreshes) a source identity with the version of the record last applied. */
export async function touchIdentity(db: Db, v: { leadId: string; source: string; externalId: string; sourceUpdatedAt: Date; now: Date }) {
  await db
    .insert(leadIdentities)
    .values({ leadId: v.leadId, source: v.source, externalId: v.externalId, data: { sourceUpdatedAt: v.sourceUpdatedAt.toISOString() }, lastSeenAt: v.now })
    .onConflictDoUpdate({
      target: [leadIdentities.source, leadIdentities.externalId],
      set: {
        lastSeenAt: v.now,
        data: sql`jsonb_set(${leadIdentities.data}, '{sourceUpdatedAt}', to_jsonb(greatest(coalesce(${leadIdentities.data}->>'sourceUpdatedAt', ''), ${v.sourceUpdatedAt.toISOString()}::text)))`,
      },
    });
}

export async function externalIdOf(db: Db, leadId: string, source: string): Promise<string | null> {
  const [row] = await db
    .select({ externalId: leadIdentities.externalId })
    .from(leadIdentities)
    .where(and(eq(leadIdentities.leadId, leadId), eq(leadIdentities.source, source)))
    .orderBy(asc(leadIdentities.firstSeenAt))
    .limit(1);
  return row?.externalId ?? null;
}

export async function insertActivities(db: Db, values: (typeof activities.$inferInsert)[]) {
  if (values.length > 0) await db.insert(activities).values(values);
}

export async function listActivities(db: Db, leadId: string, before: { createdAt: Date; id: string } | undefined, limit: number): Promise<ActivityRow[]> {
  const cursor = before ? sql`(${activities.createdAt}, ${activities.id}) < (${before.createdAt}, ${before.id})` : undefined;
  return db
    .select()
    .from(activities)
    .where(and(eq(activities.leadId, leadId), cursor))
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(limit);
}
