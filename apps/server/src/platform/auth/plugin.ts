/**
 * Authentication and role checks for every route. Each /api route must declare
 * `config.auth`: 'public' or the roles allowed. A route that forgets is refused at startup,
 * so no route can be left open by accident. Who the bearer is (and their role) is whatever
 * `authenticate` says now, from the database: never the token's say alone.
 */
import type { Role } from '@telehub/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../context.js';
import { CommonErrors } from '../errors.js';

export type RouteAuth = 'public' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every protected route and who may call it, for docs and the role-matrix test. */
    routeAuth: { method: string; url: string; auth: RouteAuth }[];
  }
}

const PROTECTED_PREFIXES = ['/api/'];

export type AuthPluginOptions = {
  /** The holder of a bearer token as they are now, or a 401 error (bad, expired or ended session). */
  authenticate: (token: string, ip: string) => Promise<Actor>;
};

export const authPlugin = fp<AuthPluginOptions>(
  async (app: FastifyInstance, opts) => {
    app.decorateRequest('actor', null);
    const table: FastifyInstance['routeAuth'] = [];
    app.decorate('routeAuth', table);

    app.addHook('onRoute', (route) => {
      if (!PROTECTED_PREFIXES.some((p) => route.url.startsWith(p))) return;
      const auth = route.config?.auth;
      if (auth === undefined) throw new Error(`Route ${String(route.method)} ${route.url} must declare config.auth`);
      for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, auth });
    });

    app.addHook('onRequest', async (request: FastifyRequest) => {
      const auth = request.routeOptions.config.auth;
      if (auth === undefined || auth === 'public') return;
      const header = request.headers.authorization;
      const match = header?.match(/^Bearer\s+(\S+)$/i);
      if (!match?.[1]) throw CommonErrors.UNAUTHENTICATED();
      request.actor = await opts.authenticate(match[1], request.ip);
      if (!auth.includes(request.actor.role)) throw CommonErrors.FORBIDDEN();
    });
  },
  { name: 'telehub-auth' },
);

/** The signed-in actor of a route that declared roles (the hook above guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw CommonErrors.UNAUTHENTICATED();
  return request.actor;
}
