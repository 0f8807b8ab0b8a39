import { and, asc, count, desc, eq, getTableColumns, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, idIn } from '../../platform/db/client.js';
import { battlecards, knowledgeArticles } from './knowledge.tables.js';

export type ArticleRow = typeof knowledgeArticles.$inferSelect;
export type ArticleValues = typeof knowledgeArticles.$inferInsert;
export type CardRow = typeof battlecards.$inferSelect;
export type CardValues = typeof battlecards.$inferInsert;

export type ArticleFilter = { language?: string; campaignExact?: string; tag?: string; active?: boolean; ids?: string[] };

function articleWhere(f: ArticleFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.language) conds.push(eq(knowledgeArticles.language, f.language));
  if (f.campaignExact === 'none') conds.push(isNull(knowledgeArticles.campaignId));
  else if (f.campaignExact) conds.push(eq(knowledgeArticles.campaignId, f.campaignExact));
  if (f.tag) conds.push(sql`${knowledgeArticles.tags} @> ${JSON.stringify([f.tag])}::jsonb`);
  if (f.active !== undefined) conds.push(eq(knowledgeArticles.active, f.active));
  if (f.ids) conds.push(idIn(knowledgeArticles.id, f.ids));
  return conds.length > 0 ? and(...conds) : undefined;
}

/** A page of articles, newest change first. */
export async function listArticles(db: Db, f: ArticleFilter, limit: number, offset: number): Promise<{ items: ArticleRow[]; total: number }> {
  const where = articleWhere(f);
  const [items, [total]] = await Promise.all([
    db.select().from(knowledgeArticles).where(where).orderBy(desc(knowledgeArticles.updatedAt), asc(knowledgeArticles.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(knowledgeArticles).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

/** Every article matching `f` among `ids` (no paging: the caller ranked and cut them). */
export async function articlesAmong(db: Db, ids: string[], f: ArticleFilter): Promise<ArticleRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(knowledgeArticles)
    .where(articleWhere({ ...f, ids }));
}

export async function findArticle(db: Db, id: string): Promise<ArticleRow | undefined> {
  const [row] = await db.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id));
  return row;
}

/** Articles in id order after `afterId`, for reading the whole base in batches. */
export async function articleBatch(db: Db, afterId: string | null, limit: number): Promise<ArticleRow[]> {
  return db
    .select()
    .from(knowledgeArticles)
    .where(afterId ? gt(knowledgeArticles.id, afterId) : undefined)
    .orderBy(asc(knowledgeArticles.id))
    .limit(limit);
}

/** Which version of each article the database holds: id and updated_at only. */
export async function articleVersions(db: Db): Promise<{ id: string; updatedAt: Date }[]> {
  return db.select({ id: knowledgeArticles.id, updatedAt: knowledgeArticles.updatedAt }).from(knowledgeArticles);
}

export async function insertArticles(db: Db, values: ArticleValues[]): Promise<ArticleRow[]> {
  if (values.length === 0) return [];
  return db.insert(knowledgeArticles).values(values).returning();
}

export async function updateArticle(db: Db, id: string, values: Partial<ArticleValues>): Promise<ArticleRow | undefined> {
  const [row] = await db.update(knowledgeArticles).set(values).where(eq(knowledgeArticles.id, id)).returning();
  return row;
}

export async function deleteArticle(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(knowledgeArticles).where(eq(knowledgeArticles.id, id)).returning({ id: knowledgeArticles.id });
  return rows.length > 0;
}

/** Articles an import replaces: the same title (any case), language and campaign. */
export async function articlesByTitle(db: Db, titles: string[]): Promise<ArticleRow[]> {
  if (titles.length === 0) return [];
  const lowered = [...new Set(titles.map((t) => t.toLowerCase()))];
  return db
    .select()
    .from(knowledgeArticles)
    .where(inArray(sql`lower(${knowledgeArticles.title})`, lowered));
}

export async function listCards(db: Db, f: { campaignId?: string; objection?: string }): Promise<CardRow[]> {
  const conds: SQL[] = [];
  if (f.campaignId === 'default') conds.push(isNull(battlecards.campaignId));
  else if (f.campaignId) conds.push(eq(battlecards.campaignId, f.campaignId));
  if (f.objection) conds.push(eq(battlecards.objection, f.objection));
  return db
    .select()
    .from(battlecards)
    .where(conds.length > 0 ? and(...conds) : undefined)
    .orderBy(sql`${battlecards.campaignId} nulls first`, asc(battlecards.objection));
}

export async function findCard(db: Db, id: string): Promise<CardRow | undefined> {
  const [row] = await db.select().from(battlecards).where(eq(battlecards.id, id));
  return row;
}

/** The cards of these objections for these campaigns, and the default ones. */
export async function cardsFor(db: Db, campaignIds: string[], objections: string[]): Promise<CardRow[]> {
  if (objections.length === 0) return [];
  const campaign = campaignIds.length > 0 ? or(isNull(battlecards.campaignId), idIn(battlecards.campaignId, campaignIds)) : isNull(battlecards.campaignId);
  return db
    .select()
    .from(battlecards)
    .where(and(inArray(battlecards.objection, objections), campaign));
}

/** Creates the card of (campaign, objection) or replaces it; `created` tells which. */
export async function upsertCard(db: Db, values: CardValues): Promise<{ row: CardRow; created: boolean }> {
  const { campaignId: _c, objection: _o, createdAt: _a, ...change } = values;
  const [row] = await db
    .insert(battlecards)
    .values(values)
    .onConflictDoUpdate({ target: [battlecards.campaignId, battlecards.objection], set: change })
    // xmax is 0 on a row this statement inserted, set on one it updated.
    .returning({ ...getTableColumns(battlecards), created: sql<boolean>`(xmax = 0)` });
  if (!row) throw new Error('upsert returned no row');
  const { created, ...card } = row;
  return { row: card, created };
}

export async function deleteCard(db: Db, id: string): Promise<CardRow | undefined> {
  const [row] = await db.delete(battlecards).where(eq(battlecards.id, id)).returning();
  return row;
}
