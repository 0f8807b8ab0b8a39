import {
  CALLBACK_STATUSES,
  Callback,
  CallbackList,
  MoveAgentBody,
  NextLead,
  Presence,
  PresenceHistory,
  SetPresenceBody,
  Skip,
  SkipBody,
  SkipRules,
} from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { agentsPolicy } from './agents.policy.js';
import type { WorkspaceService } from './agents.workspace.js';

const IdParams = z.object({ id: z.uuid() });
const auth = agentsPolicy.roles.workspace;

export const agentsRoutes: FastifyPluginAsyncZod<{ workspace: WorkspaceService }> = async (app, { workspace }) => {
  app.get(
    '/api/v1/workspace/next',
    {
      config: { auth },
      schema: {
        tags: ['workspace'],
        summary: 'The next lead to call: callbacks due first, then your queue',
        querystring: z.object({ skip: z.union([z.uuid(), z.array(z.uuid()).max(50)]).optional() }),
        response: { 200: NextLead },
      },
    },
    async (req) => workspace.next(actorOf(req), req.query.skip === undefined ? [] : [req.query.skip].flat()),
  );

  app.post(
    '/api/v1/workspace/skips',
    {
      config: { auth },
      schema: {
        tags: ['workspace'],
        summary: 'Skip a lead, saying why: it stays out of your queue until the skips reset (midnight in India by default); a callback due still comes first',
        body: SkipBody,
        response: { 201: Skip },
      },
    },
    async (req, reply) => reply.status(201).send(await workspace.skip(actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/workspace/skip-rules',
    { config: { auth }, schema: { tags: ['workspace'], summary: 'When skipped leads come back into the queues (India time)', response: { 200: SkipRules } } },
    async () => workspace.skipRules(),
  );

  app.put(
    '/api/v1/workspace/skip-rules',
    {
      config: { auth: agentsPolicy.roles.skipRules },
      schema: { tags: ['workspace'], summary: 'Set when skipped leads come back (HH:MM, India time)', body: SkipRules, response: { 200: SkipRules } },
    },
    async (req) => workspace.setSkipRules(req.body),
  );

  app.get(
    '/api/v1/callbacks',
    {
      config: { auth },
      schema: {
        tags: ['workspace'],
        summary: 'Your callbacks, overdue first (staff may ask for an agent’s they watch)',
        querystring: z.object({ status: z.enum(CALLBACK_STATUSES).default('pending'), agentId: z.uuid().optional() }),
        response: { 200: CallbackList },
      },
    },
    async (req) => workspace.callbacks(actorOf(req), req.query),
  );

  app.patch(
    '/api/v1/callbacks/:id',
    {
      config: { auth },
      schema: {
        tags: ['workspace'],
        summary: 'Close a callback or move it',
        params: IdParams,
        body: z
          .object({ status: z.enum(CALLBACK_STATUSES).optional(), dueAt: z.iso.datetime({ offset: true }).optional() })
          .refine((b) => b.status !== undefined || b.dueAt !== undefined, { message: 'give status or dueAt' }),
        response: { 200: Callback },
      },
    },
    async (req) => workspace.updateCallback(actorOf(req), req.params.id, req.body),
  );

  app.get('/api/v1/presence/me', { config: { auth }, schema: { tags: ['presence'], summary: 'Your state', response: { 200: Presence } } }, async (req) =>
    workspace.presenceOf(actorOf(req)),
  );

  app.put(
    '/api/v1/presence/me',
    {
      config: { auth },
      schema: { tags: ['presence'], summary: 'Go available, on a break, or offline', body: SetPresenceBody, response: { 200: Presence } },
    },
    async (req) => workspace.setPresence(actorOf(req), req.body),
  );

  app.put(
    '/api/v1/agents/:id/campaign',
    {
      config: { auth: agentsPolicy.roles.supervise },
      schema: {
        tags: ['presence'],
        summary: 'Move an agent you watch into a running campaign, or out of theirs (null)',
        params: IdParams,
        body: MoveAgentBody,
        response: { 200: Presence },
      },
    },
    async (req) => workspace.moveAgent(actorOf(req), req.params.id, req.body.campaignId),
  );
  app.get(
    '/api/v1/presence/:id/history',
    {
      config: { auth },
      schema: {
        tags: ['presence'],
        summary: 'An agent’s states over a period (yours, or, for staff, an agent you watch)',
        params: IdParams,
        querystring: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
        response: { 200: PresenceHistory },
      },
    },
    async (req) => workspace.presenceHistory(actorOf(req), req.params.id, new Date(req.query.from), new Date(req.query.to)),
  );
};
