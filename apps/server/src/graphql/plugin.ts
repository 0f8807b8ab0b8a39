/**
 * GraphQL at /graphql over HTTP and graphql-ws (mercurius). Encapsulated: its compilers, hooks
 * and error handling apply to its own routes only. GraphiQL is served at /graphiql outside
 * production. Where introspection is closed (production by default), introspection queries are
 * refused and error messages suggest no names ("Did you mean"), over HTTP and the socket alike.
 */

import type { FastifyPluginAsync } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import mercurius from 'mercurius';
import { z } from 'zod';
import type { Floor } from '../modules/analytics/index.js';
import { SYSTEM_ACTOR } from '../platform/context.js';
import { CommonErrors } from '../platform/errors.js';
import { authenticateRequest, checkSocketSession, closeAtExpiry, connectionAuthenticator, createViewer, type GraphQLContext } from './context.js';
import { createErrorFormatter, toClientError, withoutSuggestion } from './errors.js';
import { NoSchemaIntrospectionCustomRule, specifiedRules, validate } from './graphql-js.js';
import { assertListSizes, LIMITS, operationLimitsRule } from './limits.js';
import { createBusBridge, createSnapshotFeed } from './pubsub.js';
import { createResolvers } from './resolvers/index.js';
import type { LiveServices } from './resolvers/subscriptions.js';
import { typeDefs } from './schema.js';

export type GraphQLPluginOptions = { services: LiveServices; isProduction: boolean; introspection: boolean };

/** The team view is pushed at most this often, however busy the floor. */
const TEAM_UPDATE_INTERVAL_MS = 250;
/** Keeps idle websockets open through proxies that drop silent connections. */
const KEEP_ALIVE_MS = 25_000;

export const graphqlPlugin: FastifyPluginAsync<GraphQLPluginOptions> = async (app, { services, isProduction, introspection }) => {
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
  const floor = createSnapshotFeed<Floor>({
    bus: services.bus,
    topics: ['agent.presence', 'call.updated'],
    intervalMs: TEAM_UPDATE_INTERVAL_MS,
    snapshot: async () => services.analytics.floor.load(await services.users.list(SYSTEM_ACTOR)),
    log: app.log,
  });
  app.addHook('onClose', async () => floor.stop());

  await app.register(mercurius, {
    schema: typeDefs,
    resolvers: createResolvers(services, { bridge, floor, log: app.log }),
    context: (request) => ({ viewer: request.actor ? createViewer(services, request.actor, false) : null }),
    graphiql: !isProduction,
    queryDepth: LIMITS.ceilingDepth,
    validationRules,
    graphql: { parseOptions: { maxTokens: LIMITS.maxTokens } },
    errorFormatter: createErrorFormatter(app.log, { suggestions: introspection }),
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
