/**
 * buildApp(deps) -> a ready Fastify instance. main.ts and the tests both build the app here,
 * so a test gets the real routes, hooks and error handling on a real database.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { graphqlPlugin } from './graphql/plugin.js';
import { agentsRoutes } from './modules/agents/index.js';
import { alertsRoutes } from './modules/alerts/index.js';
import { analysisRoutes } from './modules/analysis/index.js';
import { analyticsRoutes } from './modules/analytics/index.js';
import { assignmentRoutes } from './modules/assignment/index.js';
import { assistRoutes } from './modules/assist/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { authRoutes, ssoRoutes } from './modules/auth/index.js';
import { callControlsRoutes, callsRoutes } from './modules/calls/index.js';
import { campaignsRoutes } from './modules/campaigns/index.js';
import { coachingRoutes } from './modules/coaching/index.js';
import { complianceRoutes } from './modules/compliance/index.js';
import { dialerRoutes } from './modules/dialer/index.js';
import { followupsRoutes } from './modules/followups/index.js';
import { importsRoutes } from './modules/imports/index.js';
import { inboundRoutes } from './modules/inbound/index.js';
import { knowledgeRoutes } from './modules/knowledge/index.js';
import { leadFieldsRoutes, leadMergeRoutes, leadsRoutes } from './modules/leads/index.js';
import { messagingRoutes } from './modules/messaging/index.js';
import { privacyRoutes } from './modules/privacy/index.js';
import { qaRoutes } from './modules/qa/index.js';
import { reportExportRoutes, reportsRoutes } from './modules/reports/index.js';
import { settingsRoutes } from './modules/settings/index.js';
import { setupRoutes } from './modules/setup/index.js';
import { sourcesRoutes } from './modules/sources/index.js';
import { speechRoutes } from './modules/speech/index.js';
import { usersRoutes } from './modules/users/index.js';
import { authPlugin } from './platform/auth/plugin.js';
import type { Clock } from './platform/context.js';
import type { Database } from './platform/db/client.js';
import { rateLimitedMessage } from './platform/errors.js';
import { AccessLog } from './platform/http/access-log.js';
import { registerErrorHandling } from './platform/http/errors.js';
import { healthRoutes } from './platform/http/health.js';
import { inputGuard } from './platform/http/input-guard.js';
import { registerSecurity } from './platform/http/security.js';
import type { Logger } from './platform/logging.js';
import { createMetrics, instrumentHttp } from './platform/metrics.js';
import { whatsappWebhookRoutes } from './providers/messaging/whatsapp/index.js';
import { exotelWebhookRoutes, isSimulatorProvider, isTwilioProvider, twilioWebhookRoutes } from './providers/telephony/index.js';
import { createServices, type Services } from './services.js';

export type AppDeps = {
  config: Config;
  database: Database;
  logger: Logger;
  clock?: Clock;
};

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

const API_PREFIXES = ['/api/', '/docs', '/graphql', '/webhooks/', '/media/', '/metrics', '/healthz', '/readyz'];

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, logger } = deps;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new AccessLog(),
    trustProxy: config.server.TELEHUB_TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await app.register(inputGuard);

  const metrics = createMetrics();
  const services = await createServices({ config, database, logger, clock: deps.clock, metrics: metrics.registry });
  app.decorate('services', services);
  // The CRM event consumer runs with the app; scheduled syncs start with the scheduler (main.ts).
  // Each node follows settings changed in the product (on any node) without a restart.
  app.addHook('onReady', async () => services.settings.start());
  app.addHook('onReady', async () => services.sources.start());
  // Calls of server nodes that are gone end now; this node's own end with it (onClose).
  app.addHook('onReady', async () => services.calls.startNode());
  // The pacer runs with the app: each running campaign is paced by whichever node holds its lease.
  app.addHook('onReady', async () => services.dialer.engine.start());
  app.addHook('onReady', async () => services.assistEngine.start());
  // Each node builds its knowledge search index from the database, then follows changes.
  app.addHook('onReady', async () => services.knowledge.start());
  // Stop background work before the database closes under it.
  app.addHook('onClose', async () => {
    await services.settings.stop();
    await services.sources.stop();
    await services.dialer.engine.stop();
    await services.assistEngine.stop();
    // Media streams end first: their last transcript segments are stored before the writer's flush.
    await services.speech.close();
    await services.knowledge.stop();
    await services.telephony.close?.();
    await services.calls.stopNode();
    await services.transcripts.flush();
    await services.llm.close();
    services.messaging.close();
    await services.scheduler.stop();
    await services.jobs.stop();
    // After the jobs: a running export or analysis has its thread until it ends.
    await services.workers.close();
    await services.bus.close();
  });
  instrumentHttp(app, metrics);
  // Before any route: headers on every answer, /metrics and /docs closed, no source maps (production).
  await registerSecurity(app, {
    ...config.security,
    publicBaseUrl: config.server.PUBLIC_BASE_URL,
    roleOf: async (token, ip) => (await services.sessions.authenticate(token, ip)).actor.role,
  });

  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.imports.TELEHUB_IMPORT_MAX_MB * 1_048_576, files: 1, fields: 20, fieldSize: 100_000 },
    throwFileSizeLimit: true,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      error: 'Too Many Requests',
      message: rateLimitedMessage(ctx.ttl),
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'TeleHub API',
        version: '1',
        description: 'Telecalling and sales command center. Send `Authorization: Bearer <accessToken>` from POST /api/v1/auth/login.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // One websocket server for the app, before any websocket route: GraphQL (graphql-ws) finds it
  // and uses it, and the media streams share it. 1 MiB is the most any socket may send in one
  // message; media streams hold theirs to TELEHUB_MEDIA_MAX_FRAME_BYTES.
  await app.register(websocket, { options: { maxPayload: 1_048_576 } });
  await app.register(authPlugin, { authenticate: async (token, ip) => (await services.sessions.authenticate(token, ip)).actor });

  await app.register(healthRoutes, { db: database.db, metrics, redis: services.bus.ping, node: services.nodeId });
  await app.register(authRoutes, {
    auth: services.auth,
    secureCookies: config.server.PUBLIC_BASE_URL.startsWith('https:'),
    loginRateLimit: config.auth.TELEHUB_LOGIN_RATE_LIMIT,
    addressRateLimit: config.auth.TELEHUB_ADDRESS_RATE_LIMIT,
  });
  await app.register(ssoRoutes, {
    sso: services.sso,
    passwordSignIn: config.sso.TELEHUB_PASSWORD_SIGNIN,
    label: config.sso.OIDC_LABEL,
    secureCookies: config.server.PUBLIC_BASE_URL.startsWith('https:'),
    addressRateLimit: config.auth.TELEHUB_ADDRESS_RATE_LIMIT,
  });
  await app.register(usersRoutes, { users: services.users });
  await app.register(leadsRoutes, { leads: services.leads });
  await app.register(leadMergeRoutes, { leads: services.leads });
  await app.register(leadFieldsRoutes, { leads: services.leads });
  await app.register(campaignsRoutes, { campaigns: services.campaigns });
  await app.register(dialerRoutes, { dialer: services.dialer });
  await app.register(assistRoutes, { assist: services.assist });
  await app.register(analysisRoutes, { analysis: services.analysis, search: services.callSearch, calls: services.callsReader });
  await app.register(auditRoutes, { audit: services.audit });
  await app.register(setupRoutes, { setup: services.setup });
  await app.register(sourcesRoutes, { sources: services.sources });
  await app.register(settingsRoutes, { settings: services.settings });
  await app.register(importsRoutes, { imports: services.imports });
  await app.register(knowledgeRoutes, { knowledge: services.knowledge });
  await app.register(qaRoutes, { qa: services.qa });
  await app.register(coachingRoutes, { coaching: services.coaching });
  await app.register(reportsRoutes, { reports: services.reports, files: services.reportFiles });
  await app.register(reportExportRoutes, { exports: services.reportExports, schedules: services.reportSchedules });
  await app.register(assignmentRoutes, { assignment: services.assignment });
  await app.register(complianceRoutes, { compliance: services.compliance, consents: services.consents, notices: services.notices });
  await app.register(followupsRoutes, { followups: services.followups });
  await app.register(privacyRoutes, {
    requests: services.privacy.requests,
    holds: services.privacy.holds,
    retention: services.privacy.retention,
    processing: services.privacy.processing,
  });
  await app.register(alertsRoutes, { alerts: services.alerts });
  await app.register(messagingRoutes, { messaging: services.messaging, templates: services.messaging.templates, delivery: services.messaging.delivery });
  // Meta's callbacks: the verify handshake and signed events (statuses, leads writing to us).
  await app.register(whatsappWebhookRoutes, {
    secrets: () => ({ verifyToken: config.whatsapp.WHATSAPP_VERIFY_TOKEN ?? null, appSecret: config.whatsapp.WHATSAPP_APP_SECRET ?? null }),
    ingest: (events) => services.messaging.delivery.ingest(events),
    now: () => services.clock.now(),
  });
  // Vendors' callbacks: each verifies its request before anything reaches the one ingestion path.
  await app.register(exotelWebhookRoutes, {
    webhookToken: config.telephony.EXOTEL_WEBHOOK_TOKEN ?? '',
    timeZone: 'Asia/Kolkata',
    ingest: services.ingest,
    clock: services.clock,
    inbound: services.inbound.hooks,
    publicBaseUrl: config.server.PUBLIC_BASE_URL,
  });
  if (isTwilioProvider(services.telephony) && config.telephony.TWILIO_AUTH_TOKEN) {
    const telephony = config.telephony;
    await app.register(twilioWebhookRoutes, {
      // Read at each callback: an admin may change the auth token in Settings.
      get authToken() {
        return telephony.TWILIO_AUTH_TOKEN ?? '';
      },
      publicBaseUrl: config.server.PUBLIC_BASE_URL,
      ingest: services.ingest,
      provider: services.telephony,
      inbound: services.inbound.hooks,
    });
  }
  await app.register(callsRoutes, { calls: services.calls, reader: services.callsReader, playback: services.playback, dispositions: services.dispositions });
  await app.register(callControlsRoutes, { controls: services.callControls, redial: services.callRedial });
  await app.register(agentsRoutes, { workspace: services.agents.workspace });
  const sim = isSimulatorProvider(services.telephony) ? services.telephony : null;
  await app.register(inboundRoutes, {
    inbound: services.inbound,
    simulate: sim && (async (from, to) => sim.incoming({ from, ...(to ? { to } : {}) })),
  });
  await app.register(analyticsRoutes, { analytics: services.analytics });
  await app.register(speechRoutes, { speech: services.speech, registry: metrics.registry });
  await app.register(graphqlPlugin, {
    services,
    isProduction: config.isProduction,
    introspection: config.security.graphqlIntrospection,
    registry: metrics.registry,
  });

  await registerWebApp(app, config.server.webDir);
  return app;
}

/** Serves the built single-page app; unknown non-API paths get index.html so deep links work. */
async function registerWebApp(app: FastifyInstance, webDir: string) {
  const index = path.join(webDir, 'index.html');
  const hasWeb = existsSync(index);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Vite fingerprints everything under assets/: cache it for good. index.html names the
      // current fingerprints, so it must never be cached; anything else briefly.
      setHeaders: (res, filePath) => {
        const policy = filePath.endsWith(`${path.sep}index.html`)
          ? 'no-cache'
          : filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'public, max-age=300';
        res.header('cache-control', policy);
      },
    });
  } else {
    app.log.warn({ webDir }, 'web app not built: run `npm run build` to serve the UI');
  }
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] ?? '/';
    // A missing file under /assets/ (an old tab after a redeploy) must be a 404, not index.html,
    // or the browser reports a confusing MIME-type error instead of reloading.
    const wantsPage = req.method === 'GET' && !pathname.startsWith('/assets/') && !API_PREFIXES.some((p) => pathname.startsWith(p));
    if (wantsPage && hasWeb) {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: `No route ${req.method} ${pathname}` });
  });
}
