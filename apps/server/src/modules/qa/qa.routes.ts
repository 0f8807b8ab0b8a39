import { Calibration, CallScore, DisputeBody, ResolveDisputeBody, ReviewBody, ReviewQueueItem, Scorecard, ScorecardInput } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { qaPolicy } from './qa.policy.js';
import type { QaService } from './qa.service.js';

const tags = ['qa'];
const Params = z.object({ id: z.uuid() });
const { read, readCards, manage, review, dispute } = qaPolicy.roles;
const ScoreAnswer = z.object({ score: CallScore.nullable() });
const Window = z.object({ from: z.coerce.date().optional(), to: z.coerce.date().optional() });

export const qaRoutes: FastifyPluginAsyncZod<{ qa: QaService }> = async (app, { qa }) => {
  app.get(
    '/api/v1/qa/scorecards',
    { config: { auth: readCards }, schema: { tags, summary: 'Every scorecard, active first', response: { 200: z.object({ items: z.array(Scorecard) }) } } },
    async () => ({ items: await qa.listScorecards() }),
  );
  app.get(
    '/api/v1/qa/scorecards/:id',
    { config: { auth: readCards }, schema: { tags, summary: 'One scorecard', params: Params, response: { 200: Scorecard } } },
    (req) => qa.getScorecard(req.params.id),
  );
  app.post(
    '/api/v1/qa/scorecards',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'A scorecard for a campaign (or the default): sections of weighted questions and how each is checked',
        body: ScorecardInput,
        response: { 201: Scorecard },
      },
    },
    async (req, reply) => reply.code(201).send(await qa.createScorecard(actorOf(req), req.body)),
  );
  app.put(
    '/api/v1/qa/scorecards/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Replaces a scorecard (its version goes up; set active false to retire it)',
        params: Params,
        body: ScorecardInput,
        response: { 200: Scorecard },
      },
    },
    (req) => qa.updateScorecard(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/calls/:id/score',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: "The call's QA score, answer by answer (null until scored); same visibility as the call",
        params: Params,
        response: { 200: ScoreAnswer },
      },
    },
    async (req) => ({ score: await qa.score(actorOf(req), req.params.id) }),
  );
  app.post(
    '/api/v1/calls/:id/score/review',
    {
      config: { auth: review },
      schema: {
        tags,
        summary: "A manager's review: verdicts that differ from the automatic ones, each with a comment",
        params: Params,
        body: ReviewBody,
        response: { 200: CallScore },
      },
    },
    (req) => qa.review(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/calls/:id/score/disputes',
    {
      config: { auth: dispute },
      schema: { tags, summary: 'The telecaller on the call disputes its score', params: Params, body: DisputeBody, response: { 201: CallScore } },
    },
    async (req, reply) => reply.code(201).send(await qa.dispute(actorOf(req), req.params.id, req.body.reason)),
  );
  app.post(
    '/api/v1/calls/:id/score/disputes/:disputeId/resolve',
    {
      config: { auth: review },
      schema: {
        tags,
        summary: 'A manager settles a dispute: upheld or rejected, saying why',
        params: Params.extend({ disputeId: z.uuid() }),
        body: ResolveDisputeBody,
        response: { 200: CallScore },
      },
    },
    (req) => qa.resolveDispute(actorOf(req), req.params.id, req.params.disputeId, req.body),
  );
  app.get(
    '/api/v1/qa/queue',
    {
      config: { auth: review },
      schema: {
        tags,
        summary: 'Calls to review among those the manager watches: open disputes, then low scores, then the rest unreviewed',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(ReviewQueueItem) }) },
      },
    },
    async (req) => ({ items: await qa.queue(actorOf(req), req.query.limit) }),
  );
  app.get(
    '/api/v1/qa/calibration',
    {
      config: { auth: review },
      schema: { tags, summary: 'How often reviewers kept the automatic verdicts (reviews in the window)', querystring: Window, response: { 200: Calibration } },
    },
    (req) => qa.calibration(actorOf(req), req.query),
  );
};
