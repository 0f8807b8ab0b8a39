/**
 * Whether an access token's session is still open, and who its holder is now: asked on every
 * request and every websocket operation. The token only says who (`sub`), which session (`sid`:
 * its refresh-token family) and the user's session version when it was issued (`sv`); the role,
 * team and active state come from the database. A token is refused (SESSION_REVOKED) when its
 * user is gone or disabled, its version is older than the user's (password, role or team changed)
 * or its session has ended (sign-out, refresh-token reuse, password change, deactivation).
 *
 * Each node caches those facts for half a second and forgets them at once when told over the
 * event bus; sockets held open are checked again on those events and every half second besides,
 * so an ended session is refused everywhere within a second even when the bus drops a message.
 */
import { createFreshCache } from '../../platform/auth/fresh-cache.js';
import type { TokenSigner, VerifiedToken } from '../../platform/auth/tokens.js';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logging.js';
import type { UserAccess, UsersService } from '../users/index.js';
import { AuthErrors } from './auth.errors.js';
import * as repo from './auth.repo.js';

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    /** A session ended (sign-out, a replayed refresh token): its access tokens are refused. */
    'auth.session_ended': { userId: string; sid: string };
  }
}

/** A verified access token: who, which session, at which version, until when. */
export type AccessSession = VerifiedToken;
export type Authenticated = { actor: Actor; session: AccessSession };

/** How long a node trusts that a session is open; see users' ACCESS_TTL_MS for the user's side. */
const OPEN_TTL_MS = 500;
/** How often the sessions of open sockets are read again, whatever the bus says. */
const RECHECK_MS = 500;

export type SessionsDeps = {
  db: Db;
  clock: Clock;
  signer: TokenSigner;
  bus: Pick<EventBus, 'publish' | 'subscribe'>;
  users: Pick<UsersService, 'access' | 'accessMovedOn'>;
  logger: Logger;
};

type Watcher = { session: AccessSession; end: (reason: AppError) => void };

export type Sessions = ReturnType<typeof createSessions>;

/** Revokes every refresh token of a user in the caller's transaction (password change, deactivation). */
export const revokeAllSessions = (tx: Db, userId: string, at: Date) => repo.revokeAllForUser(tx, userId, at);

export function createSessions(deps: SessionsDeps) {
  const { db, clock, signer, logger } = deps;
  const open = createFreshCache<true>({
    ttlMs: OPEN_TTL_MS,
    load: async (sids) => new Map([...(await repo.openFamilies(db, sids))].map((sid) => [sid, true as const])),
  });
  const watchers = new Map<string, Set<Watcher>>();
  let timer: NodeJS.Timeout | undefined;
  // One pass at a time: a slow database must not pile passes up.
  let sweeping = false;

  /** Who holds `session` now, or why it has ended. */
  function verdict(session: AccessSession, user: UserAccess | undefined, isOpen: boolean): Actor | AppError {
    if (!user?.active) return AuthErrors.SESSION_REVOKED('This account is disabled or no longer exists; sign in again');
    if (user.sessionVersion !== session.sv) {
      return AuthErrors.SESSION_REVOKED("The account's password, role or team changed since this token was issued; sign in again");
    }
    if (!isOpen) return AuthErrors.SESSION_REVOKED('This session has ended (signed out); sign in again');
    return { id: user.id, role: user.role, teamId: user.teamId };
  }

  async function holder(session: AccessSession, fresh = false): Promise<Actor> {
    const [users, sids] = await Promise.all([deps.users.access([session.sub], { fresh }), open.get([session.sid], { fresh })]);
    const v = verdict(session, users.get(session.sub), sids.get(session.sid) === true);
    if (v instanceof Error) throw v;
    return v;
  }

  /**
   * Reads the sessions of the open sockets (of `userIds`, or all) afresh and ends those that are
   * over. Two statements that answer only what moved on, so a pass over a thousand sockets costs
   * the database two index walks and the node next to nothing.
   */
  async function recheck(userIds?: readonly string[]): Promise<void> {
    const list = (userIds ?? [...watchers.keys()]).flatMap((id) => [...(watchers.get(id) ?? [])]);
    if (list.length === 0) return;
    const held = new Map<string, { id: string; sessionVersion: number }>();
    for (const w of list) held.set(`${w.session.sub}:${w.session.sv}`, { id: w.session.sub, sessionVersion: w.session.sv });
    const [movedOn, ended] = await Promise.all([
      deps.users.accessMovedOn([...held.values()]),
      repo.endedFamilies(
        db,
        list.map((w) => w.session.sid),
      ),
    ]);
    if (movedOn.size === 0 && ended.size === 0) return;
    // Something is over: the verdict (and its reason) from fresh reads of just those.
    const over = list.filter((w) => movedOn.has(w.session.sub) || ended.has(w.session.sid));
    const fresh = { fresh: true };
    const [users, sids] = await Promise.all([
      deps.users.access(
        over.map((w) => w.session.sub),
        fresh,
      ),
      open.get(
        over.map((w) => w.session.sid),
        fresh,
      ),
    ]);
    for (const w of over) {
      const v = verdict(w.session, users.get(w.session.sub), sids.get(w.session.sid) === true);
      if (v instanceof Error) {
        unwatch(w);
        w.end(v);
      }
    }
  }

  function recheckSoon(userIds?: readonly string[]) {
    recheck(userIds).catch((err: unknown) => logger.warn({ err }, 'open sessions not checked again; the next pass will'));
  }

  function unwatch(w: Watcher) {
    const set = watchers.get(w.session.sub);
    if (!set?.delete(w)) return;
    if (set.size === 0) watchers.delete(w.session.sub);
    if (watchers.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  deps.bus.subscribe('user.access_changed', ({ userIds }) => recheckSoon(userIds.filter((id) => watchers.has(id))));
  deps.bus.subscribe('auth.session_ended', ({ userId, sid }) => {
    open.forget([sid]);
    if (watchers.has(userId)) recheckSoon([userId]);
  });

  return {
    /** The holder of a bearer token, as the database has them now; 401 when the token or its session is not good. */
    async authenticate(token: string, ip?: string): Promise<Authenticated> {
      const session = await signer.verify(token, clock.now());
      const actor = await holder(session);
      return { actor: ip === undefined ? actor : { ...actor, ip }, session };
    },

    /** The same for a session authenticated before (each operation on a websocket). */
    check: (session: AccessSession): Promise<Actor> => holder(session),

    /**
     * Calls `end` once if `session` ends while it is held open (a websocket), on this node or any
     * other; returns the function that stops watching (call it when the socket closes).
     */
    watch(session: AccessSession, end: (reason: AppError) => void): () => void {
      const w: Watcher = { session, end };
      let set = watchers.get(session.sub);
      if (!set) {
        set = new Set();
        watchers.set(session.sub, set);
      }
      set.add(w);
      if (!timer) {
        // The bound when the bus drops a message: every open socket's session, read in one go.
        timer = setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          recheck()
            .catch((err: unknown) => logger.warn({ err }, 'open sessions not checked again; the next pass will'))
            .finally(() => {
              sweeping = false;
            });
        }, RECHECK_MS);
        timer.unref();
      }
      return () => unwatch(w);
    },

    /** After a session ended here (sign-out, reuse): this node forgets it at once, the others when told. */
    ended(userId: string, sid: string): void {
      open.forget([sid]);
      if (watchers.has(userId)) recheckSoon([userId]);
      deps.bus.publish('auth.session_ended', { userId, sid }).catch((err: unknown) => logger.warn({ err }, 'session end not published'));
    },
  };
}
