/**
 * Battlecards: per objection, a default card and any campaign's own. The assist engine asks
 * `battlecardFor` on every objection it hears, so answers are cached per node; a change forgets
 * its card here and tells the other nodes to forget it too, and the short lifetime of an entry
 * bounds how stale a node can be when that message is lost.
 */
import type { Battlecard, BattlecardQuery, ObjectionType, PutBattlecardBody } from '@telehub/shared';
import { OBJECTION_TYPES } from '@telehub/shared';
import { createFreshCache } from '../../platform/auth/fresh-cache.js';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isForeignKeyViolation } from '../../platform/db/errors.js';
import type { AuditService } from '../audit/index.js';
import { KnowledgeErrors } from './knowledge.errors.js';
import * as repo from './knowledge.repo.js';

const CARD_TTL_MS = 60_000;

/** The cache key of a card: `default:price`, `<campaign id>:price`. */
export const cardKey = (campaignId: string | null, objection: string) => `${campaignId ?? 'default'}:${objection}`;

const isObjection = (s: string): s is ObjectionType => (OBJECTION_TYPES as readonly string[]).includes(s);

export function toBattlecard(r: repo.CardRow): Battlecard {
  return {
    id: r.id,
    campaignId: r.campaignId,
    objection: isObjection(r.objection) ? r.objection : 'not_interested',
    title: { en: r.titleEn, hi: r.titleHi },
    body: { en: r.bodyEn, hi: r.bodyHi },
    suggestedReply: r.replyEn ? { en: r.replyEn, hi: r.replyHi } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
  };
}

/** Hindi left empty is no Hindi. */
const hi = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

export type CardValues = Omit<repo.CardValues, 'id' | 'createdAt' | 'updatedAt' | 'updatedBy'>;

export function cardValues(body: PutBattlecardBody): CardValues {
  return {
    campaignId: body.campaignId,
    objection: body.objection,
    titleEn: body.title.en,
    titleHi: hi(body.title.hi),
    bodyEn: body.body.en,
    bodyHi: hi(body.body.hi),
    replyEn: body.suggestedReply?.en ?? null,
    replyHi: body.suggestedReply ? hi(body.suggestedReply.hi) : null,
  };
}

export type BattlecardsDeps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  /** Called after a card changed and committed: tells every node (this one too) to forget it. */
  changed(keys: string[]): Promise<void>;
};

export type Battlecards = ReturnType<typeof createBattlecards>;

export function createBattlecards(deps: BattlecardsDeps) {
  const { db, clock, audit } = deps;
  const cache = createFreshCache<repo.CardRow>({
    ttlMs: CARD_TTL_MS,
    load: async (keys) => {
      const pairs = keys.map((k) => k.split(':') as [string, string]);
      const campaigns = [...new Set(pairs.map(([c]) => c).filter((c) => c !== 'default'))];
      const rows = await repo.cardsFor(db, campaigns, [...new Set(pairs.map(([, o]) => o))]);
      return new Map(rows.map((r) => [cardKey(r.campaignId, r.objection), r]));
    },
  });

  async function found(id: string): Promise<repo.CardRow> {
    const row = await repo.findCard(db, id);
    if (!row) throw KnowledgeErrors.BATTLECARD_NOT_FOUND();
    return row;
  }

  return {
    /** The campaign's card for this objection, else the default card, else null (the caller falls back to generic words). */
    async battlecardFor(campaignId: string | null, objection: ObjectionType): Promise<Battlecard | null> {
      const own = campaignId ? cardKey(campaignId, objection) : null;
      const fallback = cardKey(null, objection);
      const cards = await cache.get(own ? [own, fallback] : [fallback]);
      const row = (own ? cards.get(own) : undefined) ?? cards.get(fallback);
      return row ? toBattlecard(row) : null;
    },
    async list(query: BattlecardQuery): Promise<Battlecard[]> {
      return (await repo.listCards(db, query)).map(toBattlecard);
    },
    async get(id: string): Promise<Battlecard> {
      return toBattlecard(await found(id));
    },
    /** Creates or replaces the card of (campaignId, objection). */
    async put(actor: Actor, body: PutBattlecardBody): Promise<{ card: Battlecard; created: boolean }> {
      const now = clock.now();
      let result: { row: repo.CardRow; created: boolean };
      try {
        result = await db.transaction(async (tx) => {
          const r = await repo.upsertCard(tx, { ...cardValues(body), createdAt: now, updatedAt: now, updatedBy: actorRef(actor) });
          await audit.record(
            actor,
            {
              action: r.created ? 'battlecard.create' : 'battlecard.update',
              entityType: 'battlecard',
              entityId: r.row.id,
              details: { objection: body.objection, campaignId: body.campaignId },
            },
            tx,
          );
          return r;
        });
      } catch (err) {
        if (isForeignKeyViolation(err)) throw KnowledgeErrors.KNOWLEDGE_CAMPAIGN_UNKNOWN();
        throw err;
      }
      await deps.changed([cardKey(body.campaignId, body.objection)]);
      return { card: toBattlecard(result.row), created: result.created };
    },
    async remove(actor: Actor, id: string): Promise<void> {
      const row = await db.transaction(async (tx) => {
        const r = await repo.deleteCard(tx, id);
        if (!r) throw KnowledgeErrors.BATTLECARD_NOT_FOUND();
        await audit.record(
          actor,
          { action: 'battlecard.delete', entityType: 'battlecard', entityId: id, details: { objection: r.objection, campaignId: r.campaignId } },
          tx,
        );
        return r;
      });
      await deps.changed([cardKey(row.campaignId, row.objection)]);
    },
    /** Drops cached cards (another node changed them); none given: all. */
    forget(keys?: string[]) {
      cache.forget(keys);
    },
  };
}
