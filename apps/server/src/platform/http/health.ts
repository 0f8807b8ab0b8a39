import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Metrics } from '../metrics.js';

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db; metrics: Metrics }> = async (app, { db, metrics }) => {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness: the process answers', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.literal('ok') }),
          503: z.object({ status: z.literal('unavailable'), database: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await db.execute(sql`select 1`);
        return { status: 'ok' as const, database: 'ok' as const };
      } catch (err) {
        reply.log.warn({ err }, 'readiness check failed');
        return reply.status(503).send({ status: 'unavailable' as const, database: 'unreachable' });
      }
    },
  );

  // Closed in production to all but TELEHUB_METRICS_TOKEN and admins' tokens (security.ts guards it).
  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics (in production: the metrics token or an admin’s access token)', hide: false } },
    async (_req, reply) => {
      return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );
};
