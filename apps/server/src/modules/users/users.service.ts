import type { CreateTeamBody, CreateUserBody, InboundHours, Team, UpdateTeamBody, UpdateUserBody, User, UserList, UserListQuery } from '@telehub/shared';
import { USER_PAGE_SIZE_DEFAULT } from '@telehub/shared';
import { createFreshCache } from '../../platform/auth/fresh-cache.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import type { Watched } from '../../platform/auth/roles.js';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { advisoryXactLock, LOCKS } from '../../platform/db/locks.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logging.js';
import { normalizePhone } from '../../platform/phone.js';
import type { AuditService } from '../audit/index.js';
import { createBulkInvite } from './users.bulk.js';
import { createDeactivation } from './users.deactivate.js';
import { UserErrors } from './users.errors.js';
import { createHandOvers } from './users.handover.js';
import { toUserDto } from './users.presenter.js';
import type { TeamRow, UserAccess } from './users.repo.js';
import * as repo from './users.repo.js';

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    /** What these users may do changed (role, team, active, password, teams led): read it again. */
    'user.access_changed': { userIds: string[] };
  }
}

export type UsersDeps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  logger: Logger;
  /** Tells every node to forget what it cached about a user's access. */
  bus: Pick<EventBus, 'publish' | 'subscribe'>;
  /** Revokes every refresh token of a user, inside the caller's transaction (the auth module's). */
  endSessions: (tx: Db, userId: string, at: Date) => Promise<void>;
};
export type UsersService = ReturnType<typeof createUsersService>;
export type { UserAccess };
export { toUserDto };

function toTeamDto(t: TeamRow, memberCount: number): Team {
  return { id: t.id, name: t.name, managerId: t.managerId, memberCount, createdAt: t.createdAt.toISOString() };
}

function agentPhone(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input === '') return input === '' ? null : input;
  const r = normalizePhone(input);
  if (!r.ok) throw UserErrors.INVALID_PHONE(`phone: ${r.reason}`);
  return r.e164;
}

/**
 * How long a socket's list of watched people is trusted before it is read again, when no change
 * of team or role says so sooner.
 */
const WATCHED_TTL_MS = 30_000;
/**
 * How long a node trusts what it read of a user's access (role, team, active, session version)
 * when no event says it changed: the bound on a stale answer when the event bus is down, under
 * the second within which a change must reach every node. A page's burst of requests still reads
 * the user once.
 */
const ACCESS_TTL_MS = 500;

