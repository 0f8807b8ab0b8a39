import { TodayCounters } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { analyticsPolicy } from './analytics.policy.js';
import type { AnalyticsService } from './analytics.service.js';

export const analyticsRoutes: FastifyPluginAsyncZod<{ analytics: AnalyticsService }> = async (app, { analytics }) => {
  app.get(
    '/api/v1/workspace/today',
    {
      config: { auth: analyticsPolicy.roles.own },
      schema: { tags: ['workspace'], summary: 'Your calls, connects and talk time today', response: { 200: TodayCounters } },
    },
    async (req) => analytics.todayCounters(actorOf(req)),
  );
};
