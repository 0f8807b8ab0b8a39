/**
 * The roles and the groups of them every policy speaks of, defined once. Who may do what is
 * decided in each module's policy (`<module>.policy.ts`), built from these.
 */
import { createHash } from 'node:crypto';
import type { Role } from '@telehub/shared';
import type { Actor } from '../context.js';

export const ANY_ROLE: readonly Role[] = ['admin', 'manager', 'telecaller'];
/** Managers and admins: they watch the floor; managers only the teams they lead. */
export const STAFF: readonly Role[] = ['admin', 'manager'];
export const ADMIN: readonly Role[] = ['admin'];

export const isStaff = (a: Pick<Actor, 'role'>) => a.role === 'admin' || a.role === 'manager';
export const isAdmin = (a: Pick<Actor, 'role'>) => a.role === 'admin';

/**
 * The people a staff member watches: null for everyone (admins), else the ids of the members of
 * the teams a manager leads, and the manager. Resolved once per request by the users module.
 */
export type Watched = ReadonlySet<string> | null;
export type ScopeOf = (actor: Actor) => Promise<Watched>;

const keys = new WeakMap<ReadonlySet<string>, string>();
/**
 * Names a set of watched people ('*' for everyone): viewers who watch the same people get the
 * same name, so they can share what is computed for them. Computed once per set.
 */
export function watchedKey(watched: Watched): string {
  if (watched === null) return '*';
  let key = keys.get(watched);
  if (key === undefined) {
    key = createHash('sha1')
      .update([...watched].sort().join(','))
      .digest('base64');
    keys.set(watched, key);
  }
  return key;
}

/** Whether `actor` may act for `userId`: themselves, or staff who watch them. */
export async function actsFor(actor: Actor, userId: string | null, scopeOf: ScopeOf): Promise<boolean> {
  if (userId !== null && userId === actor.id) return true;
  if (!isStaff(actor)) return false;
  return actsForWithin(actor, userId, await scopeOf(actor));
}

/** actsFor over the people `actor` watches, already read (a subscription filtering every event). */
export function actsForWithin(actor: Actor, userId: string | null, watched: Watched): boolean {
  if (userId !== null && userId === actor.id) return true;
  return isStaff(actor) && (watched === null || (userId !== null && watched.has(userId)));
}
