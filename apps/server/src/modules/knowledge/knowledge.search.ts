/**
 * Keeps this node's search index (knowledge.index.ts) equal to the articles in the database.
 * Built once at start; then every change, made here or announced by another node, is applied
 * by reading the changed articles again, and a periodic comparison of versions repairs what a
 * lost announcement left behind. All of it runs one step at a time, so a slow read can never
 * put an older version back over a newer one.
 */
import type { KnowledgeHit } from '@telehub/shared';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import { createKnowledgeIndex, type IndexedArticle, type IndexFilter } from './knowledge.index.js';
import * as repo from './knowledge.repo.js';

const BATCH = 1000;

export const indexedArticle = (r: repo.ArticleRow): IndexedArticle => ({
  id: r.id,
  title: r.title,
  body: r.body,
  language: r.language === 'hi' ? 'hi' : 'en',
  tags: r.tags,
  campaignId: r.campaignId,
  active: r.active,
  updatedAt: r.updatedAt.getTime(),
});

export type KnowledgeSearch = ReturnType<typeof createKnowledgeSearch>;

export function createKnowledgeSearch(deps: { db: Db; logger: Logger }) {
  const { db, logger } = deps;
  const index = createKnowledgeIndex();
  let chain: Promise<unknown> = Promise.resolve();
  let built: Promise<void> | null = null;

  /** Runs `work` after everything queued before it; its failure is the caller's, not the queue's. */
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = chain.then(work);
    chain = run.catch((err: unknown) => logger.error({ err }, 'knowledge index: update failed'));
    return run;
  }

  async function loadAll() {
    const started = performance.now();
    index.clear();
    let after: string | null = null;
    for (;;) {
      const rows = await repo.articleBatch(db, after, BATCH);
      for (const r of rows) index.upsert(indexedArticle(r));
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]?.id ?? null;
    }
    logger.info({ articles: index.size, ms: Math.round(performance.now() - started) }, 'knowledge index built');
  }

  function build(): Promise<void> {
    if (!built) {
      built = enqueue(loadAll);
      // A failed build is tried again by the next caller.
      built.catch(() => {
        built = null;
      });
    }
    return built;
  }

  /** Reads these articles again: changed ones are re-indexed, missing ones dropped. */
  async function reload(ids: string[]) {
    for (let i = 0; i < ids.length; i += BATCH) {
      const part = ids.slice(i, i + BATCH);
      const rows = await repo.articlesAmong(db, part, {});
      const found = new Set(rows.map((r) => r.id));
      for (const r of rows) index.upsert(indexedArticle(r));
      for (const id of part) if (!found.has(id)) index.remove(id);
    }
  }

  return {
    build,
    /** Applies changes to these articles; resolves once the index has them. */
    sync(ids: string[]): Promise<void> {
      if (ids.length === 0 || !built) return Promise.resolve();
      return enqueue(() => reload(ids));
    },
    /** Compares every article's version with the database and mends the differences; returns how many. */
    resync(): Promise<number> {
      if (!built) return Promise.resolve(0);
      return enqueue(async () => {
        const current = await repo.articleVersions(db);
        const held = index.versions();
        const changed: string[] = [];
        for (const { id, updatedAt } of current) {
          if (held.get(id) !== updatedAt.getTime()) changed.push(id);
          held.delete(id);
        }
        for (const id of held.keys()) index.remove(id);
        await reload(changed);
        const mended = changed.length + held.size;
        if (mended > 0) logger.warn({ mended }, 'knowledge index: mended articles a change message had missed');
        return mended;
      });
    },
    async search(q: string, filter: IndexFilter, limit: number): Promise<KnowledgeHit[]> {
      await build();
      return index.search(q, filter, limit);
    },
    async rankIds(q: string, filter: IndexFilter, limit: number): Promise<string[]> {
      await build();
      return index.rankIds(q, filter, limit);
    },
    /** Resolves when every queued change has been applied. */
    idle: () => chain.then(() => undefined),
    get size() {
      return index.size;
    },
  };
}
