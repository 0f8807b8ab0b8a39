import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANY_ROLE, actorOf, STAFF } from '../../platform/auth/plugin.js';
import type { CampaignsService } from './campaigns.service.js';

const Campaign = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  timezone: z.string(),
  members: z.number().int(),
  createdAt: z.string(),
});

const CreateCampaignBody = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).nullable().optional(),
  startDate: z.iso.date().nullable().optional(),
  endDate: z.iso.date().nullable().optional(),
  timezone: z.string().trim().max(64).optional(),
});

export const campaignsRoutes: FastifyPluginAsyncZod<{ campaigns: CampaignsService }> = async (app, { campaigns }) => {
  app.get(
    '/api/v1/campaigns',
    { config: { auth: ANY_ROLE }, schema: { tags: ['campaigns'], summary: 'All campaigns', response: { 200: z.object({ items: z.array(Campaign) }) } } },
    async () => ({ items: await campaigns.list() }),
  );

  app.post(
    '/api/v1/campaigns',
    { config: { auth: STAFF }, schema: { tags: ['campaigns'], summary: 'Create a campaign', body: CreateCampaignBody, response: { 201: Campaign } } },
    async (req, reply) => reply.status(201).send(await campaigns.create(actorOf(req), req.body)),
  );

  app.post(
    '/api/v1/campaigns/:id/leads',
    {
      config: { auth: STAFF },
      schema: {
        tags: ['campaigns'],
        summary: "Add leads to a campaign's queue",
        params: z.object({ id: z.uuid() }),
        body: z.object({ leadIds: z.array(z.uuid()).min(1).max(10_000) }),
        response: { 200: z.object({ added: z.number().int() }) },
      },
    },
    async (req) => campaigns.addLeads(actorOf(req), req.params.id, req.body.leadIds),
  );
};
