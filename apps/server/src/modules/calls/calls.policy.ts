/** Who may see and act on calls. Telecallers work their own calls; staff see the floor. */
import type { Actor } from '../../platform/context.js';

const staff = (a: Actor) => a.role === 'admin' || a.role === 'manager';

export const callsPolicy = {
  staff,
  /** A telecaller sees the calls they made and the calls of leads they own (the lead's history). */
  canSee: (a: Actor, call: { agentId: string | null }, leadOwnerId: string | null) => staff(a) || call.agentId === a.id || leadOwnerId === a.id,
  /** Hang up or wrap up: the agent on the call, or staff. */
  canAct: (a: Actor, call: { agentId: string | null }) => staff(a) || call.agentId === a.id,
  /** Recordings: the agent who made the call and staff; never another telecaller. */
  canHear: (a: Actor, call: { agentId: string | null }) => staff(a) || call.agentId === a.id,
  supervise: staff,
  editDispositions: (a: Actor) => a.role === 'admin',
};