export function createUsersService(deps: UsersDeps) {
  const { db, clock, audit } = deps;
  const watchedCache = new WeakMap<Actor, { at: number; generation: number; ids: Promise<Watched> }>();
  // Raised by any change of access anywhere: every cached scope is read again.
  let generation = 0;
  const access = createFreshCache<UserAccess>({
    ttlMs: ACCESS_TTL_MS,
    load: async (ids) => new Map((await repo.accessOf(db, ids)).map((u) => [u.id, u])),
  });

  function forgetAccess(userIds: readonly string[]) {
    access.forget(userIds);
    generation++;
  }
  deps.bus.subscribe('user.access_changed', ({ userIds }) => forgetAccess(userIds));

  /** After the commit of a change of access: this node forgets at once, the others when told. */
  function accessChanged(userIds: Iterable<string>) {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return;
    forgetAccess(ids);
    // Not awaited: a bus that is down must not hold up the change (the short lifetime covers it).
    deps.bus.publish('user.access_changed', { userIds: ids }).catch((err: unknown) => deps.logger.warn({ err }, 'access change not published'));
  }

  /** Team ids in the actor's view; undefined means every team (admin). */
  async function scopeOf(actor: Actor): Promise<string[] | undefined> {
    if (actor.role === 'admin') return undefined;
    return repo.teamIdsOfManager(db, actor.id, actor.teamId);
  }

  async function assertTeam(teamId: string | null | undefined) {
    if (teamId && !(await repo.findTeamById(db, teamId))) throw UserErrors.TEAM_NOT_FOUND(`teamId: no team ${teamId}`);
  }

  async function assertManagerEligible(managerId: string | null | undefined) {
    if (!managerId) return;
    const m = await repo.findUserById(db, managerId);
    if (!m?.active || (m.role !== 'manager' && m.role !== 'admin')) throw UserErrors.TEAM_MANAGER_INVALID();
  }

  const handOvers = createHandOvers();
  const deactivation = createDeactivation({ db, clock, audit, handOvers, endSessions: deps.endSessions, scopeOf, accessChanged });
  const bulk = createBulkInvite({ db, audit });

  return {
    /** Everyone in the actor's view, by name (other modules' rosters). */
    async list(actor: Actor): Promise<User[]> {
      const teamIds = await scopeOf(actor);
      const rows = await repo.listUsers(db, { teamIds, includeId: actor.id });
      return rows.map(toUserDto);
    },

    /**
     * The users in the actor's view that match the query. Unpaged (no page, no pageSize) it is
     * everyone that matches, for the people pickers; paged, active people first, then by name.
     */
    async search(actor: Actor, q: UserListQuery = {}): Promise<UserList> {
      const { page, pageSize, ...filter } = q;
      const teamIds = await scopeOf(actor);
      const paged = page !== undefined || pageSize !== undefined;
      const size = pageSize ?? USER_PAGE_SIZE_DEFAULT;
      const at = page ?? 1;
      const { rows, total } = await repo.pageUsers(
        db,
        { ...filter, teamIds, includeId: actor.id },
        paged ? { limit: size, offset: (at - 1) * size } : undefined,
      );
      return { items: rows.map(toUserDto), total, page: paged ? at : 1, pageSize: paged ? size : total };
    },

    /** Where other modules register the work a user holds (leads, callbacks), moved when they leave. */
    handOvers: { add: handOvers.add },
    holdings: deactivation.holdings,
    deactivate: deactivation.deactivate,
    reactivate: deactivation.reactivate,
    /** Invite a floor from a CSV: all or nobody, each with a temporary password shown once. */
    bulkInvite: bulk.invite,

    async get(actor: Actor, id: string): Promise<User> {
      const row = await repo.findUserById(db, id);
      if (!row) throw UserErrors.USER_NOT_FOUND();
      const teamIds = await scopeOf(actor);
      if (teamIds && row.id !== actor.id && !(row.teamId && teamIds.includes(row.teamId))) throw UserErrors.USER_NOT_FOUND();
      return toUserDto(row);
    },

    async create(actor: Actor, body: CreateUserBody): Promise<User> {
      await assertTeam(body.teamId);
      const passwordHash = await hashPassword(body.password);
      try {
        return await db.transaction(async (tx) => {
          const row = await repo.insertUser(tx, {
            email: body.email.toLowerCase(),
            name: body.name,
            role: body.role,
            passwordHash,
            phone: agentPhone(body.phone) ?? null,
            teamId: body.teamId ?? null,
            languages: body.languages ?? [],
          });
          await audit.record(actor, { action: 'user.create', entityType: 'user', entityId: row.id, details: { email: row.email, role: row.role } }, tx);
          return toUserDto(row);
        });
      } catch (err) {
        if (isUniqueViolation(err, 'users_email_key')) throw UserErrors.USER_EMAIL_TAKEN();
        throw err;
      }
    },

    /**
     * Changes a user. A change of password, role, team or active state ends the user's access
     * tokens (the session version goes up); a new password or deactivation also revokes every
     * refresh token. Moving someone between teams ends the tokens of both teams' managers too,
     * whose scope it changes.
     */
    async update(actor: Actor, id: string, body: UpdateUserBody): Promise<User> {
      const current = await repo.findUserById(db, id);
      if (!current) throw UserErrors.USER_NOT_FOUND();
      await assertTeam(body.teamId);
      const losesAdmin = current.role === 'admin' && current.active && ((body.role && body.role !== 'admin') || body.active === false);
      if (losesAdmin && (await repo.countActiveAdmins(db, id)) === 0) throw UserErrors.LAST_ADMIN();
      const { password, phone, ...rest } = body;
      const values: Partial<repo.UserInsert> = { ...rest, updatedAt: clock.now() };
      if (phone !== undefined) values.phone = agentPhone(phone) ?? null;
      if (password) values.passwordHash = await hashPassword(password);
      const teamChanged = body.teamId !== undefined && (body.teamId ?? null) !== current.teamId;
      const accessChanges =
        Boolean(password) ||
        teamChanged ||
        (body.role !== undefined && body.role !== current.role) ||
        (body.active !== undefined && body.active !== current.active);
      const { dto, ended } = await db.transaction(async (tx) => {
        const row = await repo.updateUserRow(tx, id, values);
        if (!row) throw UserErrors.USER_NOT_FOUND();
        const ended = new Set<string>();
        if (accessChanges) ended.add(id);
        if (teamChanged) {
          const teamIds = [current.teamId, body.teamId ?? null].filter((t): t is string => t !== null);
          for (const m of await repo.managersOfTeams(tx, teamIds)) ended.add(m);
        }
        await repo.bumpSessionVersions(tx, [...ended]);
        if (password || (body.active === false && current.active)) await deps.endSessions(tx, id, clock.now());
        const changed = Object.keys(body).filter((k) => k !== 'password');
        await audit.record(
          actor,
          { action: 'user.update', entityType: 'user', entityId: id, details: { fields: changed, passwordChanged: Boolean(password) } },
          tx,
        );
        return { dto: toUserDto(row), ended };
      });
      accessChanged(ended);
      return dto;
    },

    async listTeams(actor: Actor): Promise<Team[]> {
      const rows = await repo.listTeams(db, await scopeOf(actor));
      return rows.map((r) => toTeamDto(r.team, r.memberCount));
    },

    async createTeam(actor: Actor, body: CreateTeamBody): Promise<Team> {
      await assertManagerEligible(body.managerId);
      try {
        return await db.transaction(async (tx) => {
          const row = await repo.insertTeam(tx, { name: body.name, managerId: body.managerId ?? null });
          await audit.record(actor, { action: 'team.create', entityType: 'team', entityId: row.id, details: { name: row.name } }, tx);
          return toTeamDto(row, 0);
        });
      } catch (err) {
        if (isUniqueViolation(err, 'teams_name_key')) throw UserErrors.TEAM_NAME_TAKEN();
        throw err;
      }
    },

    /** Renames a team or hands it to another manager, whose tokens end with the old one's (their scope changes). */
    async updateTeam(actor: Actor, id: string, body: UpdateTeamBody): Promise<Team> {
      await assertManagerEligible(body.managerId);
      try {
        const { team, ended } = await db.transaction(async (tx) => {
          const before = await repo.findTeamById(tx, id);
          const row = await repo.updateTeamRow(tx, id, { ...body, updatedAt: clock.now() });
          if (!before || !row) throw UserErrors.TEAM_NOT_FOUND();
          const ended = before.managerId === row.managerId ? [] : [before.managerId, row.managerId].filter((m): m is string => m !== null);
          await repo.bumpSessionVersions(tx, ended);
          await audit.record(actor, { action: 'team.update', entityType: 'team', entityId: id, details: { fields: Object.keys(body) } }, tx);
          const [withCount] = await repo.listTeams(tx, [id]);
          return { team: toTeamDto(row, withCount?.memberCount ?? 0), ended };
        });
        accessChanged(ended);
        return team;
      } catch (err) {
        if (isUniqueViolation(err, 'teams_name_key')) throw UserErrors.TEAM_NAME_TAKEN();
        throw err;
      }
    },

    /**
     * The people `actor` watches, the scope of every list and record a manager sees: null for
     * everyone (admins); for a manager the members of the teams they lead (and of their own
     * team) and themselves; for a telecaller themselves. Read once per request; a socket's is
     * read again after any change of access on any node (event bus), and every 30 seconds.
     */
    watched(actor: Actor): Promise<Watched> {
      if (actor.role === 'admin') return Promise.resolve(null);
      if (actor.role === 'telecaller') return Promise.resolve(new Set([actor.id]));
      const hit = watchedCache.get(actor);
      if (hit && hit.generation === generation && Date.now() - hit.at < WATCHED_TTL_MS) return hit.ids;
      const ids = (async () => {
        const teamIds = await repo.teamIdsOfManager(db, actor.id, actor.teamId);
        const rows = await repo.listUsers(db, { teamIds, includeId: actor.id });
        return new Set(rows.map((r) => r.id)) as ReadonlySet<string>;
      })();
      watchedCache.set(actor, { at: Date.now(), generation, ids });
      ids.catch(() => watchedCache.delete(actor));
      return ids;
    },

    /** For the reports' rollups: every user's team (null: none), in one query. */
    async allTeams(): Promise<Map<string, string | null>> {
      const rows = await repo.listUsers(db, {});
      return new Map(rows.map((r) => [r.id, r.teamId]));
    },

    /** For other modules: the users behind ids (owners, actors), in one query. */
    async namesByIds(ids: string[]): Promise<Map<string, string>> {
      const rows = await repo.findUsersByIds(db, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /** For the assignment rules: the active telecallers of a team, in a stable order. */
    async teamTelecallers(teamId: string): Promise<{ id: string; languages: string[] }[]> {
      const rows = await repo.listUsers(db, { teamIds: [teamId], role: 'telecaller', active: true });
      return rows.map((r) => ({ id: r.id, languages: r.languages })).sort((a, b) => a.id.localeCompare(b.id));
    },

    /** Inbound routing: where these users work (team, languages) and the phone their calls ring. */
    async floorInfo(ids: string[]): Promise<Map<string, { id: string; teamId: string | null; languages: string[]; phone: string | null; active: boolean }>> {
      if (ids.length === 0) return new Map();
      const rows = await repo.findUsersByIds(db, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, { id: r.id, teamId: r.teamId, languages: r.languages, phone: r.phone, active: r.active }]));
    },

    /** The active user whose phone this is (any format), for a provider that reports which phone answered. */
    async byPhone(phone: string): Promise<{ id: string; teamId: string | null } | undefined> {
      const n = normalizePhone(phone);
      if (!n.ok) return undefined;
      const [row] = await repo.listUsers(db, { active: true, phone: n.e164 });
      return row && { id: row.id, teamId: row.teamId };
    },

    /** Teams the actor sees, with their inbound hours (null: any hour). */
    async teamHours(actor: Actor): Promise<{ id: string; name: string; managerId: string | null; hours: InboundHours | null }[]> {
      const rows = await repo.listTeams(db, await scopeOf(actor));
      return rows.map(({ team }) => ({ id: team.id, name: team.name, managerId: team.managerId, hours: team.inboundHours ?? null }));
    },

    /** Inbound routing: these teams' hours, not scoped (the system routes every call). */
    async hoursOf(teamIds: string[]): Promise<Map<string, InboundHours | null>> {
      if (teamIds.length === 0) return new Map();
      const rows = await repo.listTeams(db, [...new Set(teamIds)]);
      return new Map(rows.map(({ team }) => [team.id, team.inboundHours ?? null]));
    },

    async setTeamHours(actor: Actor, teamId: string, hours: InboundHours | null): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await repo.updateTeamRow(tx, teamId, { inboundHours: hours, updatedAt: clock.now() });
        if (!row) throw UserErrors.TEAM_NOT_FOUND();
        await audit.record(actor, { action: 'team.inbound_hours', entityType: 'team', entityId: teamId, details: { hours } }, tx);
      });
    },

    /** For other modules: is this an active user who can own leads? */
    async findActive(id: string): Promise<User | undefined> {
      const row = await repo.findUserById(db, id);
      return row?.active ? toUserDto(row) : undefined;
    },

    /** For the auth module: the stored record behind an email, with its password hash. */
    findForLogin: (email: string) => repo.findUserByEmail(db, email),
    findById: (id: string) => repo.findUserById(db, id),
    /**
     * For the auth module, on every request: what each user's session depends on, as this node
     * last read it (at most half a second ago, and forgotten at once when it changes); `fresh`
     * reads it again now.
     */
    access: (ids: readonly string[], opts?: { fresh?: boolean }) => access.get(ids, opts),
    /** Of users held at a session version (open sockets), those whose access moved on since; one cheap read. */
    accessMovedOn: (held: readonly { id: string; sessionVersion: number }[]) => repo.accessMovedOn(db, held),
    markLogin: (id: string) => repo.updateUserRow(db, id, { lastLoginAt: clock.now() }),

    /**
     * Creates the first admin from TELEHUB_ADMIN_EMAIL/PASSWORD when no admin exists. Runs under
     * an advisory lock so two nodes starting together create one admin, and is a no-op afterwards.
     */
    async ensureFirstAdmin(email: string, password: string): Promise<'created' | 'exists'> {
      const passwordHash = await hashPassword(password);
      const outcome = await db.transaction(async (tx) => {
        await advisoryXactLock(tx, LOCKS.firstAdmin);
        if ((await repo.countActiveAdmins(tx)) > 0) return { done: 'exists' as const };
        const existing = await repo.findUserByEmail(tx, email);
        if (existing) {
          // A new password and role for an account that may have sessions: they end.
          await repo.updateUserRow(tx, existing.id, { role: 'admin', active: true, passwordHash, updatedAt: clock.now() });
          await repo.bumpSessionVersions(tx, [existing.id]);
          await deps.endSessions(tx, existing.id, clock.now());
        } else {
          await repo.insertUser(tx, { email: email.toLowerCase(), name: 'Administrator', role: 'admin', passwordHash });
        }
        await audit.record(null, { action: 'user.bootstrap_admin', entityType: 'user', details: { email: email.toLowerCase() } }, tx);
        deps.logger.info({ email }, 'created the first admin from TELEHUB_ADMIN_EMAIL');
        return { done: 'created' as const, ended: existing ? [existing.id] : [] };
      });
      if (outcome.done === 'created') accessChanged(outcome.ended);
      return outcome.done;
    },
  };
}
