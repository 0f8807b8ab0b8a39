import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { campaigns } from '../campaigns/campaigns.tables.js';
import { users } from '../users/users.tables.js';

export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: id(),
    title: text('title').notNull(),
    /** Markdown. */
    body: text('body').notNull(),
    /** en or hi. */
    language: text('language').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** null: the article serves every campaign. */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('knowledge_articles_campaign_idx').on(t.campaignId), index('knowledge_articles_updated_idx').on(t.updatedAt)],
);

/** One card per objection and campaign; campaign_id null is the default card (one per objection). */
export const battlecards = pgTable(
  'battlecards',
  {
    id: id(),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    /** One of OBJECTION_TYPES. */
    objection: text('objection').notNull(),
    titleEn: text('title_en').notNull(),
    titleHi: text('title_hi'),
    bodyEn: text('body_en').notNull(),
    bodyHi: text('body_hi'),
    replyEn: text('reply_en'),
    replyHi: text('reply_hi'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [unique('battlecards_campaign_objection_key').on(t.campaignId, t.objection).nullsNotDistinct()],
);
