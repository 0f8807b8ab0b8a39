import { AssignmentRule, AssignmentRuleBody, AssignmentRuleList, AssignmentRulePatch, AssignResult, BulkAssignBody } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { assignmentPolicy } from './assignment.policy.js';
import type { AssignmentService } from './assignment.service.js';

const IdParams = z.object({ id: z.uuid() });

export const assignmentRoutes: FastifyPluginAsyncZod<{ assignment: AssignmentService }> = async (app, { assignment }) => {
  app.get(
    '/api/v1/assignment/rules',
    {
      config: { auth: assignmentPolicy.roles.manage },
      schema: { tags: ['assignment'], summary: 'Assignment rules in the order they are tried', response: { 200: AssignmentRuleList } },
    },
    async (req) => ({ items: await assignment.listRules(actorOf(req)), slaHours: assignment.slaHours() }),
  );

  app.post(
    '/api/v1/assignment/rules',
    {
      config: { auth: assignmentPolicy.roles.manage },
      schema: { tags: ['assignment'], summary: 'Add a rule', body: AssignmentRuleBody, response: { 201: AssignmentRule } },
    },
    async (req, reply) => reply.status(201).send(await assignment.createRule(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/assignment/rules/:id',
    {
      config: { auth: assignmentPolicy.roles.manage },
      schema: {
        tags: ['assignment'],
        summary: 'Change a rule',
        params: IdParams,
        body: AssignmentRulePatch,
        response: { 200: AssignmentRule },
      },
    },
    async (req) => assignment.updateRule(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/assignment/rules/:id',
    { config: { auth: assignmentPolicy.roles.manage }, schema: { tags: ['assignment'], summary: 'Remove a rule', params: IdParams } },
    async (req, reply) => {
      await assignment.deleteRule(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/assignment/run',
    {
      config: { auth: assignmentPolicy.roles.manage },
      schema: { tags: ['assignment'], summary: 'Assign every unowned lead by the rules now', response: { 200: z.object({ assigned: z.number().int() }) } },
    },
    async () => ({ assigned: await assignment.assignUnowned() }),
  );

  app.post(
    '/api/v1/leads/assign',
    {
      config: { auth: assignmentPolicy.roles.manage },
      schema: {
        tags: ['assignment'],
        summary: 'Assign or reassign selected leads (to a person, to nobody, or by the rules)',
        body: BulkAssignBody,
        response: { 200: AssignResult },
      },
    },
    async (req) => assignment.bulkAssign(actorOf(req), req.body),
  );
};
