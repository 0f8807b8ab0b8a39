/**
 * What the floor's alerts watch, read straight from the calls, presence and callbacks tables:
 * calls connected for long, agents long in one state, callbacks long overdue. Each is one bounded
 * statement on an indexed column, cheap enough to run every second.
 */
import type { PresenceState } from '@telehub/shared';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { agentPresence, callbacks, calls } from './calls.tables.js';

/** More than any floor has at once; the oldest come first, so the longest-standing are never cut. */
const MAX_ROWS = 500;

export function createFloorSignals(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Calls in progress that were answered before `answeredBefore`. */
    async longCalls(answeredBefore: Date): Promise<{ callId: string; agentId: string | null; leadId: string; answeredAt: Date }[]> {
      const rows = await db
        .select({ callId: calls.id, agentId: calls.agentId, leadId: calls.leadId, answeredAt: calls.answeredAt })
        .from(calls)
        .where(and(eq(calls.status, 'in_progress'), lt(calls.answeredAt, answeredBefore)))
        .orderBy(asc(calls.answeredAt))
        .limit(MAX_ROWS);
      return rows.flatMap((r) => (r.answeredAt ? [{ ...r, answeredAt: r.answeredAt }] : []));
    },

    /** Agents in `state` since before `before`. */
    async inStateSince(state: PresenceState, before: Date): Promise<{ userId: string; since: Date; reason: string | null }[]> {
      return db
        .select({ userId: agentPresence.userId, since: agentPresence.since, reason: agentPresence.reason })
        .from(agentPresence)
        .where(and(eq(agentPresence.state, state), lt(agentPresence.since, before)))
        .orderBy(asc(agentPresence.since))
        .limit(MAX_ROWS);
    },

    /** Pending callbacks that fell due before `dueBefore`. */
    async overdueCallbacks(dueBefore: Date): Promise<{ id: string; agentId: string | null; leadId: string; dueAt: Date }[]> {
      return db
        .select({ id: callbacks.id, agentId: callbacks.agentId, leadId: callbacks.leadId, dueAt: callbacks.dueAt })
        .from(callbacks)
        .where(and(eq(callbacks.status, 'pending'), lt(callbacks.dueAt, dueBefore)))
        .orderBy(asc(callbacks.dueAt))
        .limit(MAX_ROWS);
    },
  };
}

export type FloorSignals = ReturnType<typeof createFloorSignals>;
