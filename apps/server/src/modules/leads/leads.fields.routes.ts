import { CreateLeadFieldBody, LeadFieldDefinition, LeadFieldList, UnknownLeadFields, UpdateLeadFieldBody } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { leadsPolicy } from './leads.policy.js';
import type { LeadsService } from './leads.service.js';

const IdParams = z.object({ id: z.uuid() });
const tags = ['lead fields'];
const { view, manageFields } = leadsPolicy.roles;

/** The definitions of leads' extra fields: everyone reads them (the lead pages need the labels), admins change them. */
export const leadFieldsRoutes: FastifyPluginAsyncZod<{ leads: Pick<LeadsService, 'fields'> }> = async (app, { leads: { fields } }) => {
  app.get(
    '/api/v1/lead-fields',
    {
      config: { auth: view },
      schema: { tags, summary: 'The definitions of leads’ extra fields (metadata keys), in their order', response: { 200: LeadFieldList } },
    },
    async () => ({ items: await fields.list() }),
  );

  app.get(
    '/api/v1/lead-fields/unknown-keys',
    {
      config: { auth: manageFields },
      schema: {
        tags,
        summary: 'Keys found in the newest leads’ metadata that have no definition yet, most common first (admins)',
        response: { 200: UnknownLeadFields },
      },
    },
    async () => fields.unknownKeys(),
  );

  app.post(
    '/api/v1/lead-fields',
    {
      config: { auth: manageFields },
      schema: {
        tags,
        summary: 'Define a metadata key: its labels, type and options (admins; 409 LEAD_FIELD_KEY_TAKEN for a key already defined)',
        body: CreateLeadFieldBody,
        response: { 201: LeadFieldDefinition },
      },
    },
    async (req, reply) => reply.status(201).send(await fields.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/lead-fields/:id',
    {
      config: { auth: manageFields },
      schema: {
        tags,
        summary: 'Change a definition; `order` moves it to that place (admins). The key never changes.',
        params: IdParams,
        body: UpdateLeadFieldBody,
        response: { 200: LeadFieldDefinition },
      },
    },
    async (req) => fields.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/lead-fields/:id',
    {
      config: { auth: manageFields },
      schema: { tags, summary: 'Remove a definition; the values stay in the leads’ metadata (admins)', params: IdParams },
    },
    async (req, reply) => {
      await fields.remove(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
