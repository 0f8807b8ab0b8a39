/**
 * What the server gives away besides the API. Every answer carries the security headers (a
 * Content-Security-Policy the web app, Swagger UI and GraphiQL each pass; frames refused; no
 * MIME sniffing; no referrer; HSTS only behind https). The operator endpoints (/metrics and the
 * API reference under /docs) answer only to the metrics token or an admin's access token unless
 * they are public, and source maps (*.map) are served only when switched on.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { CommonErrors } from '../errors.js';

export type SecurityOptions = {
  /** Where browsers reach the server: https turns on HSTS and upgrades stray http requests. */
  publicBaseUrl: string;
  /** /metrics and /docs without a token. */
  opsPublic: boolean;
  /** The bearer token that opens them otherwise (besides an admin's access token). */
  metricsToken: string | undefined;
  sourceMaps: boolean;
  /** The role of an access token's holder as they are now (the session check every request makes), or a 401. */
  roleOf: (token: string, ip: string) => Promise<string>;
};

/** Paths for operators, not users: closed unless public. */
const OPS_PATHS = ['/metrics', '/docs'];

const under = (url: string, prefix: string) => url === prefix || url.startsWith(`${prefix}/`);

type Directives = Record<string, string[]>;

/**
 * The web app's policy: its own scripts only, no plugins, no framing, and connections to its own
 * origin, graphql-ws included ('self' covers same-origin ws: in current browsers; the public
 * address is named too for those that do not). Styles allow inline elements because the dialogs'
 * and selects' scroll lock (react-remove-scroll) injects a <style> element, as Swagger UI does;
 * recordings play from blob: URLs. e2e/security.e2e.test.ts walks the app under it in Chromium.
 */
function appDirectives(publicBaseUrl: string): Directives {
  const base = new URL(publicBaseUrl);
  const socket = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}`;
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", socket],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    ...(base.protocol === 'https:' ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** Swagger UI: its bundle and stylesheet from /docs/static, the document from /docs/json, its logo as a data: URL; no socket, no media. */
function docsDirectives(app: Directives): Directives {
  return { ...app, 'connect-src': ["'self'"], 'media-src': ["'none'"] };
}

export async function registerSecurity(app: FastifyInstance, opts: SecurityOptions): Promise<void> {
  const https = opts.publicBaseUrl.startsWith('https:');
  const directives = appDirectives(opts.publicBaseUrl);
  const guard = opsGuard(opts);
  // Every route is registered after this (it runs before any), so each gets its policy and guard
  // here; helmet's own onRoute, added next, then reads the route's `helmet` option.
  app.addHook('onRoute', (route: RouteOptions) => {
    if (under(route.url, '/docs')) route.helmet = { contentSecurityPolicy: { useDefaults: false, directives: docsDirectives(directives) } };
    // GraphiQL exists outside production only, and loads its code from unpkg.com.
    if (under(route.url, '/graphiql')) route.helmet = { contentSecurityPolicy: false };
    if (!opts.opsPublic && OPS_PATHS.some((p) => under(route.url, p))) route.onRequest = [guard, ...[route.onRequest ?? []].flat()];
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });

  if (!opts.sourceMaps) {
    app.addHook('onRequest', async (request, reply) => {
      const pathname = request.url.split('?')[0] ?? '';
      if (pathname.endsWith('.map')) return notFound(request, reply, pathname);
    });
  }
}

function notFound(request: FastifyRequest, reply: FastifyReply, pathname: string) {
  return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: `No route ${request.method} ${pathname}` });
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** onRequest for the operator endpoints: the metrics token, or an admin's access token. */
function opsGuard(opts: Pick<SecurityOptions, 'metricsToken' | 'roleOf'>) {
  const expected = opts.metricsToken ? digest(opts.metricsToken) : undefined;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    reply.header('cache-control', 'no-store');
    if (!token) {
      reply.header('www-authenticate', 'Bearer');
      throw CommonErrors.UNAUTHENTICATED('Send the metrics token or an admin’s access token as a Bearer token');
    }
    // Compared as digests, so the time taken says nothing about the token.
    if (expected && timingSafeEqual(digest(token), expected)) return;
    let role: string;
    try {
      role = await opts.roleOf(token, request.ip);
    } catch (err) {
      reply.header('www-authenticate', 'Bearer');
      throw err;
    }
    if (role !== 'admin') throw CommonErrors.FORBIDDEN('Only admins and the metrics token open this');
  };
}
