import { CallAnalysis, CallSearchQuery, CallSearchResult } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import type { Actor } from '../../platform/context.js';
import { analysisPolicy } from './analysis.policy.js';
import type { CallSearch } from './analysis.search.js';
import type { AnalysisService } from './analysis.service.js';

const tags = ['analysis'];
const Params = z.object({ id: z.uuid() });

export const analysisRoutes: FastifyPluginAsyncZod<{
  analysis: AnalysisService;
  search: CallSearch;
  calls: { visible(actor: Actor, id: string): Promise<unknown> };
}> = async (app, { analysis, search, calls }) => {
  app.get(
    '/api/v1/calls/search',
    {
      config: { auth: analysisPolicy.roles.read },
      schema: {
        tags,
        summary:
          'Calls found by what was said (English, Hindi, Hinglish, either script) and by facets: objection, sentiment, score, campaign, outcome, agent, date; among the calls the caller may see',
        querystring: CallSearchQuery,
        response: { 200: CallSearchResult },
      },
    },
    (req) => search.search(actorOf(req), req.query),
  );
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
