import { normalizeIP } from '@fastify/rate-limit';
import { LoginBody, LoginResponse, MeResponse } from '@telehub/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { CommonErrors, rateLimitedMessage, retryInSeconds } from '../../platform/errors.js';
import { authPolicy } from './auth.policy.js';
import type { AuthService, Session } from './auth.service.js';

export const REFRESH_COOKIE = 'telehub_refresh';
const COOKIE_PATH = '/api/v1/auth';

export type AuthRoutesOptions = {
  auth: AuthService;
  secureCookies: boolean;
  /** Sign-in attempts a minute for one account from one address. */
  loginRateLimit: number;
  /** Sign-ins a minute from one address, all accounts together (refreshes: four times that, counted apart). */
  addressRateLimit: number;
};

/**
 * The key a sign-in attempt is counted under: the account and the address it comes from. A floor
 * of telecallers behind one office address each has their own budget, while guessing one
 * account's password stays slow; the per-address ceiling bounds guessing across accounts.
 */
function accountAtAddress(req: FastifyRequest): string {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return `${normalizeIP(req.ip)}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
}

/** Per-minute limits on a route for one client address (its own count per route). */
export const perAddress = (max: number) => ({ max, timeWindow: '1 minute' });

/** The session's refresh token as the httpOnly cookie the web app restores and rotates the session with. */
export function setRefreshCookie(reply: FastifyReply, session: Session, secure: boolean) {
  reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    secure,
    sameSite: 'strict',
    path: COOKIE_PATH,
    expires: session.refreshExpiresAt,
  });
}

/** Who is asking, for the refresh token's row and the audit log. */
export const clientOf = (req: { ip: string; headers: Record<string, unknown> }) => ({
  ip: req.ip,
  userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : undefined,
});

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, opts) => {
  const { auth } = opts;

  function sendSession(reply: FastifyReply, session: Session) {
    setRefreshCookie(reply, session, opts.secureCookies);
    return { accessToken: session.accessToken, expiresIn: session.expiresIn, user: session.user };
  }

  const client = clientOf;
  // The account's own budget, counted beside the route's per-address one (the plugin runs only
  // one of its limits per request).
  const accountLimit = app.createRateLimit({ max: opts.loginRateLimit, timeWindow: '1 minute', keyGenerator: accountAtAddress });
  async function limitAccount(req: FastifyRequest, reply: FastifyReply) {
    const limit = await accountLimit(req);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', retryInSeconds(limit.ttl));
    throw CommonErrors.RATE_LIMITED(rateLimitedMessage(limit.ttl));
  }

  app.post(
    '/api/v1/auth/login',
    {
      // The address's ceiling first (before the body is read), then the account's own budget.
      config: { auth: authPolicy.roles.public, rateLimit: perAddress(opts.addressRateLimit) },
      preHandler: limitAccount,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        description: 'Returns a short-lived access token and sets the refresh token as an httpOnly cookie.',
        body: LoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (req, reply) => sendSession(reply, await auth.login(req.body.email, req.body.password, client(req))),
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      // A refresh token is opaque and changes with every use, so refreshes are counted per address,
      // four times the sign-ins: every app opened refreshes once (a whole floor sharing one address
      // at the start of a shift, some with two tabs), and no one guesses a 256-bit token.
      config: { auth: authPolicy.roles.public, rateLimit: perAddress(opts.addressRateLimit * 4) },
      schema: {
        tags: ['auth'],
        summary: 'Exchange the refresh cookie for a new access token (rotates the cookie)',
        response: { 200: LoginResponse },
      },
    },
    async (req, reply) => sendSession(reply, await auth.refresh(req.cookies[REFRESH_COOKIE], client(req))),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { auth: authPolicy.roles.public },
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        description:
          "Revokes the refresh cookie's session and the bearer token's, if sent: their access tokens are refused from now on, on every node. Other sessions of the user stay open.",
      },
    },
    async (req, reply) => {
      const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      await auth.logout(req.cookies[REFRESH_COOKIE], bearer);
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { auth: authPolicy.roles.session },
      schema: { tags: ['auth'], summary: 'The signed-in user and what they may do', response: { 200: MeResponse } },
    },
    async (req) => auth.me(actorOf(req)),
  );
};
