import {
  CALLBACK_STATUSES,
  Call,
  Callback,
  CallbackList,
  CallListQuery,
  CallPage,
  CallWithLead,
  DispositionBody,
  DispositionList,
  NextLead,
  Presence,
  PresenceHistory,
  SetPresenceBody,
  StartCallBody,
  TelephonyInfo,
  TodayCounters,
  Transcript,
} from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, ANY_ROLE, actorOf, STAFF } from '../../platform/auth/plugin.js';
import type { DispositionsService } from './calls.dispositions.js';
import { CallErrors } from './calls.errors.js';
import type { PresenceService } from './calls.presence.js';
import type { CallsService } from './calls.service.js';
import type { WorkspaceService } from './calls.workspace.js';

const IdParams = z.object({ id: z.uuid() });
const tags = ['calls'];

export type CallsRoutesOptions = { calls: CallsService; workspace: WorkspaceService; dispositions: DispositionsService; presence: PresenceService };

export const callsRoutes: FastifyPluginAsyncZod<CallsRoutesOptions> = async (app, { calls, workspace, dispositions, presence }) => {
  app.post(
    '/api/v1/calls',
    {
      config: { auth: ANY_ROLE },
      schema: {
        tags,
        summary: 'Call a lead (click-to-call): the provider rings your phone, then the lead. 409 DIAL_BLOCKED with `reason` when a rule forbids it.',
        body: StartCallBody,
        response: { 201: Call },
      },
    },
    async (req, reply) => reply.status(201).send(await calls.start(actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/calls',
    {
      config: { auth: ANY_ROLE },
      schema: { tags, summary: 'Calls, newest first (a telecaller: their own and their leads’)', querystring: CallListQuery, response: { 200: CallPage } },
    },
    async (req) => calls.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/calls/:id',
    { config: { auth: ANY_ROLE }, schema: { tags, summary: 'One call', params: IdParams, response: { 200: CallWithLead } } },
    async (req) => calls.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/calls/:id/hangup',
    { config: { auth: ANY_ROLE }, schema: { tags, summary: 'Hang up a live call', params: IdParams, response: { 200: Call } } },
    async (req) => calls.hangup(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/calls/:id/disposition',
    {
      config: { auth: ANY_ROLE },
      schema: { tags, summary: 'Wrap up an ended call: disposition, notes, callback time', params: IdParams, body: DispositionBody, response: { 200: Call } },
    },
    async (req) => calls.dispose(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/calls/:id/transcript',
    {
      config: { auth: ANY_ROLE },
      schema: {
        tags,
        summary: 'Transcript segments after `afterSeq` (live while the call runs)',
        params: IdParams,
        querystring: z.object({ afterSeq: z.coerce.number().int().min(-1).default(-1) }),
        response: { 200: Transcript },
      },
    },
    async (req) => calls.transcript(actorOf(req), req.params.id, req.query.afterSeq),
  );

  app.get(
    '/api/v1/calls/:id/recording',
    {
      config: { auth: ANY_ROLE },
      schema: {
        tags,
        summary: 'The call recording (audio), with Range support; for the agent on the call and staff. Every listen is audited.',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const r = await calls.recording(actorOf(req), req.params.id, req.headers.range);
      reply.header('accept-ranges', 'bytes').header('cache-control', 'private, no-store');
      if (r.kind === 'unsatisfiable') {
        return reply
          .status(416)
          .header('content-range', `bytes */${r.size}`)
          .send({ statusCode: 416, code: 'RANGE_NOT_SATISFIABLE', error: 'Range Not Satisfiable', message: `The recording has ${r.size} bytes` });
      }
      reply.header('content-type', r.contentType);
      if (r.range) {
        reply
          .status(206)
          .header('content-range', `bytes ${r.range.start}-${r.range.end}/${r.size}`)
          .header('content-length', r.range.end - r.range.start + 1);
      } else reply.header('content-length', r.size);
      return reply.send(r.stream);
    },
  );

  app.post(
    '/api/v1/calls/:id/supervise',
    {
      config: { auth: STAFF },
      schema: {
        tags,
        summary: 'Listen to, whisper to or barge into a live call from your phone (where the provider supports it)',
        params: IdParams,
        body: z.object({ mode: z.enum(['listen', 'whisper', 'barge']) }),
        response: { 200: z.object({ mode: z.enum(['listen', 'whisper', 'barge']) }) },
      },
    },
    async (req) => calls.supervise(actorOf(req), req.params.id, req.body.mode),
  );

  const Consent = z.object({
    id: z.uuid(),
    purpose: z.string(),
    granted: z.boolean(),
    channel: z.string(),
    evidence: z.string().nullable(),
    recordedBy: z.uuid().nullable(),
    createdAt: z.string(),
  });
  app.get(
    '/api/v1/leads/:id/consents',
    {
      config: { auth: ANY_ROLE },
      schema: {
        tags: ['compliance'],
        summary: 'The lead’s consent ledger, newest first',
        params: IdParams,
        response: { 200: z.object({ items: z.array(Consent) }) },
      },
    },
    async (req) => calls.consents(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/leads/:id/consents',
    {
      config: { auth: ANY_ROLE },
      schema: {
        tags: ['compliance'],
        summary: 'Record consent given or withdrawn (to be called, to be recorded)',
        params: IdParams,
        body: z.object({
          purpose: z.enum(['calls', 'recording']),
          granted: z.boolean(),
          channel: z.enum(['call', 'web_form', 'sms', 'whatsapp', 'email', 'in_person', 'agent_confirmed']),
          evidence: z.string().trim().max(500).nullable().optional(),
        }),
        response: { 201: Consent },
      },
    },
    async (req, reply) => reply.status(201).send(await calls.recordConsent(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/telephony',
    { config: { auth: ANY_ROLE }, schema: { tags, summary: 'The telephony provider in use and what it can do', response: { 200: TelephonyInfo } } },
    async () => calls.info(),
  );

  app.get(
    '/api/v1/dispositions',
    { config: { auth: ANY_ROLE }, schema: { tags, summary: 'The dispositions agents choose from in wrap-up', response: { 200: DispositionList } } },
    async () => ({ items: await dispositions.list() }),
  );

  app.put(
    '/api/v1/dispositions',
    { config: { auth: ADMIN }, schema: { tags, summary: 'Replace the disposition list', body: DispositionList, response: { 200: DispositionList } } },
    async (req) => ({ items: await dispositions.replace(req.body.items) }),
  );

  app.get(
    '/api/v1/workspace/next',
    {
      config: { auth: ANY_ROLE },
      schema: {
        tags: ['workspace'],
        summary: 'The next lead to call: callbacks due first, then your queue',
        querystring: z.object({ skip: z.union([z.uuid(), z.array(z.uuid()).max(50)]).optional() }),
        response: { 200: NextLead },
      },
    },
    async (req) => workspace.next(actorOf(req), req.query.skip === undefined ? [] : [req.query.skip].flat()),
  );

  app.get(
    '/api/v1/workspace/today',
    { config: { auth: ANY_ROLE }, schema: { tags: ['workspace'], summary: 'Your calls, connects and talk time today', response: { 200: TodayCounters } } },
    async (req) => workspace.today(actorOf(req)),
  );

  app.get(
    '/api/v1/callbacks',
    {
      config: { auth: ANY_ROLE },
      schema: {
        tags: ['workspace'],
        summary: 'Your callbacks, overdue first (staff may ask for an agent’s)',
        querystring: z.object({ status: z.enum(CALLBACK_STATUSES).default('pending'), agentId: z.uuid().optional() }),
        response: { 200: CallbackList },
      },
    },
    async (req) => workspace.callbacks(actorOf(req), req.query),
  );

  app.patch(
    '/api/v1/callbacks/:id',
    {
      config: { auth: ANY_ROLE },
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

  app.get(
    '/api/v1/presence/me',
    { config: { auth: ANY_ROLE }, schema: { tags: ['presence'], summary: 'Your state', response: { 200: Presence } } },
    async (req) => workspace.presenceOf(actorOf(req)),
  );

  app.put(
    '/api/v1/presence/me',
    {
      config: { auth: ANY_ROLE },
      schema: { tags: ['presence'], summary: 'Go available, on a break, or offline', body: SetPresenceBody, response: { 200: Presence } },
    },
    async (req) => workspace.setPresence(actorOf(req), req.body),
  );

  app.get(
    '/api/v1/presence/:id/history',
    {
      config: { auth: ANY_ROLE },
      schema: {
        tags: ['presence'],
        summary: 'An agent’s states over a period (yours, or any agent’s for staff)',
        params: IdParams,
        querystring: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
        response: { 200: PresenceHistory },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (actor.role === 'telecaller' && req.params.id !== actor.id) throw CallErrors.CALL_NOT_FOUND('Agent not found');
      return { items: await presence.history(req.params.id, new Date(req.query.from), new Date(req.query.to)) };
    },
  );
};
