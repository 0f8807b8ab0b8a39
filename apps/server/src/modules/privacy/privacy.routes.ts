import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import type { Holds } from './privacy.holds.js';
import { accessExportPdf } from './privacy.pdf.js';
import { privacyPolicy } from './privacy.policy.js';
import type { ProcessingLog } from './privacy.processing.js';
import { CORRECTABLE, type PrivacyRequests, REQUEST_CHANNELS, REQUEST_STATUSES, REQUEST_TYPES } from './privacy.requests.js';
import { RETENTION_KINDS, type Retention } from './privacy.retention.js';

const IdParams = z.object({ id: z.uuid() });
const auth = { auth: privacyPolicy.roles.manage };
const tags = ['privacy'];
const text = (max: number) => z.string().trim().min(1).max(max);
const Json = z.record(z.string(), z.unknown());

const Corrections = z
  .object(
    Object.fromEntries(CORRECTABLE.map((f) => [f, z.string().trim().max(200).nullable().optional()])) as Record<
      (typeof CORRECTABLE)[number],
      z.ZodOptional<z.ZodNullable<z.ZodString>>
    >,
  )
  .strict();

const Request = z.object({
  id: z.uuid(),
  type: z.enum(REQUEST_TYPES),
  status: z.enum(REQUEST_STATUSES),
  leadId: z.uuid(),
  leadName: z.string().nullable(),
  channel: z.string(),
  details: z.string().nullable(),
  input: Json,
  result: Json.nullable(),
  hasExport: z.boolean(),
  rejectReason: z.string().nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  createdBy: z.uuid().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.uuid().nullable(),
});
const RequestWithActions = Request.extend({
  actions: z.array(z.object({ id: z.uuid(), action: z.string(), actorId: z.uuid().nullable(), note: z.string().nullable(), details: Json, at: z.string() })),
});
const Hold = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  reason: z.string(),
  placedBy: z.uuid().nullable(),
  placedAt: z.string(),
  liftedAt: z.string().nullable(),
  liftedBy: z.uuid().nullable(),
  liftReason: z.string().nullable(),
});
const Policy = z.object({ kind: z.enum(RETENTION_KINDS), days: z.number().int().nullable(), updatedAt: z.string().nullable() });
const Run = z.object({
  id: z.uuid(),
  trigger: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  cutoffs: z.record(z.string(), z.string()),
  removed: z.record(z.string(), z.number()),
  heldLeads: z.number().int(),
  error: z.string().nullable(),
});

const OpenBody = z
  .object({
    type: z.enum(REQUEST_TYPES),
    leadId: z.uuid().optional(),
    phone: z.string().trim().min(3).max(32).optional(),
    channel: z.enum(REQUEST_CHANNELS).optional(),
    details: z.string().trim().max(2000).nullable().optional(),
    corrections: Corrections.optional(),
    nominee: z.object({ name: text(200), relation: z.string().trim().max(100).nullable().optional(), contact: text(200) }).optional(),
  })
  .refine((b) => (b.leadId === undefined) !== (b.phone === undefined), { message: 'give either leadId or phone', path: ['leadId'] })
  .refine((b) => b.type !== 'nomination' || b.nominee !== undefined, { message: 'nominee: a nomination names the nominee', path: ['nominee'] });

