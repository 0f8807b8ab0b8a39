import { LoginBody, LoginResponse, MeResponse } from '@telehub/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { authPolicy } from './auth.policy.js';
import type { AuthService, Session } from './auth.service.js';

export const REFRESH_COOKIE = 'telehub_refresh';
const COOKIE_PATH = '/api/v1/auth';

export type AuthRoutesOptions = { auth: AuthService; secureCookies: boolean; loginRateLimit: number };

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

  app.post(
    '/api/v1/auth/login',
    {
      config: { auth: authPolicy.roles.public, rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
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
      config: { auth: authPolicy.roles.public, rateLimit: { max: opts.loginRateLimit * 6, timeWindow: '1 minute' } },
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
