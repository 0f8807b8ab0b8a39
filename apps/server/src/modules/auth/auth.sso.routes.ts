/**
 * Single sign-on's browser routes: the start (off to the identity provider), the return, and what
 * the sign-in page offers. Both browser routes answer with redirects: into the app with a session,
 * or back to the sign-in page with the reason (`?sso_error=CODE`) for it to explain.
 */
import { SignInOptions } from '@telehub/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { authPolicy } from './auth.policy.js';
import { clientOf, perAddress, setRefreshCookie } from './auth.routes.js';
import { SsoErrors } from './auth.sso.errors.js';
import { SSO_FLOW_COOKIE, SSO_FLOW_PATH, SSO_FLOW_TTL_MS } from './auth.sso.flow.js';
import type { SsoService } from './auth.sso.js';

export type SsoRoutesOptions = {
  sso: SsoService;
  passwordSignIn: boolean;
  label: string;
  secureCookies: boolean;
  /** Starts, and separately returns, a minute from one address. */
  addressRateLimit: number;
};

const Redirect = z.null().describe('A redirect (Location)');

export const ssoRoutes: FastifyPluginAsyncZod<SsoRoutesOptions> = async (app, opts) => {
  const { sso } = opts;

  function toSignIn(reply: FastifyReply, err: unknown) {
    const code = err instanceof AppError ? err.code : 'SSO_FAILED';
    if (!(err instanceof AppError)) app.log.error({ err }, 'single sign-on failed');
    reply.clearCookie(SSO_FLOW_COOKIE, { path: SSO_FLOW_PATH });
    return reply.redirect(`/sign-in?sso_error=${encodeURIComponent(code)}`, 302);
  }

  app.get(
    '/api/v1/auth/options',
    {
      config: { auth: authPolicy.roles.public },
      schema: {
        tags: ['auth'],
        summary: 'How one may sign in here',
        description: 'Whether email and password sign-in is on, and whether single sign-on is (with the name on its button).',
        response: { 200: SignInOptions },
      },
    },
    async () => ({ password: opts.passwordSignIn, sso: { enabled: sso.enabled, label: opts.label } }),
  );

  app.get(
    '/api/v1/auth/oidc/start',
    {
      config: { auth: authPolicy.roles.public, rateLimit: perAddress(opts.addressRateLimit) },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with single sign-on (OpenID Connect): sends the browser to the identity provider',
        description:
          'Redirects to the provider with a PKCE challenge, state and nonce, kept in a signed, httpOnly cookie for ten minutes. `next`: the app path to land on after signing in.',
        querystring: z.object({ next: z.string().max(500).optional() }),
        response: { 302: Redirect },
      },
    },
    async (req, reply) => {
      try {
        const { url, cookie } = await sso.start(req.query.next);
        // Lax: the cookie must come back on the provider's top-level redirect to the callback.
        reply.setCookie(SSO_FLOW_COOKIE, cookie, {
          httpOnly: true,
          secure: opts.secureCookies,
          sameSite: 'lax',
          path: SSO_FLOW_PATH,
          maxAge: SSO_FLOW_TTL_MS / 1000,
        });
        return reply.redirect(url, 302);
      } catch (err) {
        return toSignIn(reply, err);
      }
    },
  );

  app.get(
    '/api/v1/auth/oidc/callback',
    {
      config: { auth: authPolicy.roles.public, rateLimit: perAddress(opts.addressRateLimit) },
      schema: {
        tags: ['auth'],
        summary: "The identity provider's return: starts a session and redirects into the app",
        description:
          'Exchanges the code (with the PKCE verifier), checks the ID token, finds or creates the user with the role and team their groups give, sets the refresh cookie as a password sign-in does, and redirects to the app; a refusal redirects to /sign-in?sso_error=<code>.',
        querystring: z.record(z.string(), z.string()),
        response: { 302: Redirect },
      },
    },
    async (req, reply) => {
      try {
        if (!sso.enabled) throw SsoErrors.SSO_NOT_CONFIGURED();
        const url = new URL(req.url, 'http://callback.invalid');
        const { session, next } = await sso.callback(url, req.cookies[SSO_FLOW_COOKIE], clientOf(req));
        reply.clearCookie(SSO_FLOW_COOKIE, { path: SSO_FLOW_PATH });
        setRefreshCookie(reply, session, opts.secureCookies);
        return reply.redirect(next, 302);
      } catch (err) {
        return toSignIn(reply, err);
      }
    },
  );
};
