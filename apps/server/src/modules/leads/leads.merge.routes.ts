import { DismissDuplicateBody, DuplicatePage, LeadBriefList, MergeBody, MergeList, MergePlan, MergeResult } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { leadsPolicy } from './leads.policy.js';
import type { LeadsService } from './leads.service.js';

const IdParams = z.object({ id: z.uuid() });

export const leadMergeRoutes: FastifyPluginAsyncZod<{ leads: LeadsService }> = async (app, { leads }) => {
  app.get(
    '/api/v1/leads/duplicates',
    {
      config: { auth: leadsPolicy.roles.merge },
      schema: {
        tags: ['leads'],
        summary: 'Possible duplicates: pairs with the same email, or the same name in the same city',
        querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(25) }),
        response: { 200: DuplicatePage },
      },
    },
    async (req) => ({
      ...(await leads.merges.duplicates(actorOf(req), req.query.pageSize, (req.query.page - 1) * req.query.pageSize)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );

  app.post(
    '/api/v1/leads/duplicates/dismiss',
    { config: { auth: leadsPolicy.roles.merge }, schema: { tags: ['leads'], summary: 'Mark a pair as two different people', body: DismissDuplicateBody } },
    async (req, reply) => {
      await leads.merges.dismiss(actorOf(req), req.body.leadIds[0], req.body.leadIds[1]);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/leads/:id/duplicates',
    {
      config: { auth: leadsPolicy.roles.merge },
      schema: { tags: ['leads'], summary: 'Leads that may be this one under another number or spelling', params: IdParams, response: { 200: LeadBriefList } },
    },
    async (req) => ({ items: await leads.merges.duplicatesOf(actorOf(req), await leads.get(actorOf(req), req.params.id)) }),
  );

  app.get(
    '/api/v1/leads/:id/merge-preview',
    {
      config: { auth: leadsPolicy.roles.merge },
      schema: {
        tags: ['leads'],
        summary: 'What merging another lead into this one would do',
        params: IdParams,
        querystring: MergeBody,
        response: { 200: MergePlan },
      },
    },
    async (req) => leads.merges.previewMerge(actorOf(req), req.params.id, req.query.otherId),
  );

  app.post(
    '/api/v1/leads/:id/merge',
    {
      config: { auth: leadsPolicy.roles.merge },
      schema: { tags: ['leads'], summary: 'Merge another lead into this one (undoable)', params: IdParams, body: MergeBody, response: { 200: MergeResult } },
    },
    async (req) => leads.merges.merge(actorOf(req), req.params.id, req.body.otherId),
  );

  app.get(
    '/api/v1/leads/:id/merges',
    {
      config: { auth: leadsPolicy.roles.merge },
      schema: { tags: ['leads'], summary: 'Merges into this lead, newest first', params: IdParams, response: { 200: MergeList } },
    },
    async (req) => ({ items: await leads.merges.mergesOf(actorOf(req), req.params.id) }),
  );

  app.post(
    '/api/v1/leads/merges/:mergeId/undo',
    {
      config: { auth: leadsPolicy.roles.merge },
      schema: {
        tags: ['leads'],
        summary: 'Undo a merge: the retired lead comes back with its timeline and records',
        params: z.object({ mergeId: z.uuid() }),
        response: { 200: z.object({ survivorId: z.uuid(), restoredId: z.uuid() }) },
      },
    },
    async (req) => leads.merges.undoMerge(actorOf(req), req.params.mergeId),
  );
};
