/**
 * GraphQL at /graphql over HTTP and graphql-ws (mercurius). Encapsulated: its compilers, hooks
 * and error handling apply to its own routes only. GraphiQL is served at /graphiql outside
 * production. Where introspection is closed (production by default), introspection queries are
 * refused and error messages suggest no names ("Did you mean"), over HTTP and the socket alike.
 */

import type { FastifyPluginAsync } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import mercurius from 'mercurius';
import { Counter, Gauge, type Registry } from 'prom-client';
import { z } from 'zod';
import { createLiveFloor } from '../modules/analytics/index.js';
import { SYSTEM_ACTOR } from '../platform/context.js';
import { CommonErrors } from '../platform/errors.js';
import { type CallsFeed, createCallsFeed } from './calls-feed.js';
import { authenticateRequest, checkSocketSession, closeAtExpiry, connectionAuthenticator, createViewer, type GraphQLContext } from './context.js';
import { createErrorFormatter, toClientError, withoutSuggestion } from './errors.js';
import { createFanout, type Fanout } from './fanout.js';
import { createFloorFeed, type FloorFeed } from './floor-feed.js';
import { NoSchemaIntrospectionCustomRule, specifiedRules, validate } from './graphql-js.js';
import { assertListSizes, LIMITS, operationLimitsRule } from './limits.js';
import { createBusBridge } from './pubsub.js';
import { createResolvers } from './resolvers/index.js';
import type { LiveServices } from './resolvers/subscriptions.js';
import { presentFloor, presentPatch } from './resolvers/team.js';
import { typeDefs } from './schema.js';

export type GraphQLPluginOptions = {
  services: LiveServices;
  isProduction: boolean;
  introspection: boolean;
  /** The app's metrics registry: the live feeds report their subscribers and the fan-out's work. */
  registry?: Registry;
};

/** The team view is pushed at most this often, however busy the floor. */
const TEAM_UPDATE_INTERVAL_MS = 250;
/** The live floor is read whole this often while watched: lost events and logged-in time catch up. */
const FLOOR_RESYNC_MS = 30_000;
/** A socket with more unsent than this misses call changes and gets the whole floor later instead of patches. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Keeps idle websockets open through proxies that drop silent connections. */
const KEEP_ALIVE_MS = 25_000;

