import type {
  CreateKnowledgeArticleBody,
  KnowledgeArticle,
  KnowledgeArticlePage,
  KnowledgeArticleQuery,
  KnowledgeHit,
  KnowledgeImportResult,
  KnowledgeLanguage,
  UpdateKnowledgeArticleBody,
} from '@telehub/shared';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isForeignKeyViolation } from '../../platform/db/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logging.js';
import type { AuditService } from '../audit/index.js';
import { createBattlecards } from './knowledge.battlecards.js';
import { KnowledgeErrors } from './knowledge.errors.js';
import { type ImportUpload, parseImport } from './knowledge.import.js';
import { knowledgePolicy } from './knowledge.policy.js';
import * as repo from './knowledge.repo.js';
import { createKnowledgeSearch } from './knowledge.search.js';
import { seedDemoContent } from './knowledge.seed.js';

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    /** Articles (ids) or battlecards (`<campaign id | default>:<objection>`) changed on node `origin`: other nodes read them again. */
    'knowledge.changed': { origin: string; articles: string[]; battlecards: string[] };
  }
}

export type KnowledgeDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: Pick<AuditService, 'record'>;
  bus: Pick<EventBus, 'publish' | 'subscribe'>;
  /** This node, so it does not read its own changes twice. */
  nodeId: string;
  /** How often the index is compared with the database, in case a change message was lost (ms). */
  resyncMs?: number;
};

export type SearchOptions = { lang?: KnowledgeLanguage; campaignId?: string | null; limit?: number };

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;

export const toArticle = (r: repo.ArticleRow): KnowledgeArticle => ({
  id: r.id,
  title: r.title,
  body: r.body,
  language: r.language === 'hi' ? 'hi' : 'en',
  tags: r.tags,
  campaignId: r.campaignId,
  active: r.active,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy,
});

const RANKED_MAX = 1000;

