import { randomUUID } from 'node:crypto';
import type { Abilities, LoginResponse, SessionUser } from '@telehub/shared';
import { decoyHash, verifyPassword } from '../../platform/auth/passwords.js';
import { hashToken, newRefreshToken, type TokenSigner } from '../../platform/auth/tokens.js';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { analyticsPolicy } from '../analytics/index.js';
import { assignmentPolicy } from '../assignment/index.js';
import type { AuditService } from '../audit/index.js';
import { auditPolicy } from '../audit/index.js';
import { callsPolicy } from '../calls/index.js';
import { campaignsPolicy } from '../campaigns/index.js';
import { coachingPolicy } from '../coaching/index.js';
import { compliancePolicy } from '../compliance/index.js';
import { followupsPolicy } from '../followups/index.js';
import { importsPolicy } from '../imports/index.js';
import { knowledgePolicy } from '../knowledge/index.js';
import { leadsPolicy } from '../leads/index.js';
import { messagingPolicy } from '../messaging/index.js';
import { qaPolicy } from '../qa/index.js';
import { reportsPolicy } from '../reports/index.js';
import { settingsPolicy } from '../settings/index.js';
import { sourcesPolicy } from '../sources/index.js';
import { type UsersService, usersPolicy } from '../users/index.js';
import { AuthErrors } from './auth.errors.js';
import * as repo from './auth.repo.js';
import type { Sessions } from './auth.sessions.js';

export type AuthDeps = {
  db: Db;
  clock: Clock;
  signer: TokenSigner;
  refreshTtlSeconds: number;
  users: Pick<UsersService, 'findForLogin' | 'findById' | 'markLogin'>;
  audit: Pick<AuditService, 'record'>;
  sessions: Pick<Sessions, 'ended'>;
  /** Email and password sign-in is on (TELEHUB_PASSWORD_SIGNIN); off, only single sign-on signs in. */
  passwordSignIn?: boolean;
};

/** Two tabs refreshing with the same token within this window is a race, not theft. */
const REUSE_GRACE_MS = 10_000;

export type Session = LoginResponse & { refreshToken: string; refreshExpiresAt: Date };
type ClientInfo = { ip?: string; userAgent?: string };
type UserRecord = NonNullable<Awaited<ReturnType<UsersService['findById']>>>;

export type AuthService = ReturnType<typeof createAuthService>;

/**
 * What the signed-in user may do, as each module's policy decides it: sent to the client so the
 * UI gates nothing on roles itself.
 */
export function abilitiesFor(actor: Actor): Abilities {
  return {
    ...usersPolicy.abilities(actor),
    ...leadsPolicy.abilities(actor),
    ...importsPolicy.abilities(actor),
    ...assignmentPolicy.abilities(actor),
    ...campaignsPolicy.abilities(actor),
    ...knowledgePolicy.abilities(actor),
    ...compliancePolicy.abilities(actor),
    ...sourcesPolicy.abilities(actor),
    ...auditPolicy.abilities(actor),
    ...callsPolicy.abilities(actor),
    ...analyticsPolicy.abilities(actor),
    ...qaPolicy.abilities(actor),
    ...coachingPolicy.abilities(actor),
    ...reportsPolicy.abilities(actor),
    ...settingsPolicy.abilities(actor),
    ...messagingPolicy.abilities(actor),
    ...followupsPolicy.abilities(actor),
  };
}

function sessionUser(u: UserRecord): SessionUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, teamId: u.teamId, languages: u.languages };
}

