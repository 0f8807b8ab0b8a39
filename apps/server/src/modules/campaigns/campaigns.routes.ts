import { AddCampaignLeadsBody, Campaign, CampaignList, CreateCampaignBody, UpdateCampaignBody } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { campaignsPolicy } from './campaigns.policy.js';
import type { CampaignsService } from './campaigns.service.js';

const tags = ['campaigns'];
const Params = z.object({ id: z.uuid() });
const { view, manage } = campaignsPolicy.roles;

export const campaignsRoutes: FastifyPluginAsyncZod<{ campaigns: CampaignsService }> = async (app, { campaigns }) => {
  app.get('/api/v1/campaigns', { config: { auth: view }, schema: { tags, summary: 'All campaigns', response: { 200: CampaignList } } }, async () => ({
    items: await campaigns.list(),
  }));
  app.get('/api/v1/campaigns/:id', { config: { auth: view }, schema: { tags, summary: 'One campaign', params: Params, response: { 200: Campaign } } }, (req) =>
    campaigns.get(req.params.id),
  );
  app.post(
    '/api/v1/campaigns',
    { config: { auth: manage }, schema: { tags, summary: 'Create a campaign', body: CreateCampaignBody, response: { 201: Campaign } } },
    async (req, reply) => reply.status(201).send(await campaigns.create(actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/campaigns/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Edit a campaign (a running one too: mode and ratio apply at the next pacing tick)',
        params: Params,
        body: UpdateCampaignBody,
        response: { 200: Campaign },
      },
    },
    (req) => campaigns.update(actorOf(req), req.params.id, req.body),
  );
  for (const to of ['start', 'pause', 'stop', 'archive'] as const) {
    app.post(
      `/api/v1/campaigns/:id/${to}`,
      { config: { auth: manage }, schema: { tags, summary: `${to[0]?.toUpperCase()}${to.slice(1)} a campaign`, params: Params, response: { 200: Campaign } } },
      (req) => campaigns.transition(actorOf(req), req.params.id, to),
    );
  }
  app.post(
    '/api/v1/campaigns/:id/leads',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: "Add leads to a campaign's queue",
        params: Params,
        body: AddCampaignLeadsBody,
        response: { 200: z.object({ added: z.number().int() }) },
      },
    },
    async (req) => campaigns.addLeads(actorOf(req), req.params.id, req.body.leadIds),
  );
};
