import { Readable } from 'node:stream';
import { AuditExportQuery, type AuditFilter as AuditFilterQuery, AuditPage, AuditQuery } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { auditPolicy } from './audit.policy.js';
import type { AuditFilter } from './audit.repo.js';
import type { AuditService } from './audit.service.js';

/** The query's filters with its instants as dates. */
const filterOf = ({ from, to, ...rest }: AuditFilterQuery): AuditFilter => ({
  ...rest,
  from: from ? new Date(from) : undefined,
  to: to ? new Date(to) : undefined,
});

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/api/v1/audit',
    {
      config: { auth: auditPolicy.roles.view },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first, with the names of who acted and on what',
        querystring: AuditQuery,
        response: {
          200: AuditPage,
        },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return audit.list(filterOf(filter), page, pageSize);
    },
  );

  app.get(
    '/api/v1/audit/export',
    {
      config: { auth: auditPolicy.roles.view },
      schema: {
        tags: ['audit'],
        summary: 'Download the entries matching the filters as CSV (the export is audited)',
        querystring: AuditExportQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { format: _csv, ...filter } = req.query;
      const { rows, chunks } = await audit.exportCsv(actorOf(req), filterOf(filter));
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="telehub-audit-${stamp}.csv"`)
        .header('x-total-count', String(rows))
        .send(Readable.from(chunks));
    },
  );
};
