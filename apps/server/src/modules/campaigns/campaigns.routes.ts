import { AddCampaignLeadsBody, Campaign, CampaignList, CreateCampaignBody } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { campaignsPolicy } from './campaigns.policy.js';
import type { CampaignsService } from './campaigns.service.js';

export const campaignsRoutes: FastifyPluginAsyncZod<{ campaigns: CampaignsService }> = async (app, { campaigns }) => {
  app.get(
    '/api/v1/campaigns',
    { config: { auth: campaignsPolicy.roles.view }, schema: { tags: ['campaigns'], summary: 'All campaigns', response: { 200: CampaignList } } },
    async () => ({ items: await campaigns.list() }),
  );

  app.post(
    '/api/v1/campaigns',
    {
      config: { auth: campaignsPolicy.roles.manage },
      schema: { tags: ['campaigns'], summary: 'Create a campaign', body: CreateCampaignBody, response: { 201: Campaign } },
    },
    async (req, reply) => reply.status(201).send(await campaigns.create(actorOf(req), req.body)),
  );

  app.post(
    '/api/v1/campaigns/:id/leads',
    {
      config: { auth: campaignsPolicy.roles.manage },
      schema: {
        tags: ['campaigns'],
        summary: "Add leads to a campaign's queue",
        params: z.object({ id: z.uuid() }),
        body: AddCampaignLeadsBody,
        response: { 200: z.object({ added: z.number().int() }) },
      },
    },
    async (req) => campaigns.addLeads(actorOf(req), req.params.id, req.body.leadIds),
  );
};