export function createAuthService(deps: AuthDeps) {
  const { db, clock, signer } = deps;

  /** A new refresh token in the family, and an access token for that session at the user's version. */
  async function issue(user: UserRecord, familyId: string, client: ClientInfo): Promise<Session> {
    const now = clock.now();
    const refreshToken = newRefreshToken();
    const refreshExpiresAt = new Date(now.getTime() + deps.refreshTtlSeconds * 1000);
    await repo.insertRefreshToken(db, {
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshExpiresAt,
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    const accessToken = await signer.sign({ sub: user.id, sid: familyId, sv: user.sessionVersion }, now);
    return { accessToken, expiresIn: signer.ttlSeconds, user: sessionUser(user), refreshToken, refreshExpiresAt };
  }

  /** Ends a session: its refresh tokens are revoked and, on every node, its access tokens refused. */
  async function endSession(userId: string, familyId: string, now: Date) {
    await repo.revokeFamily(db, familyId, now);
    deps.sessions.ended(userId, familyId);
  }

  return {
    async login(email: string, password: string, client: ClientInfo): Promise<Session> {
      if (deps.passwordSignIn === false) throw AuthErrors.PASSWORD_SIGNIN_DISABLED();
      const user = await deps.users.findForLogin(email);
      // Verify against a decoy when the email is unknown, so response time does not reveal accounts.
      const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
      if (!user || !ok) {
        await deps.audit.record(null, {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          details: { ip: client.ip ?? null },
        });
        throw AuthErrors.INVALID_CREDENTIALS();
      }
      if (!user.active) throw AuthErrors.ACCOUNT_DISABLED();
      await deps.users.markLogin(user.id);
      const actor: Actor = { id: user.id, role: user.role, teamId: user.teamId, ip: client.ip };
      await deps.audit.record(actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
      return issue(user, randomUUID(), client);
    },

    /**
     * Starts a session for a user the identity provider vouched for (single sign-on), exactly as a
     * password sign-in does: the same access token, refresh cookie and session checks.
     */
    async ssoSession(userId: string, client: ClientInfo, details: Record<string, unknown>): Promise<Session> {
      const user = await deps.users.findById(userId);
      if (!user) throw AuthErrors.INVALID_CREDENTIALS();
      if (!user.active) throw AuthErrors.ACCOUNT_DISABLED();
      await deps.users.markLogin(user.id);
      const actor: Actor = { id: user.id, role: user.role, teamId: user.teamId, ip: client.ip };
      await deps.audit.record(actor, { action: 'auth.sso_login', entityType: 'user', entityId: user.id, details });
      return issue(user, randomUUID(), client);
    },

    /** Rotates a refresh token. A token presented again after rotation revokes its whole family. */
    async refresh(token: string | undefined, client: ClientInfo): Promise<Session> {
      if (!token) throw AuthErrors.REFRESH_INVALID();
      const now = clock.now();
      const row = await repo.findRefreshToken(db, hashToken(token));
      if (!row || row.revokedAt || row.expiresAt <= now) throw AuthErrors.REFRESH_INVALID();
      if (row.rotatedAt) {
        if (now.getTime() - row.rotatedAt.getTime() > REUSE_GRACE_MS) {
          await endSession(row.userId, row.familyId, now);
          await deps.audit.record(null, { action: 'auth.refresh_reuse', entityType: 'user', entityId: row.userId, details: { ip: client.ip ?? null } });
          throw AuthErrors.REFRESH_INVALID();
        }
      } else {
        // Losing this race to a concurrent refresh is the same benign case as the grace above.
        await repo.markRotated(db, row.id, now);
      }
      const user = await deps.users.findById(row.userId);
      if (!user?.active) {
        await endSession(row.userId, row.familyId, now);
        throw AuthErrors.REFRESH_INVALID();
      }
      return issue(user, row.familyId, client);
    },

    /**
     * Signs out: ends the session of the refresh cookie and of the bearer token, when either is
     * given and good. The user's other sessions (other devices) stay open.
     */
    async logout(token: string | undefined, bearer?: string): Promise<void> {
      const now = clock.now();
      const ending = new Map<string, string>();
      const row = token ? await repo.findRefreshToken(db, hashToken(token)) : undefined;
      if (row) ending.set(row.familyId, row.userId);
      if (bearer) {
        // An expired or forged token ends nothing; the cookie, if any, still does.
        const claims = await signer.verify(bearer, now).catch(() => undefined);
        if (claims && (await repo.familyBelongsTo(db, claims.sid, claims.sub))) ending.set(claims.sid, claims.sub);
      }
      for (const [familyId, userId] of ending) {
        await endSession(userId, familyId, now);
        await deps.audit.record(null, { action: 'auth.logout', entityType: 'user', entityId: userId });
      }
    },

    async me(actor: Actor) {
      const user = await deps.users.findById(actor.id);
      if (!user?.active) throw AuthErrors.REFRESH_INVALID();
      return { user: sessionUser(user), abilities: abilitiesFor(actor) };
    },

    purgeExpired: () => repo.deleteExpired(db, new Date(clock.now().getTime() - 7 * 86400_000)),
  };
}
