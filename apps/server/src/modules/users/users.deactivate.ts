/**
 * Deactivating someone who leaves, with their work handed over in the same transaction: their
 * open leads and callbacks go to a colleague or to the unassigned pool, so nothing waits on a
 * person who no longer signs in. Reactivation lets them sign in again (their work stays where
 * it went).
 */
import type { DeactivateUserResult, User } from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { AuditService } from '../audit/index.js';
import { UserErrors } from './users.errors.js';
import type { HandOvers } from './users.handover.js';
import { usersPolicy } from './users.policy.js';
import { toUserDto } from './users.presenter.js';
import type { UserRow } from './users.repo.js';
import * as repo from './users.repo.js';

type Deps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  handOvers: Pick<HandOvers, 'count' | 'move'>;
  endSessions: (tx: Db, userId: string, at: Date) => Promise<void>;
  /** Team ids in the actor's view; undefined: every team (admin). */
  scopeOf: (actor: Actor) => Promise<string[] | undefined>;
  /** After commit: every node forgets what it cached of these users' access. */
  accessChanged: (userIds: Iterable<string>) => void;
};

export function createDeactivation(deps: Deps) {
  const { db, clock, audit } = deps;

  /** The user, if the actor may deactivate or reactivate them: admins anyone, managers their teams' telecallers. */
  async function managed(actor: Actor, id: string): Promise<UserRow> {
    const row = await repo.findUserById(db, id);
    if (!row) throw UserErrors.USER_NOT_FOUND();
    const teamIds = await deps.scopeOf(actor);
    if (teamIds === undefined) return row;
    if (!(row.teamId && teamIds.includes(row.teamId)) && row.id !== actor.id) throw UserErrors.USER_NOT_FOUND();
    if (!usersPolicy.changeMember(actor, row)) throw UserErrors.USER_FORBIDDEN();
    return row;
  }

  /** Whether `to` may take over the work of `from`: active, someone else, and (unless an admin hands over) of the same team. */
  function assertReceiver(actor: Actor, from: UserRow, to: UserRow | undefined) {
    if (!to) throw UserErrors.USER_HANDOVER_INVALID('handOverTo: no such user');
    if (to.id === from.id) throw UserErrors.USER_HANDOVER_INVALID('handOverTo: the user cannot hand their work to themselves');
    if (!to.active) throw UserErrors.USER_HANDOVER_INVALID(`handOverTo: ${to.name} is deactivated`);
    if (actor.role !== 'admin' && to.teamId !== from.teamId)
      throw UserErrors.USER_HANDOVER_INVALID(`handOverTo: ${to.name} is in another team; only an admin hands work across teams`);
  }

  return {
    /** What the user holds that someone must take over (the confirm step of the web page). */
    async holdings(actor: Actor, id: string): Promise<Record<string, number>> {
      const row = await managed(actor, id);
      return deps.handOvers.count(db, row.id);
    },

    /**
     * Deactivates `id`, moving their open leads and pending callbacks to `handOverTo` (null: the
     * unassigned pool, their team's queue for callbacks) in the same transaction. Refused while
     * they hold work and no receiver is named, or when the receiver is inactive or, for a manager,
     * in another team. Ends their sessions; audited with what moved.
     */
    async deactivate(actor: Actor, id: string, handOverTo: string | null | undefined): Promise<DeactivateUserResult> {
      await managed(actor, id);
      const now = clock.now();
      const result = await db.transaction(async (tx) => {
        const locked = await repo.lockUsers(tx, handOverTo ? [id, handOverTo] : [id]);
        const from = locked.find((u) => u.id === id);
        if (!from) throw UserErrors.USER_NOT_FOUND();
        if (!from.active) throw UserErrors.USER_ALREADY_INACTIVE();
        if (from.role === 'admin' && (await repo.countActiveAdmins(tx, id)) === 0) throw UserErrors.LAST_ADMIN();
        if (handOverTo)
          assertReceiver(
            actor,
            from,
            locked.find((u) => u.id === handOverTo),
          );
        if (handOverTo === undefined || (handOverTo === null && !from.teamId)) {
          const held = await deps.handOvers.count(tx, id);
          const total = Object.values(held).reduce((a, b) => a + b, 0);
          if (total > 0 && handOverTo === undefined) throw UserErrors.USER_HOLDS_WORK(undefined, { holdings: held });
          if (total > 0) throw UserErrors.USER_HANDOVER_INVALID(`${from.name} is in no team, so there is no team queue for their work: name a colleague`);
        }
        const moved = await deps.handOvers.move(tx, { actor, fromId: id, toId: handOverTo ?? null, teamId: from.teamId });
        const row = await repo.updateUserRow(tx, id, { active: false, updatedAt: now });
        if (!row) throw UserErrors.USER_NOT_FOUND();
        await repo.bumpSessionVersions(tx, [id]);
        await deps.endSessions(tx, id, now);
        await audit.record(actor, { action: 'user.deactivate', entityType: 'user', entityId: id, details: { handOverTo: handOverTo ?? null, moved } }, tx);
        return { user: toUserDto(row), handOverTo: handOverTo ?? null, moved };
      });
      deps.accessChanged([id]);
      return result;
    },

    /** Lets a deactivated user sign in again; audited. */
    async reactivate(actor: Actor, id: string): Promise<User> {
      await managed(actor, id);
      const user = await db.transaction(async (tx) => {
        const [current] = await repo.lockUsers(tx, [id]);
        if (!current) throw UserErrors.USER_NOT_FOUND();
        if (current.active) throw UserErrors.USER_ALREADY_ACTIVE();
        const row = await repo.updateUserRow(tx, id, { active: true, updatedAt: clock.now() });
        if (!row) throw UserErrors.USER_NOT_FOUND();
        await repo.bumpSessionVersions(tx, [id]);
        await audit.record(actor, { action: 'user.reactivate', entityType: 'user', entityId: id }, tx);
        return toUserDto(row);
      });
      deps.accessChanged([id]);
      return user;
    },
  };
}
