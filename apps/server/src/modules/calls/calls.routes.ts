import {
  Call,
  CallListQuery,
  CallPage,
  CallWithLead,
  CampaignDispositions,
  DispositionBody,
  DispositionList,
  DraftNote,
  DraftNoteBody,
  StartCallBody,
  TelephonyInfo,
  Transcript,
} from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import type { DispositionsService } from './calls.dispositions.js';
import { callsPolicy } from './calls.policy.js';
import type { CallsReader } from './calls.read.js';
import type { createRecordingPlayback } from './calls.recordings.js';
import type { CallsService } from './calls.service.js';

const IdParams = z.object({ id: z.uuid() });
const tags = ['calls'];
const roles = callsPolicy.roles;

export type CallsRoutesOptions = {
  calls: CallsService;
  reader: CallsReader;
  playback: ReturnType<typeof createRecordingPlayback>;
  dispositions: DispositionsService;
};

export const callsRoutes: FastifyPluginAsyncZod<CallsRoutesOptions> = async (app, { calls, reader, playback, dispositions }) => {
  app.post(
    '/api/v1/calls',
    {
      config: { auth: roles.calls },
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
      config: { auth: roles.calls },
      schema: { tags, summary: 'Calls, newest first (a telecaller: their own and their leads’)', querystring: CallListQuery, response: { 200: CallPage } },
    },
    async (req) => reader.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/calls/:id',
    { config: { auth: roles.calls }, schema: { tags, summary: 'One call', params: IdParams, response: { 200: CallWithLead } } },
    async (req) => reader.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/calls/:id/hangup',
    { config: { auth: roles.calls }, schema: { tags, summary: 'Hang up a live call', params: IdParams, response: { 200: Call } } },
    async (req) => calls.hangup(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/calls/:id/disposition',
    {
      config: { auth: roles.calls },
      schema: { tags, summary: 'Wrap up an ended call: disposition, notes, callback time', params: IdParams, body: DispositionBody, response: { 200: Call } },
    },
    async (req) => calls.dispose(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/calls/:id/draft-note',
    {
      config: { auth: roles.calls },
      schema: { tags, summary: 'The note you are typing on your call (yours only), kept until wrap-up', params: IdParams, response: { 200: DraftNote } },
    },
    async (req) => calls.draftNotes.get(actorOf(req), req.params.id),
  );

  app.put(
    '/api/v1/calls/:id/draft-note',
    {
      config: { auth: roles.calls },
      schema: {
        tags,
        summary: 'Save the note you are typing on your call (up to 4000 characters); the wrap-up starts from it',
        params: IdParams,
        body: DraftNoteBody,
        response: { 200: DraftNote },
      },
    },
    async (req) => calls.draftNotes.save(actorOf(req), req.params.id, req.body.text),
  );

  app.get(
    '/api/v1/calls/:id/transcript',
    {
      config: { auth: roles.calls },
      schema: {
        tags,
        summary: 'Transcript segments after `afterSeq` (live while the call runs)',
        params: IdParams,
        querystring: z.object({ afterSeq: z.coerce.number().int().min(-1).default(-1) }),
        response: { 200: Transcript },
      },
    },
    async (req) => reader.transcript(actorOf(req), req.params.id, req.query.afterSeq),
  );

  app.get(
    '/api/v1/calls/:id/recording',
    {
      config: { auth: roles.calls },
      schema: {
        tags,
        summary: 'The call recording (audio), with Range support; for the agent on the call and staff. Every listen is audited.',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const r = await playback.open(actorOf(req), req.params.id, req.headers.range);
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
      config: { auth: roles.supervise },
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

  app.get(
    '/api/v1/telephony',
    { config: { auth: roles.calls }, schema: { tags, summary: 'The telephony provider in use and what it can do', response: { 200: TelephonyInfo } } },
    async () => calls.info(),
  );

  app.get(
    '/api/v1/dispositions',
    {
      config: { auth: roles.calls },
      schema: {
        tags,
        summary: 'The dispositions agents choose from in wrap-up: the organisation’s, or with campaignId those a call in that campaign offers',
        querystring: z.object({ campaignId: z.uuid().optional() }),
        response: { 200: DispositionList },
      },
    },
    async (req) => ({ items: await dispositions.listFor(req.query.campaignId ?? null) }),
  );

  app.put(
    '/api/v1/dispositions',
    {
      config: { auth: roles.editDispositions },
      schema: { tags, summary: 'Replace the disposition list', body: DispositionList, response: { 200: DispositionList } },
    },
    async (req) => ({ items: await dispositions.replace(req.body.items) }),
  );

  app.get(
    '/api/v1/campaigns/:id/dispositions',
    {
      config: { auth: roles.viewCampaignDispositions },
      schema: {
        tags,
        summary: 'A campaign’s dispositions: its own list, or the organisation’s as the campaign offers it (own: false)',
        params: IdParams,
        response: { 200: CampaignDispositions },
      },
    },
    async (req) => dispositions.ofCampaign(req.params.id),
  );

  app.put(
    '/api/v1/campaigns/:id/dispositions',
    {
      config: { auth: roles.editDispositions },
      schema: {
        tags,
        summary: 'Give a campaign its own disposition list (it replaces the organisation’s in the campaign’s wrap-ups)',
        params: IdParams,
        body: DispositionList,
        response: { 200: CampaignDispositions },
      },
    },
    async (req) => dispositions.replaceForCampaign(actorOf(req), req.params.id, req.body.items),
  );

  app.delete(
    '/api/v1/campaigns/:id/dispositions',
    {
      config: { auth: roles.editDispositions },
      schema: { tags, summary: 'The campaign goes back to the organisation’s disposition list', params: IdParams, response: { 200: CampaignDispositions } },
    },
    async (req) => dispositions.clearForCampaign(actorOf(req), req.params.id),
  );
};
