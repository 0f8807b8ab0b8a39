import { ImportList, ImportStatus } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { CommonErrors } from '../../platform/errors.js';
import { readUploadForm } from '../../platform/http/multipart.js';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, type ConsentsService, LAWFUL_BASES } from './compliance.consents.js';
import type { Notices } from './compliance.notices.js';
import { compliancePolicy } from './compliance.policy.js';
import type { ComplianceService } from './compliance.service.js';

const IdParams = z.object({ id: z.uuid() });
const Consent = z.object({
  id: z.uuid(),
  purpose: z.string(),
  granted: z.boolean(),
  channel: z.string(),
  evidence: z.string().nullable(),
  noticeId: z.uuid().nullable(),
  noticeVersion: z.number().int().nullable(),
  lawfulBasis: z.string(),
  recordedBy: z.uuid().nullable(),
  createdAt: z.string(),
});
const Notice = z.object({
  id: z.uuid(),
  purpose: z.string(),
  version: z.number().int(),
  textEn: z.string(),
  textHi: z.string(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
});

const DndCheck = z.object({
  phone: z.string(),
  registered: z.boolean(),
  fullyBlocked: z.boolean(),
  categories: z.array(z.number().int()),
  blocksUs: z.boolean().describe("whether the number's preferences block this organisation's category"),
  category: z.number().int(),
});

export const complianceRoutes: FastifyPluginAsyncZod<{ compliance: ComplianceService; consents: ConsentsService; notices: Notices }> = async (
  app,
  { compliance, consents, notices },
) => {
  app.get(
    '/api/v1/leads/:id/consents',
    {
      config: { auth: compliancePolicy.roles.consents },
      schema: {
        tags: ['compliance'],
        summary: 'The lead’s consent ledger, newest first',
        params: IdParams,
        response: { 200: z.object({ items: z.array(Consent) }) },
      },
    },
    async (req) => consents.list(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/leads/:id/consents',
    {
      config: { auth: compliancePolicy.roles.consents },
      schema: {
        tags: ['compliance'],
        summary: 'Record consent given or withdrawn for a purpose, or the legitimate use (DPDP s.7) that stands instead',
        description:
          'A consent given names the notice shown (`noticeId`, else the purpose’s current version). `lawfulBasis` other than `consent` records a legitimate use that needs no consent.',
        params: IdParams,
        body: z.object({
          purpose: z.enum(CONSENT_PURPOSES),
          granted: z.boolean(),
          channel: z.enum(CONSENT_CHANNELS),
          evidence: z.string().trim().max(500).nullable().optional(),
          noticeId: z.uuid().nullable().optional(),
          lawfulBasis: z.enum(LAWFUL_BASES).optional(),
        }),
        response: { 201: Consent },
      },
    },
    async (req, reply) => reply.status(201).send(await consents.add(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/compliance/notices',
    {
      config: { auth: compliancePolicy.roles.notices },
      schema: {
        tags: ['compliance'],
        summary: 'Consent notices: every version of each purpose’s text, English and Hindi',
        response: { 200: z.object({ items: z.array(Notice) }) },
      },
    },
    async () => notices.list(),
  );

  app.post(
    '/api/v1/compliance/notices',
    {
      config: { auth: compliancePolicy.roles.registry },
      schema: {
        tags: ['compliance'],
        summary: 'Publish a new version of a purpose’s consent notice (versions are never edited)',
        body: z.object({
          purpose: z.enum(CONSENT_PURPOSES),
          textEn: z.string().trim().min(10, 'textEn: write the notice (at least 10 characters)').max(4000),
          textHi: z.string().trim().min(10, 'textHi: write the notice in Hindi (at least 10 characters)').max(4000),
        }),
        response: { 201: Notice },
      },
    },
    async (req, reply) => reply.status(201).send(await notices.add(actorOf(req), req.body)),
  );

  app.post(
    '/api/v1/compliance/dnd/imports',
    {
      config: { auth: compliancePolicy.roles.registry },
      schema: {
        tags: ['compliance'],
        summary: 'Import an NCPR (DND) list from CSV or XLSX',
        description:
          'multipart/form-data: `file` with a phone column and, optionally, preferences ("0" = fully blocked, or categories 1-8), modes and registration date; `replace=true` makes the file the whole registry (numbers it lacks are removed and their leads cleared).',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // The replace flag may follow the file in the form: start only once the whole form is read.
      const { result, fields } = await readUploadForm(req.parts(), (f) =>
        compliance.receiveList(actor, { filename: f.filename, mimetype: f.mimetype, stream: f.file }),
      );
      if (fields.replace !== undefined && !['true', 'false'].includes(fields.replace)) throw CommonErrors.VALIDATION_FAILED('replace: must be true or false');
      await compliance.startList(actor, result.id, fields.replace === 'true');
      return reply.status(202).send(result);
    },
  );

  app.get(
    '/api/v1/compliance/dnd/imports',
    { config: { auth: compliancePolicy.roles.registry }, schema: { tags: ['compliance'], summary: 'DND list imports', response: { 200: ImportList } } },
    async () => ({ items: await compliance.listImports() }),
  );

  app.get(
    '/api/v1/compliance/dnd/imports/:id',
    {
      config: { auth: compliancePolicy.roles.registry },
      schema: { tags: ['compliance'], summary: 'A DND list import', params: z.object({ id: z.uuid() }), response: { 200: ImportStatus } },
    },
    async (req) => compliance.getImport(req.params.id),
  );

  app.get(
    '/api/v1/compliance/dnd',
    {
      config: { auth: compliancePolicy.roles.registry },
      schema: {
        tags: ['compliance'],
        summary: 'The DND registry: entries, flagged leads, our category',
        response: {
          200: z.object({ entries: z.number().int(), lastUpdatedAt: z.string().nullable(), flaggedLeads: z.number().int(), category: z.number().int() }),
        },
      },
    },
    async () => compliance.stats(),
  );

  app.get(
    '/api/v1/compliance/dnd/check',
    {
      config: { auth: compliancePolicy.roles.check },
      schema: {
        tags: ['compliance'],
        summary: 'Is this number on the DND registry?',
        querystring: z.object({ phone: z.string().min(3).max(32) }),
        response: { 200: DndCheck },
      },
    },
    async (req) => compliance.check(req.query.phone),
  );
};
