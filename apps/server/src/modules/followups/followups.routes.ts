import { FOLLOWUP_RUN_STATUSES, FollowupRule, FollowupRuleBody, FollowupRulePatch, FollowupRun, FollowupRunList } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { followupsPolicy } from './followups.policy.js';
import type { FollowupsService } from './followups.service.js';

const IdParams = z.object({ id: z.uuid() });
const { roles } = followupsPolicy;

export const followupsRoutes: FastifyPluginAsyncZod<{ followups: FollowupsService }> = async (app, { followups }) => {
  app.get(
    '/api/v1/followups/rules',
    {
      config: { auth: roles.readRules },
      schema: { tags: ['followups'], summary: 'Follow-up rules, by name', response: { 200: z.object({ items: z.array(FollowupRule) }) } },
    },
    async () => followups.listRules(),
  );

  app.post(
    '/api/v1/followups/rules',
    {
      config: { auth: roles.manageRules },
      schema: {
        tags: ['followups'],
        summary: 'Create a follow-up rule',
        description:
          'Triggered by a disposition saved at wrap-up or by a lead status; each step sends a WhatsApp or email template now, after a while, or some hours before the lead’s callback.',
        body: FollowupRuleBody,
        response: { 201: FollowupRule },
      },
    },
    async (req, reply) => reply.status(201).send(await followups.createRule(actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/followups/rules/:id',
    { config: { auth: roles.readRules }, schema: { tags: ['followups'], summary: 'A follow-up rule', params: IdParams, response: { 200: FollowupRule } } },
    async (req) => followups.getRule(req.params.id),
  );

  app.patch(
    '/api/v1/followups/rules/:id',
    {
      config: { auth: roles.manageRules },
      schema: {
        tags: ['followups'],
        summary: 'Change a follow-up rule (runs already started keep their steps)',
        params: IdParams,
        body: FollowupRulePatch,
        response: { 200: FollowupRule },
      },
    },
    async (req) => followups.updateRule(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/followups/rules/:id',
    {
      config: { auth: roles.manageRules },
      schema: { tags: ['followups'], summary: 'Delete a follow-up rule and stop its active runs', params: IdParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await followups.deleteRule(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/followups/runs',
    {
      config: { auth: roles.allRuns },
      schema: {
        tags: ['followups'],
        summary: 'Every lead’s follow-ups with their steps, newest first',
        querystring: z.object({
          status: z.enum(FOLLOWUP_RUN_STATUSES).optional(),
          ruleId: z.uuid().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(25),
        }),
        response: { 200: FollowupRunList },
      },
    },
    async (req) => followups.runs(req.query),
  );

  app.get(
    '/api/v1/leads/:id/followups',
    {
      config: { auth: roles.leadRuns },
      schema: { tags: ['followups'], summary: 'The lead’s follow-ups with each step’s state', params: IdParams, response: { 200: FollowupRunList } },
    },
    async (req) => followups.leadRuns(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/followups/runs/:id/cancel',
    {
      config: { auth: roles.leadRuns },
      schema: { tags: ['followups'], summary: 'Stop a follow-up: its steps not yet sent are cancelled', params: IdParams, response: { 200: FollowupRun } },
    },
    async (req) => followups.cancelRun(actorOf(req), req.params.id),
  );
};
