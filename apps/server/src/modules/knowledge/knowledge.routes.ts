import {
  Battlecard,
  BattlecardList,
  BattlecardQuery,
  CreateKnowledgeArticleBody,
  KnowledgeArticle,
  KnowledgeArticlePage,
  KnowledgeArticleQuery,
  KnowledgeImportResult,
  KnowledgeSearchQuery,
  KnowledgeSearchResult,
  PutBattlecardBody,
  UpdateKnowledgeArticleBody,
} from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { CommonErrors } from '../../platform/errors.js';
import { readUploadForm } from '../../platform/http/multipart.js';
import { IMPORT_MAX_ARTICLES, IMPORT_MAX_BYTES, readImportUpload } from './knowledge.import.js';
import { knowledgePolicy } from './knowledge.policy.js';
import type { KnowledgeService } from './knowledge.service.js';

const tags = ['knowledge'];
const cardTags = ['battlecards'];
const Params = z.object({ id: z.uuid() });
const { read, manage } = knowledgePolicy.roles;

const campaignOf = (fields: Record<string, string>): string | null => {
  const raw = fields.campaignId?.trim();
  if (!raw) return null;
  const parsed = z.uuid().safeParse(raw);
  if (!parsed.success) throw CommonErrors.VALIDATION_FAILED('campaignId: must be a campaign id');
  return parsed.data;
};

export const knowledgeRoutes: FastifyPluginAsyncZod<{ knowledge: KnowledgeService }> = async (app, { knowledge }) => {
  const { articles, battlecards } = knowledge;
  app.get(
    '/api/v1/knowledge/search',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Search active articles in English, Hindi or Hinglish (either script, any common spelling)',
        querystring: KnowledgeSearchQuery,
        response: { 200: KnowledgeSearchResult },
      },
    },
    async (req) => ({ items: await knowledge.search(req.query.q, { lang: req.query.lang, campaignId: req.query.campaignId, limit: req.query.limit }) }),
  );
  app.get(
    '/api/v1/knowledge/articles',
    {
      config: { auth: read },
      schema: { tags, summary: 'Articles, a page at a time', querystring: KnowledgeArticleQuery, response: { 200: KnowledgeArticlePage } },
    },
    (req) => articles.list(actorOf(req), req.query),
  );
  app.get(
    '/api/v1/knowledge/articles/:id',
    { config: { auth: read }, schema: { tags, summary: 'One article', params: Params, response: { 200: KnowledgeArticle } } },
    (req) => articles.get(actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/knowledge/articles',
    { config: { auth: manage }, schema: { tags, summary: 'Write an article', body: CreateKnowledgeArticleBody, response: { 201: KnowledgeArticle } } },
    async (req, reply) => reply.status(201).send(await articles.create(actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/knowledge/articles/:id',
    {
      config: { auth: manage },
      schema: { tags, summary: 'Edit an article', params: Params, body: UpdateKnowledgeArticleBody, response: { 200: KnowledgeArticle } },
    },
    (req) => articles.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/knowledge/articles/:id',
    { config: { auth: manage }, schema: { tags, summary: 'Delete an article', params: Params, response: { 204: z.null() } } },
    async (req, reply) => {
      await articles.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/knowledge/import',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Import articles from a Markdown or CSV file',
        description: `multipart/form-data: \`file\` and optional \`campaignId\` (the campaign every article in the file is for). Markdown: one article per \`# Title\` section, with optional \`lang: en|hi\` and \`tags: a, b\` lines under the heading (language otherwise from the script). CSV: columns title, body, language, tags. Up to ${IMPORT_MAX_ARTICLES} articles and ${IMPORT_MAX_BYTES / 1_048_576} MB. Good articles are stored (an article with the same title, language and campaign is replaced); bad ones are listed by the line they start on.`,
        consumes: ['multipart/form-data'],
        response: { 200: KnowledgeImportResult },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // The campaign field may come before or after the file: the file is held until the form is read.
      const { result: held, fields } = await readUploadForm(req.parts(), readImportUpload);
      return articles.import(actor, held, campaignOf(fields));
    },
  );

  app.get(
    '/api/v1/battlecards',
    {
      config: { auth: read },
      schema: { tags: cardTags, summary: 'Battlecards: default and per campaign', querystring: BattlecardQuery, response: { 200: BattlecardList } },
    },
    async (req) => ({ items: await battlecards.list(req.query) }),
  );
  app.get(
    '/api/v1/battlecards/:id',
    { config: { auth: read }, schema: { tags: cardTags, summary: 'One battlecard', params: Params, response: { 200: Battlecard } } },
    (req) => battlecards.get(req.params.id),
  );
  app.put(
    '/api/v1/battlecards',
    {
      config: { auth: manage },
      schema: {
        tags: cardTags,
        summary: 'Create or replace the card of (campaignId, objection); campaignId null is the default card',
        body: PutBattlecardBody,
        response: { 200: Battlecard, 201: Battlecard },
      },
    },
    async (req, reply) => {
      const { card, created } = await battlecards.put(actorOf(req), req.body);
      return reply.status(created ? 201 : 200).send(card);
    },
  );
  app.delete(
    '/api/v1/battlecards/:id',
    {
      config: { auth: manage },
      schema: { tags: cardTags, summary: 'Delete a battlecard (a campaign then uses the default card)', params: Params, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await battlecards.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