export function createKnowledgeService(deps: KnowledgeDeps) {
  const { db, clock, audit, logger } = deps;
  const search = createKnowledgeSearch({ db, logger });

  async function announce(articles: string[], battlecards: string[]) {
    await deps.bus.publish('knowledge.changed', { origin: deps.nodeId, articles, battlecards });
  }
  const cards = createBattlecards({
    db,
    clock,
    audit,
    changed: async (keys) => {
      cards.forget(keys);
      await announce([], keys);
    },
  });

  /** After a commit: this node's index first (the caller's next search sees it), then the others. */
  async function articlesChanged(ids: string[]) {
    await search.sync(ids);
    await announce(ids, []);
  }

  async function found(actor: Actor, id: string): Promise<repo.ArticleRow> {
    const row = await repo.findArticle(db, id);
    if (!row || (!row.active && !knowledgePolicy.seesInactive(actor))) throw KnowledgeErrors.KNOWLEDGE_ARTICLE_NOT_FOUND();
    return row;
  }

  async function write<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isForeignKeyViolation(err)) throw KnowledgeErrors.KNOWLEDGE_CAMPAIGN_UNKNOWN();
      throw err;
    }
  }

  const articles = {
    /** A page of articles; with `q`, ranked by the same search telecallers use (either script). */
    async list(actor: Actor, query: KnowledgeArticleQuery): Promise<KnowledgeArticlePage> {
      const active = knowledgePolicy.seesInactive(actor) ? query.active : true;
      const { page, pageSize } = query;
      if (query.q) {
        const ranked = await search.rankIds(
          query.q,
          { lang: query.language, campaignExact: query.campaignId, tag: query.tag, includeInactive: active !== true },
          RANKED_MAX,
        );
        const rows = new Map((await repo.articlesAmong(db, ranked, { active })).map((r) => [r.id, r]));
        const ordered = ranked.flatMap((id) => rows.get(id) ?? []);
        return { items: ordered.slice((page - 1) * pageSize, page * pageSize).map(toArticle), total: ordered.length, page, pageSize };
      }
      const { items, total } = await repo.listArticles(
        db,
        { language: query.language, campaignExact: query.campaignId, tag: query.tag, active },
        pageSize,
        (page - 1) * pageSize,
      );
      return { items: items.map(toArticle), total, page, pageSize };
    },
    async get(actor: Actor, id: string): Promise<KnowledgeArticle> {
      return toArticle(await found(actor, id));
    },
    async create(actor: Actor, body: CreateKnowledgeArticleBody): Promise<KnowledgeArticle> {
      const now = clock.now();
      const row = await write(() =>
        db.transaction(async (tx) => {
          const [r] = await repo.insertArticles(tx, [{ ...body, tags: [...new Set(body.tags)], createdAt: now, updatedAt: now, updatedBy: actorRef(actor) }]);
          if (!r) throw new Error('insert returned no row');
          await audit.record(actor, { action: 'knowledge.create', entityType: 'knowledge_article', entityId: r.id, details: { title: r.title } }, tx);
          return r;
        }),
      );
      await articlesChanged([row.id]);
      return toArticle(row);
    },
    async update(actor: Actor, id: string, body: UpdateKnowledgeArticleBody): Promise<KnowledgeArticle> {
      const row = await write(() =>
        db.transaction(async (tx) => {
          const values = { ...body, ...(body.tags ? { tags: [...new Set(body.tags)] } : {}), updatedAt: clock.now(), updatedBy: actorRef(actor) };
          const r = await repo.updateArticle(tx, id, values);
          if (!r) throw KnowledgeErrors.KNOWLEDGE_ARTICLE_NOT_FOUND();
          await audit.record(actor, { action: 'knowledge.update', entityType: 'knowledge_article', entityId: id, details: { fields: Object.keys(body) } }, tx);
          return r;
        }),
      );
      await articlesChanged([id]);
      return toArticle(row);
    },
    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await repo.deleteArticle(tx, id))) throw KnowledgeErrors.KNOWLEDGE_ARTICLE_NOT_FOUND();
        await audit.record(actor, { action: 'knowledge.delete', entityType: 'knowledge_article', entityId: id }, tx);
      });
      await articlesChanged([id]);
    },
    /**
     * Stores the good articles of a Markdown or CSV file and lists the bad ones by line. An
     * article with the same title, language and campaign as one already stored replaces it, so
     * a corrected file can be uploaded again.
     */
    async import(actor: Actor, upload: ImportUpload, campaignId: string | null): Promise<KnowledgeImportResult> {
      const { format } = upload;
      const parsed = parseImport(upload.bytes, format, campaignId);
      const errors = [...parsed.errors];
      const existing = await repo.articlesByTitle(
        db,
        parsed.articles.map((a) => a.value.title),
      );
      const keyOf = (a: { title: string; language: string; campaignId: string | null }) => `${a.title.toLowerCase()}|${a.language}|${a.campaignId ?? ''}`;
      const stored = new Map(existing.map((r) => [keyOf(r), r.id]));
      const seen = new Map<string, number>();
      const fresh: typeof parsed.articles = [];
      const replace: ((typeof parsed.articles)[number] & { id: string })[] = [];
      for (const a of parsed.articles) {
        const key = keyOf(a.value);
        const first = seen.get(key);
        if (first !== undefined) {
          errors.push({ line: a.line, reason: `the same title and language as the article on line ${first}; give it another title` });
          continue;
        }
        seen.set(key, a.line);
        const id = stored.get(key);
        if (id) replace.push({ ...a, id });
        else fresh.push(a);
      }
      const now = clock.now();
      const by = actorRef(actor);
      const items = await write(() =>
        db.transaction(async (tx) => {
          const out: KnowledgeImportResult['items'] = [];
          for (let i = 0; i < fresh.length; i += 500) {
            const part = fresh.slice(i, i + 500);
            const rows = await repo.insertArticles(
              tx,
              part.map((a) => ({ ...a.value, createdAt: now, updatedAt: now, updatedBy: by })),
            );
            for (const [k, r] of rows.entries()) out.push({ line: part[k]?.line ?? 0, id: r.id, title: r.title, action: 'created' });
          }
          for (const a of replace) {
            const { active: _keep, ...value } = a.value;
            await repo.updateArticle(tx, a.id, { ...value, updatedAt: now, updatedBy: by });
            out.push({ line: a.line, id: a.id, title: a.value.title, action: 'updated' });
          }
          await audit.record(
            actor,
            {
              action: 'knowledge.import',
              entityType: 'knowledge_article',
              details: { filename: upload.filename, format, created: fresh.length, updated: replace.length, rejected: errors.length },
            },
            tx,
          );
          return out.sort((x, y) => x.line - y.line);
        }),
      );
      await articlesChanged(items.map((i) => i.id));
      errors.sort((x, y) => x.line - y.line);
      return { format, total: parsed.total, created: fresh.length, updated: replace.length, rejected: errors.length, errors, items };
    },
  };

  let unsubscribe: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  return {
    articles,
    battlecards: cards,
    battlecardFor: cards.battlecardFor,
    /** Active articles matching `q` in either script, best first (default 10, at most 50). */
    async search(q: string, opts: SearchOptions = {}): Promise<KnowledgeHit[]> {
      const limit = Math.min(50, Math.max(1, opts.limit ?? 10));
      return search.search(q, { lang: opts.lang, campaignId: opts.campaignId }, limit);
    },
    /** Builds the index and follows other nodes' changes. */
    async start(): Promise<void> {
      unsubscribe ??= deps.bus.subscribe('knowledge.changed', async (e) => {
        if (e.origin === deps.nodeId) return;
        if (e.battlecards.length > 0) cards.forget(e.battlecards);
        await search.sync(e.articles);
      });
      await search.build();
      const every = deps.resyncMs ?? 60_000;
      if (!timer && every > 0) {
        timer = setInterval(() => void search.resync().catch(() => undefined), every);
        timer.unref();
      }
    },
    async stop(): Promise<void> {
      unsubscribe?.();
      unsubscribe = undefined;
      if (timer) clearInterval(timer);
      timer = undefined;
      await search.idle();
    },
    /** Compares the index with the database now (what the timer does). */
    resync: () => search.resync(),
    /** Resolves when this node's index has every change it has heard of. */
    idle: () => search.idle(),
    /** Demo content: articles and battlecards for the demo organisation, once. */
    async seedDemo(actor: Actor, opts: { campaignId?: string } = {}) {
      const seeded = await seedDemoContent({ db, clock }, actor, opts);
      if (seeded.articles.length > 0) await articlesChanged(seeded.articles);
      if (seeded.battlecards.length > 0) {
        cards.forget(seeded.battlecards);
        await announce([], seeded.battlecards);
      }
      return { articles: seeded.articles.length, battlecards: seeded.battlecards.length };
    },
  };
}
