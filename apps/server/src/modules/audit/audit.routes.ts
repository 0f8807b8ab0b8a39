import { AuditPage, AuditQuery } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPolicy } from './audit.policy.js';
import type { AuditService } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/api/v1/audit',
    {
      config: { auth: auditPolicy.roles.view },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first',
        querystring: AuditQuery,
        response: {
          200: AuditPage,
        },
      },
    },
    async (req) => {
      const { page, pageSize, from, to, ...filter } = req.query;
      return audit.list({ ...filter, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined }, page, pageSize);
    },
  );
};
