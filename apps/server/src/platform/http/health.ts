import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Metrics } from '../metrics.js';
import { within } from '../timeout.js';

/** Each dependency is given this long to answer before it counts as unreachable. */
const CHECK_TIMEOUT_MS = 2_000;

const state = z.enum(['ok', 'unreachable']);
const readiness = z.object({
  status: z.enum(['ok', 'degraded', 'unavailable']),
  database: state,
  redis: state.optional(),
  node: z.string().optional().describe('this process among the nodes sharing the database, as call holders and dialer leases name it'),
});

export type HealthOptions = {
  db: Db;
  metrics: Metrics;
  /** Redis' PING, when REDIS_URL is set. */
  redis?: () => Promise<void>;
  /** This node's id (an operator traces a call's holder or a campaign's pacer to a process by it). */
  node?: string;
};

export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, { db, metrics, redis, node }) => {
  const checks: Record<string, () => Promise<unknown>> = { database: () => db.execute(sql`select 1`) };
  if (redis) checks.redis = redis;

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
        summary: 'Readiness, with each dependency',
        description:
          '503 when the database does not answer (this node cannot serve). When only Redis does not, 200 with status "degraded": ' +
          'the node serves, jobs and events wait in the database and run when Redis is back.',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (_req, reply) => {
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await within(check(), CHECK_TIMEOUT_MS, () => new Error(`${name} did not answer within ${CHECK_TIMEOUT_MS} ms`));
            return [name, 'ok'] as const;
          } catch (err) {
            reply.log.warn({ err, dependency: name }, 'readiness check failed');
            return [name, 'unreachable'] as const;
          }
        }),
      );
      const of = (name: string) => results.find(([n]) => n === name)?.[1];
      const dependencies = { database: of('database') ?? 'unreachable', ...(checks.redis ? { redis: of('redis') } : {}) };
      if (dependencies.database !== 'ok') return reply.status(503).send({ status: 'unavailable' as const, ...dependencies, node });
      const degraded = results.some(([, s]) => s !== 'ok');
      return { status: degraded ? ('degraded' as const) : ('ok' as const), ...dependencies, node };
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
