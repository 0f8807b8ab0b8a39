/** Small things every module receives through buildApp(deps), so tests can replace them. */
import { randomUUID } from 'node:crypto';
import type { Role } from '@telehub/shared';

export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

export type IdGenerator = () => string;
export const uuid: IdGenerator = () => randomUUID();

/** Who is acting, resolved once per request and handed to services. */
export type Actor = {
  id: string;
  role: Role;
  teamId: string | null;
  /** Client address, for the audit log. */
  ip?: string;
};

/** Background work and the system itself act as this actor. */
export const SYSTEM_ACTOR: Actor = { id: '00000000-0000-0000-0000-000000000000', role: 'admin', teamId: null };
export const isSystem = (a: Actor) => a.id === SYSTEM_ACTOR.id;

/** The user id to store as "who did it": null for the system. */
export const actorRef = (a: Actor): string | null => (isSystem(a) ? null : a.id);
