import { CallAnalysis } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import type { Actor } from '../../platform/context.js';
import { analysisPolicy } from './analysis.policy.js';
import type { AnalysisService } from './analysis.service.js';

const tags = ['analysis'];
const Params = z.object({ id: z.uuid() });

export const analysisRoutes: FastifyPluginAsyncZod<{ analysis: AnalysisService; calls: { visible(actor: Actor, id: string): Promise<unknown> } }> = async (
  app,
  { analysis, calls },
) => {
  app.get(
    '/api/v1/calls/:id/analysis',
    {
      config: { auth: analysisPolicy.roles.read },
      schema: {
        tags,
        summary: 'What the recording and the transcript of a finished call say: talk ratio, dead air, objections, sentiment, summary (pending until analysed)',
        params: Params,
        response: { 200: CallAnalysis },
      },
    },
    async (req) => {
      await calls.visible(actorOf(req), req.params.id);
      return analysis.get(req.params.id);
    },
  );
};
