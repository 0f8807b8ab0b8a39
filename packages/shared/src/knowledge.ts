/** The knowledge base (articles telecallers and the assistant read) and the battlecards (what to say to each objection). */
import { z } from 'zod';
import { BilingualText, OBJECTION_TYPES } from './assist.js';
import { multiLine, oneLine } from './text.js';

/** The languages an article is written in. */
export const KNOWLEDGE_LANGUAGES = ['en', 'hi'] as const;
export type KnowledgeLanguage = (typeof KNOWLEDGE_LANGUAGES)[number];

export const ARTICLE_TITLE_MAX = 200;
export const ARTICLE_BODY_MAX = 20_000;
export const ARTICLE_TAGS_MAX = 20;

const tag = oneLine(z.string().trim().min(1, 'a tag must not be empty').max(40, 'a tag is at most 40 characters'));

export const KnowledgeArticle = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string().describe('Markdown'),
  language: z.enum(KNOWLEDGE_LANGUAGES),
  tags: z.array(z.string()),
  campaignId: z.uuid().nullable().describe('null: the article serves every campaign'),
  active: z.boolean().describe('inactive articles are kept but never found by search'),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.uuid().nullable(),
});
export type KnowledgeArticle = z.infer<typeof KnowledgeArticle>;

const articleFields = {
  title: oneLine(z.string().trim().min(1, 'title must not be empty').max(ARTICLE_TITLE_MAX, `title is at most ${ARTICLE_TITLE_MAX} characters`)),
  body: multiLine(
    z
      .string()
      .trim()
      .min(1, 'body must not be empty')
      .max(ARTICLE_BODY_MAX, `body is at most ${ARTICLE_BODY_MAX.toLocaleString('en')} characters`),
  ),
  language: z.enum(KNOWLEDGE_LANGUAGES),
  tags: z.array(tag).max(ARTICLE_TAGS_MAX, `at most ${ARTICLE_TAGS_MAX} tags`),
  campaignId: z.uuid().nullable(),
  active: z.boolean(),
};

export const CreateKnowledgeArticleBody = z.object({
  ...articleFields,
  tags: articleFields.tags.default([]),
  campaignId: articleFields.campaignId.default(null),
  active: articleFields.active.default(true),
});
export type CreateKnowledgeArticleBody = z.infer<typeof CreateKnowledgeArticleBody>;

/** Fields left out stay as they are. */
export const UpdateKnowledgeArticleBody = z.object(articleFields).partial();
export type UpdateKnowledgeArticleBody = z.infer<typeof UpdateKnowledgeArticleBody>;

export const KnowledgeArticleQuery = z.object({
  q: oneLine(z.string().trim().max(500)).optional().describe('words in either script; the answer is then ranked by relevance'),
  language: z.enum(KNOWLEDGE_LANGUAGES).optional(),
  campaignId: z
    .union([z.uuid(), z.literal('none')])
    .optional()
    .describe('a campaign’s own articles, or `none` for those serving every campaign'),
  tag: tag.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('admins only; everyone else sees active articles'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type KnowledgeArticleQuery = z.infer<typeof KnowledgeArticleQuery>;

export const KnowledgeArticlePage = z.object({
  items: z.array(KnowledgeArticle),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type KnowledgeArticlePage = z.infer<typeof KnowledgeArticlePage>;

/** One search result: enough to show and to open the article. */
export const KnowledgeHit = z.object({
  id: z.uuid(),
  title: z.string(),
  snippet: z.string().describe('plain text around the first matching words'),
  language: z.enum(KNOWLEDGE_LANGUAGES),
  score: z.number().describe('relevance (BM25); comparable within one answer only'),
  coverage: z.number().min(0).max(1).describe('share of the question’s meaningful words the article answers (common words left out)'),
});
export type KnowledgeHit = z.infer<typeof KnowledgeHit>;

export const KnowledgeSearchQuery = z.object({
  q: oneLine(z.string().trim().min(1, 'q must not be empty').max(500)),
  lang: z.enum(KNOWLEDGE_LANGUAGES).optional().describe('only articles written in this language'),
  campaignId: z.uuid().optional().describe('articles for every campaign and this one (absent: all articles)'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type KnowledgeSearchQuery = z.infer<typeof KnowledgeSearchQuery>;

export const KnowledgeSearchResult = z.object({ items: z.array(KnowledgeHit) });
export type KnowledgeSearchResult = z.infer<typeof KnowledgeSearchResult>;

export const KNOWLEDGE_IMPORT_FORMATS = ['markdown', 'csv'] as const;
export type KnowledgeImportFormat = (typeof KNOWLEDGE_IMPORT_FORMATS)[number];

/** What an import did: good articles are stored, bad ones listed by the line they start on. */
export const KnowledgeImportResult = z.object({
  format: z.enum(KNOWLEDGE_IMPORT_FORMATS),
  total: z.number().int().describe('articles (Markdown sections or CSV rows) found in the file'),
  created: z.number().int(),
  updated: z.number().int().describe('articles with the same title, language and campaign, replaced'),
  rejected: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  items: z.array(z.object({ line: z.number().int(), id: z.uuid(), title: z.string(), action: z.enum(['created', 'updated']) })),
});
export type KnowledgeImportResult = z.infer<typeof KnowledgeImportResult>;

/** A battlecard: what a telecaller may say to one objection, for one campaign or (campaignId null) by default. */
export const Battlecard = z.object({
  id: z.uuid(),
  campaignId: z.uuid().nullable().describe('null: the default card, used where a campaign has none'),
  objection: z.enum(OBJECTION_TYPES),
  title: BilingualText,
  body: BilingualText,
  suggestedReply: BilingualText.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.uuid().nullable(),
});
export type Battlecard = z.infer<typeof Battlecard>;

export const BattlecardList = z.object({ items: z.array(Battlecard) });
export type BattlecardList = z.infer<typeof BattlecardList>;

export const BattlecardQuery = z.object({
  campaignId: z
    .union([z.uuid(), z.literal('default')])
    .optional()
    .describe('one campaign’s cards, or `default` for the default cards (absent: all)'),
  objection: z.enum(OBJECTION_TYPES).optional(),
});
export type BattlecardQuery = z.infer<typeof BattlecardQuery>;

/** English is required; Hindi is optional (empty or null: none). */
const bilingual = (max: number, multi: boolean) => {
  const text = (s: z.ZodString) => (multi ? multiLine(s) : oneLine(s));
  return z.object({
    en: text(
      z
        .string()
        .trim()
        .min(1, 'the English text must not be empty')
        .max(max, `at most ${max.toLocaleString('en')} characters`),
    ),
    hi: text(
      z
        .string()
        .trim()
        .max(max, `at most ${max.toLocaleString('en')} characters`),
    )
      .nullable()
      .optional(),
  });
};

/** Creates or replaces the card of (campaignId, objection). */
export const PutBattlecardBody = z.object({
  campaignId: z.uuid().nullable(),
  objection: z.enum(OBJECTION_TYPES),
  title: bilingual(200, false),
  body: bilingual(4000, true),
  suggestedReply: bilingual(1000, true).nullable().optional(),
});
export type PutBattlecardBody = z.infer<typeof PutBattlecardBody>;
