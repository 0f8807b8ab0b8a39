import { Call, CampaignStats, Lead, PreviewLead } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { campaignsPolicy } from '../campaigns/index.js';
import type { DialerService } from './dialer.service.js';

const tags = ['campaigns'];
const Params = z.object({ id: z.uuid() });

export const dialerRoutes: FastifyPluginAsyncZod<{ dialer: DialerService }> = async (app, { dialer }) => {
  app.get(
    '/api/v1/campaigns/:id/stats',
    {
      config: { auth: campaignsPolicy.roles.manage },
      schema: {
        tags,
        summary: "A campaign's live figures: today's dials, answers and abandons, the queue, its agents, a timeline",
        params: Params,
        response: { 200: CampaignStats },
      },
    },
    (req) => dialer.stats(req.params.id),
  );
  app.get(
    '/api/v1/campaigns/:id/next',
    {
      config: { auth: campaignsPolicy.roles.view },
      schema: {
        tags,
        summary: 'Preview mode: the next lead for you, held for you for five minutes',
        params: Params,
        response: { 200: PreviewLead.extend({ lead: Lead.nullable() }) },
      },
    },
    (req) => dialer.next(actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/campaigns/:id/skip',
    {
      config: { auth: campaignsPolicy.roles.view },
      schema: {
        tags,
        summary: 'Preview mode: pass on the lead held for you',
        params: Params,
        body: z.object({ leadId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await dialer.skip(actorOf(req), req.params.id, req.body.leadId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/campaigns/:id/dial',
    {
      config: { auth: campaignsPolicy.roles.view },
      schema: {
        tags,
        summary: 'Preview mode: dial the lead held for you (your phone rings first)',
        params: Params,
        body: z.object({ leadId: z.uuid(), consentGiven: z.boolean().optional() }),
        response: { 201: Call },
      },
    },
    async (req, reply) => reply.status(201).send(await dialer.dial(actorOf(req), req.params.id, req.body.leadId, req.body.consentGiven)),
  );
};
