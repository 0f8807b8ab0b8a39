import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN } from '../../platform/auth/plugin.js';
import type { AuditService } from './audit.service.js';

const AuditQuery = z.object({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(80).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(60).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const AuditItem = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/api/v1/audit',
    {
      config: { auth: ADMIN },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first',
        querystring: AuditQuery,
        response: {
          200: z.object({ items: z.array(AuditItem), total: z.number().int(), page: z.number(), pageSize: z.number() }),
        },
      },
    },
    async (req) => {
      const { page, pageSize, from, to, ...filter } = req.query;
      return audit.list({ ...filter, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined }, page, pageSize);
    },
  );
};
