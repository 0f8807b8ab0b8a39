/**
 * Who is asking, for HTTP requests and websocket connections alike: the bearer token REST uses,
 * checked by the auth module's sessions (signature, expiry, and the session still open; the role
 * and team as the database has them). A websocket is authenticated at connection_init, from
 * `connectionParams.authorization`, its session is checked again on every operation, and it is
 * closed with 4403 when its token expires or its session ends (sign-out, password, role or team
 * change, deactivation), so a client reconnects with a fresh token or signs in again.
 */

import type { FastifyRequest } from 'fastify';
import type { MercuriusContext } from 'mercurius';
import type { WebSocket } from 'ws';
import type { AgentsService } from '../modules/agents/index.js';
import type { AlertsService } from '../modules/alerts/index.js';
import type { AnalysisService } from '../modules/analysis/index.js';
import type { AnalyticsService } from '../modules/analytics/index.js';
import { analyticsPolicy } from '../modules/analytics/index.js';
import type { AccessSession, Sessions } from '../modules/auth/index.js';
import type { CallFigures, CallsReader, CallsService } from '../modules/calls/index.js';
import type { CampaignsService } from '../modules/campaigns/index.js';
import type { InboundService } from '../modules/inbound/index.js';
import type { LeadsService } from '../modules/leads/index.js';
import type { UsersService } from '../modules/users/index.js';
import type { Actor, Clock } from '../platform/context.js';
import { CommonErrors } from '../platform/errors.js';
import type { EventBus } from '../platform/events/bus.js';
import { createLoaders, type Loaders } from './loaders.js';

/** The services GraphQL calls (the same functions REST calls); resolvers stay thin and every rule lives behind these. */
export type GraphQLServices = {
  leads: Pick<LeadsService, 'list' | 'get' | 'getMany' | 'update' | 'calls' | 'visibleIds'>;
  calls: Pick<CallsService, 'start' | 'endCall'>;
  callsReader: Pick<CallsReader, 'get' | 'list' | 'transcript'>;
  figures: Pick<CallFigures, 'recentCallsOfLeads' | 'lastCallAt' | 'transcripts'>;
  analysis: Pick<AnalysisService, 'byCallIds'>;
  users: Pick<UsersService, 'list' | 'listTeams' | 'watched'>;
  agents: { presence: Pick<AgentsService['presence'], 'get' | 'list'> };
  analytics: Pick<AnalyticsService, 'watchedTeam' | 'myPerformance' | 'teamStatus' | 'leaderboard' | 'teamTrend' | 'teamHours' | 'floor' | 'performance'>;
  alerts: Pick<AlertsService, 'list' | 'acknowledge' | 'watcher'>;
  campaigns: Pick<CampaignsService, 'row'>;
  inbound: Pick<InboundService, 'queue' | 'stats'>;
  bus: EventBus;
  sessions: Pick<Sessions, 'authenticate' | 'check' | 'watch'>;
  clock: Clock;
};

export type Viewer = { actor: Actor; loaders: Loaders };

declare module 'mercurius' {
  interface MercuriusContext {
    viewer: Viewer | null;
    /** Websocket connections: the socket, its token's session, and when the token expires (ms since the epoch). */
    socket?: WebSocket;
    session?: AccessSession;
    tokenExpiresAt?: number;
  }
}

export type GraphQLContext = MercuriusContext;

export const createViewer = (services: GraphQLServices, actor: Actor, live: boolean): Viewer => ({
  actor,
  loaders: createLoaders(services, actor, { cache: !live }),
});

/** Who is signed in, with their loaders, or UNAUTHENTICATED. */
export function viewerOf(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw CommonErrors.UNAUTHENTICATED();
  return ctx.viewer;
}

/** The floor's views (teams, alerts, live calls) are for managers and admins. */
export const requireStaff = (actor: Actor): void => analyticsPolicy.requireFloor(actor);

/** "Bearer <token>" (any case); a websocket may also send the bare token. */
export function tokenFrom(value: unknown, allowBare: boolean): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = value.match(/^Bearer\s+(\S+)$/i);
  if (m?.[1]) return m[1];
  return allowBare && /^\S+$/.test(value) ? value : undefined;
}

/** HTTP: every GraphQL request needs the bearer token, as /api does. */
export async function authenticateRequest(services: GraphQLServices, request: FastifyRequest): Promise<void> {
  const token = tokenFrom(request.headers.authorization, false);
  if (!token) throw CommonErrors.UNAUTHENTICATED();
  request.actor = (await services.sessions.authenticate(token, request.ip)).actor;
}

/** Where clients put the token in connection_init: `authorization`, any case, or under `headers`. */
function initToken(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  const headers = p.headers && typeof p.headers === 'object' ? (p.headers as Record<string, unknown>) : {};
  return tokenFrom(p.authorization ?? p.Authorization ?? headers.authorization ?? headers.Authorization, true);
}

/**
 * mercurius' onConnect: the connection's viewer, or false, which makes mercurius refuse the
 * init (connection_error, then close) before any operation can start.
 */
export function connectionAuthenticator(services: GraphQLServices, log: { info(o: object, msg: string): void }) {
  return async (data: { payload?: unknown }): Promise<Pick<GraphQLContext, 'viewer' | 'session' | 'tokenExpiresAt'> | false> => {
    const token = initToken(data.payload);
    if (!token) {
      log.info({}, 'graphql websocket refused: no token in connection_init');
      return false;
    }
    try {
      const { actor, session } = await services.sessions.authenticate(token);
      return { viewer: createViewer(services, actor, true), session, tokenExpiresAt: session.expiresAt };
    } catch (err) {
      log.info({ reason: err instanceof Error ? err.message : String(err) }, 'graphql websocket refused: bad token');
      return false;
    }
  };
}

const expiryTimers = new WeakMap<WebSocket, NodeJS.Timeout>();
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closes the socket (4403) when its token expires; once per socket, whatever it subscribes to. */
export function closeAtExpiry(ctx: GraphQLContext, clock: Clock): void {
  const { socket, tokenExpiresAt } = ctx;
  if (!socket || tokenExpiresAt === undefined || expiryTimers.has(socket)) return;
  const ms = Math.min(MAX_TIMER_MS, Math.max(0, tokenExpiresAt - clock.now().getTime()));
  const timer = setTimeout(() => socket.close(4403, 'Token expired'), ms);
  timer.unref();
  expiryTimers.set(socket, timer);
  socket.once('close', () => clearTimeout(timer));
}

const watchedSessions = new WeakSet<AccessSession>();
const SESSION_ENDED = 'Session ended';

/**
 * Before every operation on a socket: its session must still be open, else the operation is
 * refused and the socket closed (4403) right after the refusal goes out. From the first operation
 * on, the socket also closes as soon as its session ends, on whichever node that happens.
 */
export async function checkSocketSession(services: GraphQLServices, ctx: GraphQLContext): Promise<void> {
  const { socket, session } = ctx;
  if (!socket || !session) return;
  try {
    await services.sessions.check(session);
  } catch (err) {
    setTimeout(() => socket.close(4403, SESSION_ENDED), 50).unref();
    throw err;
  }
  if (watchedSessions.has(session) || socket.readyState !== socket.OPEN) return;
  watchedSessions.add(session);
  const stop = services.sessions.watch(session, () => socket.close(4403, SESSION_ENDED));
  socket.once('close', stop);
}