export const graphqlPlugin: FastifyPluginAsync<GraphQLPluginOptions> = async (app, { services, isProduction, introspection, registry }) => {
  const validationRules = introspection ? [operationLimitsRule] : [operationLimitsRule, NoSchemaIntrospectionCustomRule];
  const clientError = (err: unknown) => {
    const out = toClientError(err, app.log);
    return introspection ? out : withoutSuggestion(out);
  };

  // mercurius declares its routes in JSON Schema; the app's compilers speak zod.
  app.setValidatorCompiler(({ schema, ...rest }) => validatorCompiler({ ...rest, schema: z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]) }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // Nor do these routes belong in the REST OpenAPI document, whose transform expects zod.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
    route.config = { ...route.config, swaggerTransform: false };
  });

  // The same bearer token as /api. Websocket upgrades authenticate at connection_init instead.
  app.addHook('preHandler', async (request) => {
    if (request.headers.upgrade?.toLowerCase() === 'websocket' || !request.url.startsWith('/graphql')) return;
    await authenticateRequest(services, request);
  });

  const bridge = createBusBridge({ bus: services.bus, log: app.log });
  const formatErrors = createErrorFormatter(app.log, { suggestions: introspection });
  const fanout = createFanout({
    schema: () => app.graphql.schema,
    format: (result) => formatErrors({ data: result.data ?? null, errors: result.errors ?? [] }).response,
    log: app.log,
    maxBufferedBytes: MAX_BUFFERED_BYTES,
  });
  const calls = createCallsFeed({ bus: services.bus, fanout, log: app.log });
  const store = createLiveFloor({
    floor: services.analytics.floor,
    users: () => services.users.list(SYSTEM_ACTOR),
    totals: (ids, period) => services.analytics.performance.of(ids, period),
    resyncMs: FLOOR_RESYNC_MS,
    now: () => services.clock.now(),
  });
  const floor = createFloorFeed({
    bus: services.bus,
    store,
    fanout,
    intervalMs: TEAM_UPDATE_INTERVAL_MS,
    resyncMs: FLOOR_RESYNC_MS,
    present: { patch: presentPatch, snapshot: presentFloor },
    log: app.log,
  });
  app.addHook('onClose', async () => floor.stop());
  if (registry) registerLiveMetrics(registry, { fanout, calls, floor });

  await app.register(mercurius, {
    schema: typeDefs,
    resolvers: createResolvers(services, { bridge, floor, calls, log: app.log }),
    context: (request) => ({ viewer: request.actor ? createViewer(services, request.actor, false) : null }),
    graphiql: !isProduction,
    queryDepth: LIMITS.ceilingDepth,
    validationRules,
    graphql: { parseOptions: { maxTokens: LIMITS.maxTokens } },
    errorFormatter: formatErrors,
    subscription: {
      context: (socket) => ({ socket }),
      onConnect: connectionAuthenticator(services, app.log),
      keepAlive: KEEP_ALIVE_MS,
      // Queries and mutations may use the socket too (one connection for a live page).
      fullWsTransport: true,
    },
  });
  assertListSizes(app.graphql.schema);

  // A query or mutation on a socket: the socket's token must still be valid and its session
  // open, and the socket closes when the token expires, as it does for subscriptions.
  app.graphql.addHook('preExecution', async (_schema, _document, context) => {
    const ctx = context as GraphQLContext;
    if (!ctx.socket || ctx.tokenExpiresAt === undefined) return;
    if (ctx.tokenExpiresAt <= services.clock.now().getTime()) throw clientError(CommonErrors.UNAUTHENTICATED('Token expired'));
    await checkSocketSession(services, ctx).catch((err: unknown) => {
      throw clientError(err);
    });
    closeAtExpiry(ctx, services.clock);
  });

  // Each subscription: the socket's session must still be open, and its end closes the socket.
  app.graphql.addHook('preSubscriptionExecution', async (_schema, _document, context) => {
    await checkSocketSession(services, context as GraphQLContext).catch((err: unknown) => {
      throw clientError(err);
    });
  });

  // mercurius runs no validation on subscriptions: apply the spec's rules and the limits here.
  app.graphql.addHook('preSubscriptionExecution', async (schema, document) => {
    const [first] = validate(schema, document, [...specifiedRules, ...validationRules]);
    if (first) throw clientError(first);
  });
};

/** The live feeds' figures, read when Prometheus scrapes. */
function registerLiveMetrics(registry: Registry, live: { fanout: Fanout; calls: CallsFeed; floor: FloorFeed }) {
  new Gauge({
    name: 'telehub_graphql_live_subscribers',
    help: 'Subscriptions served by the shared fan-out on this node, by feed',
    labelNames: ['feed'] as const,
    registers: [registry],
    collect() {
      this.set({ feed: 'calls' }, live.calls.size());
      this.set({ feed: 'floor' }, live.floor.stats().subscribers);
    },
  });
  new Gauge({
    name: 'telehub_graphql_floor_views',
    help: 'Floor views kept live on this node (one per viewer scope and team)',
    registers: [registry],
    collect() {
      this.set(live.floor.stats().views);
    },
  });
  // Counters only go up: each scrape adds what happened since the last one.
  const counter = (name: string, help: string, read: () => number) => {
    const seen = { value: 0 };
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const value = read();
        if (value > seen.value) this.inc(value - seen.value);
        seen.value = value;
      },
    });
  };
  counter(
    'telehub_graphql_fanout_executions_total',
    'Subscription payloads executed and encoded (one per group of subscribers that share it)',
    () => live.fanout.counters.executions,
  );
  counter('telehub_graphql_fanout_messages_total', 'Subscription messages written to sockets', () => live.fanout.counters.messages);
  counter('telehub_graphql_fanout_skipped_total', 'Subscription messages not written because the socket was backed up', () => live.fanout.counters.skipped);
  counter('telehub_graphql_floor_ticks_total', 'Floor ticks (one flush of the live floor, then patches)', () => live.floor.stats().ticks);
}
