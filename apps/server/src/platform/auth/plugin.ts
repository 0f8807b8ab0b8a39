/**
 * Authentication and role checks for every route. Each /api route must declare
 * `config.auth`: 'public' or the roles allowed. A route that forgets is refused at startup,
 * so no route can be left open by accident.
 */
import type { Role } from '@telehub/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor, Clock } from '../context.js';
import { CommonErrors } from '../errors.js';
import type { TokenSigner } from './tokens.js';

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

export type AuthPluginOptions = { signer: TokenSigner; clock: Clock };

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
      const claims = await opts.signer.verify(match[1], opts.clock.now());
      request.actor = { id: claims.sub, role: claims.role, teamId: claims.teamId, ip: request.ip };
      if (!auth.includes(claims.role)) throw CommonErrors.FORBIDDEN();
    });
  },
  { name: 'telehub-auth' },
);

/** The signed-in actor of a route that declared roles (the hook above guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw CommonErrors.UNAUTHENTICATED();
  return request.actor;
}
