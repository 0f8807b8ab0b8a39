import { Alert, AlertList, AlertListQuery } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { alertsPolicy } from './alerts.policy.js';
import type { AlertsService } from './alerts.service.js';

const tags = ['alerts'];

export const alertsRoutes: FastifyPluginAsyncZod<{ alerts: AlertsService }> = async (app, { alerts }) => {
  app.get(
    '/api/v1/alerts',
    {
      config: { auth: alertsPolicy.roles.view },
      schema: { tags, summary: 'Floor alerts of the teams you watch, newest first', querystring: AlertListQuery, response: { 200: AlertList } },
    },
    async (req) => ({ items: await alerts.list(actorOf(req), req.query) }),
  );

  app.post(
    '/api/v1/alerts/:id/acknowledge',
    {
      config: { auth: alertsPolicy.roles.view },
      schema: { tags, summary: 'Acknowledge an alert (once; again answers the same)', params: z.object({ id: z.uuid() }), response: { 200: Alert } },
    },
    async (req) => alerts.acknowledge(actorOf(req), req.params.id),
  );
};
