/** Who may do what with leads. Telecallers work only the leads they own. */
import type { Actor } from '../../platform/context.js';

const staff = (a: Actor) => a.role === 'admin' || a.role === 'manager';

export const leadsPolicy = {
  /** Everyone may add a lead; a telecaller's new lead is their own. */
  create: (_a: Actor) => true,
  delete: staff,
  assign: staff,
  export: staff,
  merge: staff,
  /** Row-level visibility: staff see every lead, a telecaller only their own. */
  canSee: (a: Actor, lead: { ownerId: string | null }) => staff(a) || lead.ownerId === a.id,
  /** The owner filter forced on a list query. */
  forcedOwner: (a: Actor): string | undefined => (staff(a) ? undefined : a.id),
};
