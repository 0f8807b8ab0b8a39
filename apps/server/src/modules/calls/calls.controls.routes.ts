import { Call, CallControlBody, CallControls, RedialBody, TransferTargetList } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import type { Actor } from '../../platform/context.js';
import type { CallControlsService } from './calls.controls.js';
import { callsPolicy } from './calls.policy.js';

const IdParams = z.object({ id: z.uuid() });
const tags = ['calls'];
const roles = callsPolicy.roles;

export type CallControlsRoutesOptions = { controls: CallControlsService; redial: (actor: Actor, id: string, body: RedialBody) => Promise<Call> };

/** The agent's controls on their live call (calls.controls.ts) and the redial of another of the lead's numbers (calls.redial.ts). */
export const callControlsRoutes: FastifyPluginAsyncZod<CallControlsRoutesOptions> = async (app, { controls, redial }) => {
  app.get(
    '/api/v1/calls/:id/controls',
    {
      config: { auth: roles.calls },
      schema: {
        tags,
        summary: 'The call’s control state (muted, on hold, tones sent, a transfer under way) and which controls can be used now, each with why not',
        params: IdParams,
        response: { 200: CallControls },
      },
    },
    async (req) => controls.state(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/calls/:id/controls',
    {
      config: { auth: roles.calls },
      schema: {
        tags,
        summary:
          'Mute or unmute yourself, hold or unhold the lead, send keypad tones (digits: 0-9 * # w, up to 32), or transfer the call (toUserId, mode warm|cold; then transfer_complete or transfer_cancel). The agent on the call only (403 CONTROL_FORBIDDEN); 409 CONTROL_UNSUPPORTED names the provider that cannot, 409 CONTROL_UNAVAILABLE says why not now, 422 TRANSFER_TARGET_INVALID why that colleague cannot take it.',
        params: IdParams,
        body: CallControlBody,
        response: { 200: CallControls },
      },
    },
    async (req) => controls.act(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/calls/:id/transfer-targets',
    {
      config: { auth: roles.calls },
      schema: {
        tags,
        summary: 'Who the call can be transferred to: your active teammates and your team’s manager, with their presence and whether they are free now',
        params: IdParams,
        response: { 200: TransferTargetList },
      },
    },
    async (req) => controls.transferTargets(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/calls/:id/redial',
    {
      config: { auth: roles.calls },
      schema: {
        tags,
        summary:
          'Call another of the lead’s numbers: the call is hung up and saved with `disposition` (no_answer by default when the lead never answered), then `phone` is dialled as a new call. 422 REDIAL_NUMBER_UNKNOWN for a number that is not the lead’s.',
        params: IdParams,
        body: RedialBody,
        response: { 201: Call },
      },
    },
    async (req, reply) => reply.status(201).send(await redial(actorOf(req), req.params.id, req.body)),
  );
};
