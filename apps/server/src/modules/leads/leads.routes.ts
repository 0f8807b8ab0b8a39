import { Readable } from 'node:stream';
import { Activity, ActivityList, ActivityListQuery, CreateLeadBody, CreateNoteBody, Lead, LeadListQuery, LeadPage, UpdateLeadBody } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { leadsPolicy } from './leads.policy.js';
import type { LeadsService } from './leads.service.js';

const IdParams = z.object({ id: z.uuid() });
const ExportQuery = LeadListQuery.omit({ page: true, pageSize: true, sort: true });

export const leadsRoutes: FastifyPluginAsyncZod<{ leads: LeadsService }> = async (app, { leads }) => {
  app.get(
    '/api/v1/leads',
    {
      config: { auth: leadsPolicy.roles.view },
      schema: {
        tags: ['leads'],
        summary: 'Search and page through leads (a telecaller sees only their own)',
        description:
          '`q` matches name, email, or phone digits in any format. Several statuses are separated by commas. `ownerId` takes a user id, `me` or `unassigned`.',
        querystring: LeadListQuery,
        response: { 200: LeadPage },
      },
    },
    async (req) => leads.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/leads/export',
    {
      config: { auth: leadsPolicy.roles.export },
      schema: {
        tags: ['leads'],
        summary: 'Download the leads matching the filters as CSV (audited)',
        querystring: ExportQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { rows, chunks } = await leads.exportCsv(actorOf(req), req.query);
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="telehub-leads-${stamp}.csv"`)
        .header('x-total-count', String(rows))
        .send(Readable.from(chunks));
    },
  );

  app.post(
    '/api/v1/leads',
    {
      config: { auth: leadsPolicy.roles.view },
      schema: { tags: ['leads'], summary: 'Create a lead (the phone must not belong to another live lead)', body: CreateLeadBody, response: { 201: Lead } },
    },
    async (req, reply) => reply.status(201).send(await leads.create(actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/leads/:id',
    {
      config: { auth: leadsPolicy.roles.view },
      schema: { tags: ['leads'], summary: 'One lead, in full (audited)', params: IdParams, response: { 200: Lead } },
    },
    async (req) => leads.get(actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/leads/:id',
    {
      config: { auth: leadsPolicy.roles.view },
      schema: {
        tags: ['leads'],
        summary: 'Change a lead; only managers and admins change its owner',
        params: IdParams,
        body: UpdateLeadBody,
        response: { 200: Lead },
      },
    },
    async (req) => leads.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/leads/:id',
    { config: { auth: leadsPolicy.roles.delete }, schema: { tags: ['leads'], summary: 'Delete a lead (kept for history, its phone freed)', params: IdParams } },
    async (req, reply) => {
      await leads.remove(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/leads/:id/activities',
    {
      config: { auth: leadsPolicy.roles.view },
      schema: {
        tags: ['leads'],
        summary: 'The lead timeline, newest first',
        params: IdParams,
        querystring: ActivityListQuery,
        response: { 200: ActivityList },
      },
    },
    async (req) => leads.timeline(actorOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/v1/leads/:id/notes',
    {
      config: { auth: leadsPolicy.roles.view },
      schema: { tags: ['leads'], summary: 'Add a note to the timeline', params: IdParams, body: CreateNoteBody, response: { 201: Activity } },
    },
    async (req, reply) => reply.status(201).send(await leads.addNote(actorOf(req), req.params.id, req.body.body)),
  );
};
