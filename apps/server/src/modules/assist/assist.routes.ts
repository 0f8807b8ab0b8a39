import { AnalyzeBody, AnalyzeResult, AssistCard } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { assistPolicy } from './assist.policy.js';
import type { AssistService } from './assist.service.js';

const tags = ['assist'];
const Params = z.object({ id: z.uuid() });

export const assistRoutes: FastifyPluginAsyncZod<{ assist: AssistService }> = async (app, { assist }) => {
  app.post(
    '/api/v1/assist/analyze',
    {
      config: { auth: assistPolicy.roles.use },
      schema: {
        tags,
        summary: 'Objections, sentiment, language and the cards a text would raise (the live engine, no call)',
        body: AnalyzeBody,
        response: { 200: AnalyzeResult },
      },
    },
    (req) => assist.analyze(req.body.text, req.body.lang),
  );
  app.get(
    '/api/v1/calls/:id/assist',
    {
      config: { auth: assistPolicy.roles.use },
      schema: {
        tags,
        summary: 'The cards a call has raised so far, oldest first',
        params: Params,
        response: { 200: z.object({ items: z.array(AssistCard) }) },
      },
    },
    async (req) => ({ items: await assist.cards(actorOf(req), req.params.id) }),
  );
  app.post(
    '/api/v1/calls/:id/assist/suggest',
    {
      config: { auth: assistPolicy.roles.use },
      schema: {
        tags,
        summary: 'A reply to say next: the language model when configured and in time (1.5 s), else the battlecard or knowledge answer',
        params: Params,
        response: { 200: AssistCard },
      },
    },
    (req) => assist.suggest(actorOf(req), req.params.id),
  );
};
