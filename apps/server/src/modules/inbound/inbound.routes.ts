import {
  Call,
  Callback,
  CallbackList,
  InboundCall,
  InboundQueue,
  InboundStats,
  SetInboundHoursBody,
  SimulateInboundBody,
  TeamInboundHours,
  TeamInboundHoursList,
} from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { InboundErrors } from './inbound.errors.js';
import { inboundPolicy } from './inbound.policy.js';
import type { InboundService } from './inbound.service.js';

const tags = ['inbound'];
const IdParams = z.object({ id: z.uuid() });
const { roles } = inboundPolicy;

export type InboundRoutesOptions = {
  inbound: InboundService;
  /** The simulator's way to ring our line, where the simulator is the provider; null elsewhere. */
  simulate: ((from: string, to?: string) => Promise<{ callId: string; action: string }>) | null;
};

export const inboundRoutes: FastifyPluginAsyncZod<InboundRoutesOptions> = async (app, { inbound, simulate }) => {
  app.post(
    '/api/v1/calls/:id/accept',
    { config: { auth: roles.answer }, schema: { tags, summary: 'Take the inbound call your workspace rings with', params: IdParams, response: { 200: Call } } },
    async (req) => inbound.accept(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/calls/:id/reject',
    {
      config: { auth: roles.answer },
      schema: { tags, summary: 'Turn the inbound call down: the next agent is offered it', params: IdParams, response: { 204: z.null() } },
    },
    async (req, reply) => reply.status(204).send(await inbound.reject(actorOf(req), req.params.id).then(() => null)),
  );

  app.get(
    '/api/v1/inbound/offer',
    {
      config: { auth: roles.answer },
      schema: { tags, summary: 'The inbound call ringing for you now, if any', response: { 200: z.object({ offer: InboundCall.nullable() }) } },
    },
    async (req) => ({ offer: await inbound.offeredTo(actorOf(req).id) }),
  );

  app.get(
    '/api/v1/inbound/queue',
    {
      config: { auth: roles.watch },
      schema: { tags, summary: 'Callers waiting now, and the last ones settled, in your teams', response: { 200: InboundQueue } },
    },
    async (req) => inbound.queue(actorOf(req)),
  );

  app.get(
    '/api/v1/inbound/stats',
    {
      config: { auth: roles.watch },
      schema: { tags, summary: 'Inbound today and per hour: answered, missed, service level', response: { 200: InboundStats } },
    },
    async (req) => inbound.stats(actorOf(req)),
  );

  app.get(
    '/api/v1/inbound/hours',
    { config: { auth: roles.hours }, schema: { tags, summary: 'Your teams’ inbound hours', response: { 200: TeamInboundHoursList } } },
    async (req) => ({ items: await inbound.hours(actorOf(req)) }),
  );

  app.put(
    '/api/v1/teams/:id/inbound-hours',
    {
      config: { auth: roles.hours },
      schema: {
        tags,
        summary: 'Set when a team answers inbound calls (null: any hour)',
        params: IdParams,
        body: SetInboundHoursBody,
        response: { 200: TeamInboundHours },
      },
    },
    async (req) => inbound.setHours(actorOf(req), req.params.id, req.body.hours),
  );

  app.get(
    '/api/v1/callbacks/team',
    { config: { auth: roles.answer }, schema: { tags, summary: 'Missed callers waiting in your team’s queue', response: { 200: CallbackList } } },
    async (req) => ({ items: await inbound.teamCallbacks(actorOf(req)) }),
  );

  app.post(
    '/api/v1/callbacks/:id/claim',
    { config: { auth: roles.answer }, schema: { tags, summary: 'Take a missed caller from your team’s queue', params: IdParams, response: { 200: Callback } } },
    async (req) => inbound.claim(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/inbound/simulate',
    {
      config: { auth: roles.simulate },
      schema: {
        tags,
        summary: 'The simulator rings our line from this number (simulator only)',
        body: SimulateInboundBody,
        response: { 200: z.object({ callId: z.string(), action: z.string() }) },
      },
    },
    async (req) => {
      if (!simulate) throw InboundErrors.INBOUND_UNSUPPORTED('Only the simulator places calls to our line on request');
      return simulate(req.body.from, req.body.to);
    },
  );
};