export const privacyRoutes: FastifyPluginAsyncZod<{ requests: PrivacyRequests; holds: Holds; retention: Retention; processing: ProcessingLog }> = async (
  app,
  { requests, holds, retention, processing },
) => {
  app.post(
    '/api/v1/privacy/requests',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Open a data principal request (access, correction, erasure, grievance, nomination) for a lead or a phone number',
        description:
          'The due date follows TELEHUB_PRIVACY_RESPONSE_DAYS (grievances: TELEHUB_PRIVACY_GRIEVANCE_DAYS). A phone number is normalized to E.164 and matched to the live lead.',
        body: OpenBody,
        response: { 201: Request },
      },
    },
    async (req, reply) => reply.status(201).send(await requests.open(actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/privacy/requests',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Privacy requests: open ones first by due date; filter by status, type, lead, or overdue',
        querystring: z.object({
          status: z.enum(REQUEST_STATUSES).optional(),
          type: z.enum(REQUEST_TYPES).optional(),
          leadId: z.uuid().optional(),
          overdue: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ items: z.array(Request), total: z.number().int(), overdue: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
        },
      },
    },
    async (req) => requests.list(req.query),
  );

  app.get(
    '/api/v1/privacy/requests/:id',
    { config: auth, schema: { tags, summary: 'A privacy request with the history of what was done', params: IdParams, response: { 200: RequestWithActions } } },
    async (req) => requests.get(req.params.id),
  );

  app.post(
    '/api/v1/privacy/requests/:id/start',
    { config: auth, schema: { tags, summary: 'Mark an open request as in progress', params: IdParams, response: { 200: RequestWithActions } } },
    async (req) => requests.start(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/privacy/requests/:id/complete',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Do the request’s work and close it',
        description:
          'access: exports everything every holder keeps (download as JSON or PDF); correction: applies `corrections` (or those given when opened) to the lead; erasure: erases the person everywhere and leaves a tombstone (refused while a legal hold stands); grievance and nomination: need a `resolution`.',
        params: IdParams,
        body: z
          .object({
            note: z.string().trim().max(2000).nullable().optional(),
            corrections: Corrections.optional(),
            resolution: z.string().trim().max(2000).nullable().optional(),
          })
          .default({}),
        response: { 200: RequestWithActions },
      },
    },
    async (req) => requests.complete(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/privacy/requests/:id/reject',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Close a request without doing it, giving the reason',
        params: IdParams,
        body: z.object({ reason: text(2000) }),
        response: { 200: RequestWithActions },
      },
    },
    async (req) => requests.reject(actorOf(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/v1/privacy/requests/:id/export',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Download the access export (JSON, or PDF in English or Hindi); every download is audited',
        params: IdParams,
        querystring: z.object({ format: z.enum(['json', 'pdf']).default('json'), lang: z.enum(['en', 'hi']).default('en') }),
      },
    },
    async (req, reply) => {
      const { format, lang } = req.query;
      const { data } = await requests.exportOf(actorOf(req), req.params.id, format);
      const name = `access-${req.params.id.slice(0, 8)}`;
      if (format === 'json')
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.json"`)
          .send(JSON.stringify(data, null, 2));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(await accessExportPdf(data, req.params.id, lang));
    },
  );

  app.get(
    '/api/v1/privacy/holds',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Legal holds (active ones unless all=true), optionally of one lead',
        querystring: z.object({
          all: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .default(false),
          leadId: z.uuid().optional(),
        }),
        response: { 200: z.object({ items: z.array(Hold) }) },
      },
    },
    async (req) => holds.list({ active: !req.query.all, leadId: req.query.leadId }),
  );

  app.post(
    '/api/v1/privacy/holds',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Place a legal hold on a lead, with the reason',
        body: z.object({ leadId: z.uuid(), reason: text(500) }),
        response: { 201: Hold },
      },
    },
    async (req, reply) => reply.status(201).send(await holds.place(actorOf(req), req.body)),
  );

  app.post(
    '/api/v1/privacy/holds/:id/lift',
    {
      config: auth,
      schema: { tags, summary: 'Lift a legal hold, with the reason', params: IdParams, body: z.object({ reason: text(500) }), response: { 200: Hold } },
    },
    async (req) => holds.lift(actorOf(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/v1/privacy/retention',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Retention periods per kind of data, and the latest runs with what they removed',
        response: { 200: z.object({ policies: z.array(Policy), runs: z.array(Run) }) },
      },
    },
    async () => ({ policies: await retention.policies(), runs: await retention.runs() }),
  );

  app.put(
    '/api/v1/privacy/retention/:kind',
    {
      config: auth,
      schema: {
        tags,
        summary: 'Set how many days a kind of data is kept (null: until the person is erased)',
        params: z.object({ kind: z.enum(RETENTION_KINDS) }),
        body: z.object({ days: z.number().int().min(1, 'days: at least 1').max(36_500).nullable() }),
        response: { 200: z.object({ policies: z.array(Policy) }) },
      },
    },
    async (req) => ({ policies: await retention.setPolicy(actorOf(req), req.params.kind, req.body.days) }),
  );

  app.post(
    '/api/v1/privacy/retention/run',
    { config: auth, schema: { tags, summary: 'Apply the retention periods now; answers the run’s report', response: { 200: Run } } },
    async (req) => retention.run('manual', actorOf(req)),
  );

  app.get(
    '/api/v1/privacy/processing-log',
    {
      config: auth,
      schema: {
        tags,
        summary: 'The processing log: who processed whose data, how and for what purpose (kept at least a year)',
        querystring: z.object({
          leadId: z.uuid().optional(),
          action: z.string().trim().max(60).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                at: z.string(),
                actorId: z.uuid().nullable(),
                actorRole: z.string().nullable(),
                leadId: z.uuid().nullable(),
                action: z.string(),
                purpose: z.string(),
                details: Json,
              }),
            ),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    async (req) => processing.list(req.query),
  );
};
