import { SetupChecklist } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { setupPolicy } from './setup.policy.js';
import type { SetupService } from './setup.service.js';

export const setupRoutes: FastifyPluginAsyncZod<{ setup: SetupService }> = async (app, { setup }) => {
  app.get(
    '/api/v1/setup',
    {
      config: { auth: setupPolicy.roles.view },
      schema: { tags: ['setup'], summary: 'What the organisation still has to set up', response: { 200: SetupChecklist } },
    },
    () => setup.checklist(),
  );
};
