/**
 * Who may see and act on calls. The agent on a call acts on it; staff act on the calls of the
 * agents they watch (a manager: their teams; an admin: everyone); whoever may see a lead sees
 * its calls, its history. Routes, resolvers and the abilities sent to the client all ask here.
 */
import { ADMIN, ANY_ROLE, isStaff, STAFF, type Watched } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

type CallRef = { agentId: string | null };

const canAct = (a: Actor, call: CallRef, watched: Watched) =>
  call.agentId === a.id || (isStaff(a) && (watched === null || (call.agentId !== null && watched.has(call.agentId))));

export const callsPolicy = {
  roles: { calls: ANY_ROLE, supervise: STAFF, editDispositions: ADMIN, viewCampaignDispositions: STAFF },
  /** Hang up, wrap up, hear the recording, supervise. */
  canAct,
  /** Mute, hold, keypad tones, transfer, redial: the agent on the call alone (staff listen, whisper or barge instead). */
  canControl: (a: Actor, call: CallRef) => call.agentId !== null && call.agentId === a.id,
  /** See the call and its transcript: whoever may act on it, or see its lead. */
  canSee: (a: Actor, call: CallRef, watched: Watched, leadVisible: boolean) => canAct(a, call, watched) || leadVisible,
  /** The abilities this module sends to the client. */
  abilities: (a: Actor) => ({ superviseCalls: STAFF.includes(a.role), editDispositions: ADMIN.includes(a.role) }),
};
