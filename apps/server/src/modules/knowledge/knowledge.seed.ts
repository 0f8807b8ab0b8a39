/**
 * Demo content for the knowledge base and the battlecards, loaded with the demo organisation.
 *
 * A fresh production install gets none of it, default battlecards included: their words speak
 * for one organisation (its fees, its registration, its placement figures), and an organisation
 * must not find another's claims in its telecallers' mouths. Until an admin writes a card,
 * `battlecardFor` answers null and the assist engine shows its generic advice.
 */
import { OBJECTION_TYPES } from '@telehub/shared';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { cardKey } from './knowledge.battlecards.js';
import * as repo from './knowledge.repo.js';
import { SEED_ARTICLES } from './knowledge.seed-articles.js';
import { SEED_CAMPAIGN_CARD, SEED_CARDS, type SeedCard } from './knowledge.seed-cards.js';

const cardRow = (c: SeedCard, campaignId: string | null, at: Date, by: string | null): repo.CardValues => ({
  campaignId,
  objection: c.objection,
  titleEn: c.title.en,
  titleHi: c.title.hi,
  bodyEn: c.body.en,
  bodyHi: c.body.hi,
  replyEn: c.reply.en,
  replyHi: c.reply.hi,
  createdAt: at,
  updatedAt: at,
  updatedBy: by,
});

/**
 * Stores the demo articles and cards unless the knowledge base already has content. Articles
 * marked for a campaign, and the campaign's own card, go to `campaignId` (skipped without one).
 * Returns the ids of the articles and the keys of the cards it stored.
 */
export async function seedDemoContent(deps: { db: Db; clock: Clock }, actor: Actor, opts: { campaignId?: string }) {
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const [anyArticle] = await repo.articleBatch(tx, null, 1);
    const anyCard = (await repo.listCards(tx, {})).length > 0;
    if (anyArticle || anyCard) return { articles: [] as string[], battlecards: [] as string[] };
    const at = clock.now();
    const by = actorRef(actor);
    const articles = await repo.insertArticles(
      tx,
      SEED_ARTICLES.filter((a) => !a.forCampaign || opts.campaignId).map((a) => ({
        title: a.title,
        body: a.body,
        language: a.language,
        tags: a.tags,
        campaignId: a.forCampaign ? (opts.campaignId ?? null) : null,
        createdAt: at,
        updatedAt: at,
        updatedBy: by,
      })),
    );
    const cards = OBJECTION_TYPES.map((objection) => ({ objection, ...SEED_CARDS[objection] }));
    const keys: string[] = [];
    for (const c of cards) {
      await repo.upsertCard(tx, cardRow(c, null, at, by));
      keys.push(cardKey(null, c.objection));
    }
    if (opts.campaignId) {
      await repo.upsertCard(tx, cardRow(SEED_CAMPAIGN_CARD, opts.campaignId, at, by));
      keys.push(cardKey(opts.campaignId, SEED_CAMPAIGN_CARD.objection));
    }
    return { articles: articles.map((a) => a.id), battlecards: keys };
  });
}
