import type { MultipartFile } from '@fastify/multipart';
import { ImportList, ImportPreview, ImportStatus, StartImportBody } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { CommonErrors } from '../../platform/errors.js';
import { readUploadForm } from '../../platform/http/multipart.js';
import { importsPolicy } from './imports.policy.js';
import type { ImportsService } from './imports.service.js';

const IdParams = z.object({ id: z.uuid() });

function optionsFrom(fields: Record<string, string>): StartImportBody {
  let mapping: unknown;
  if (fields.mapping?.trim()) {
    try {
      mapping = JSON.parse(fields.mapping);
    } catch {
      throw CommonErrors.VALIDATION_FAILED('mapping: must be a JSON object of field -> column header, e.g. {"phone":"Mobile No."}');
    }
  }
  const parsed = StartImportBody.safeParse({ mapping, source: fields.source || undefined, campaignId: fields.campaignId || undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw CommonErrors.VALIDATION_FAILED(`${issue?.path.join('.') || 'form'}: ${issue?.message ?? 'is not valid'}`);
  }
  return parsed.data;
}

const upload = (f: MultipartFile) => ({ filename: f.filename, mimetype: f.mimetype, stream: f.file });

export const importsRoutes: FastifyPluginAsyncZod<{ imports: ImportsService }> = async (app, { imports }) => {
  app.post(
    '/api/v1/imports',
    {
      config: { auth: importsPolicy.roles.import },
      schema: {
        tags: ['imports'],
        summary: 'Upload a CSV or XLSX file and start importing it',
        description:
          'multipart/form-data: `file` (CSV or XLSX), optional `mapping` (JSON object: TeleHub field -> column header; default: suggested from the headers), optional `source`, optional `campaignId`. Answers 202 with the import id; follow it with GET /api/v1/imports/:id.',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { result: preview, fields } = await readUploadForm(req.parts(), (f) => imports.preview(actor, upload(f)));
      await imports.start(actor, preview.id, optionsFrom(fields));
      return reply.status(202).send({ id: preview.id });
    },
  );

  app.post(
    '/api/v1/imports/preview',
    {
      config: { auth: importsPolicy.roles.import },
      schema: {
        tags: ['imports'],
        summary: 'Upload a file and see its first rows with a suggested column mapping (nothing is imported yet)',
        consumes: ['multipart/form-data'],
        response: { 201: ImportPreview },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { result: preview } = await readUploadForm(req.parts(), (f) => imports.preview(actor, upload(f)));
      return reply.status(201).send(preview);
    },
  );

  app.post(
    '/api/v1/imports/:id/start',
    {
      config: { auth: importsPolicy.roles.import },
      schema: {
        tags: ['imports'],
        summary: 'Start a previewed import with the chosen mapping',
        params: IdParams,
        body: StartImportBody,
        response: { 202: ImportStatus },
      },
    },
    async (req, reply) => reply.status(202).send(await imports.start(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/imports',
    { config: { auth: importsPolicy.roles.import }, schema: { tags: ['imports'], summary: 'Recent lead imports', response: { 200: ImportList } } },
    async () => ({ items: await imports.list('leads') }),
  );

  app.get(
    '/api/v1/imports/:id',
    {
      config: { auth: importsPolicy.roles.import },
      schema: { tags: ['imports'], summary: 'An import: status, progress, counts and rejected rows', params: IdParams, response: { 200: ImportStatus } },
    },
    async (req) => imports.get(req.params.id),
  );

  app.get(
    '/api/v1/imports/:id/rejects.csv',
    {
      config: { auth: importsPolicy.roles.import },
      schema: { tags: ['imports'], summary: 'Every rejected row with its reason, as CSV', params: IdParams, produces: ['text/csv'] },
    },
    async (req, reply) => {
      const { filename, body } = await imports.rejectsCsv(actorOf(req), req.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename.replace(/["\\\r\n]/g, '_')}"`)
        .send(body);
    },
  );
};
