import { CoachingItem, CoachingItemQuery, CreateCoachingItemBody, SkillHistory, SkillMatrix, UpdateCoachingItemBody } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { coachingPolicy } from './coaching.policy.js';
import type { CoachingService } from './coaching.service.js';

const tags = ['coaching'];
const { read, coach } = coachingPolicy.roles;

export const coachingRoutes: FastifyPluginAsyncZod<{ coaching: CoachingService }> = async (app, { coaching }) => {
  app.get(
    '/api/v1/coaching/skills',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: "Skills of the telecallers the caller coaches (their own, for a telecaller) beside the team's, from scored calls",
        querystring: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }),
        response: { 200: SkillMatrix },
      },
    },
    (req) => coaching.skills(actorOf(req), req.query.days),
  );
  app.get(
    '/api/v1/coaching/skills/:agentId/history',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: "One telecaller's skill week by week, beside the team's",
        params: z.object({ agentId: z.uuid() }),
        querystring: z.object({ skill: z.string().min(1).max(80), weeks: z.coerce.number().int().min(1).max(52).default(8) }),
        response: { 200: SkillHistory },
      },
    },
    (req) => coaching.history(actorOf(req), req.params.agentId, req.query.skill, req.query.weeks),
  );
  app.get(
    '/api/v1/coaching/items',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Coaching items: a telecaller’s own, a manager’s team’s',
        querystring: CoachingItemQuery,
        response: { 200: z.object({ items: z.array(CoachingItem) }) },
      },
    },
    async (req) => ({ items: await coaching.list(actorOf(req), req.query) }),
  );
  app.post(
    '/api/v1/coaching/items',
    {
      config: { auth: coach },
      schema: {
        tags,
        summary: 'Assigns a skill to work on, measured again after the next calls',
        body: CreateCoachingItemBody,
        response: { 201: CoachingItem },
      },
    },
    async (req, reply) => reply.code(201).send(await coaching.create(actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/coaching/items/:id',
    {
      config: { auth: coach },
      schema: {
        tags,
        summary: 'Dismisses or reopens an item, or changes its note',
        params: z.object({ id: z.uuid() }),
        body: UpdateCoachingItemBody,
        response: { 200: CoachingItem },
      },
    },
    (req) => coaching.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/coaching/suggest',
    {
      config: { auth: coach },
      schema: {
        tags,
        summary: 'Suggests items now where a telecaller is well under the team (also done every few hours)',
        response: { 200: z.object({ created: z.number().int() }) },
      },
    },
    (req) => coaching.suggest(actorOf(req)),
  );
};
