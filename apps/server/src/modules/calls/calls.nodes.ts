/**
 * Which server node holds which call, for providers whose calls live in a process's memory (the
 * simulator; TelephonyProvider.callsInProcess). A call records the node that placed it (held_by),
 * and each such node says it is alive every HEARTBEAT_MS (call_nodes). A node silent for
 * NODE_GONE_AFTER_MS is gone, and so is whatever drove its live calls: they are ended through the
 * one ingestion path like a provider's final event (completed when the lead had answered, else
 * failed; hangupBy system), which moves the agent to wrap-up as any end does. A node ends on start
 * the calls of nodes already gone, on a clean shutdown its own, and the sweep ends the rest.
 */
import type { Call } from '@telehub/shared';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import type { TelephonyProvider } from '../../providers/telephony/index.js';
import type { Ingest } from './calls.ingest.js';
import * as repo from './calls.repo.js';

export const HEARTBEAT_MS = 10_000;
/** Three heartbeats missed: the node is gone (or cut off from the database, which ends its calls too). */
export const NODE_GONE_AFTER_MS = 30_000;
/** A node gone this long that holds no live call is forgotten. */
const FORGET_AFTER_MS = 24 * 3600_000;

/** Who drives a live call: its provider, this node, another node that is alive, or nobody. */
export type Holder = { kind: 'provider' } | { kind: 'this_node' } | { kind: 'other_node' } | { kind: 'gone'; seenAt: Date | null };

export type CallNodesDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  ingest: Ingest;
  provider: Pick<TelephonyProvider, 'callsInProcess'>;
  /** This process's id, unique among the nodes sharing the database. */
  nodeId: string;
};

export function createCallNodes(deps: CallNodesDeps) {
  const { db, clock, nodeId } = deps;
  let timer: NodeJS.Timeout | null = null;
  const aliveSince = () => new Date(clock.now().getTime() - NODE_GONE_AFTER_MS);

  async function beat() {
    try {
      await repo.beat(db, nodeId, clock.now());
    } catch (err) {
      deps.logger.warn({ err, nodeId }, 'could not record this node’s heartbeat; other nodes end its calls after 30 s without one');
    }
  }

  /**
   * Ends a live call nobody drives any more. It stopped when its node did: after that node's last
   * heartbeat and the call's last change, never later than now.
   */
  async function interrupt(row: repo.CallRow, why: string, lastSeen: Date | null): Promise<boolean> {
    const now = clock.now();
    const stopped = Math.min(now.getTime(), Math.max(lastSeen?.getTime() ?? 0, row.updatedAt.getTime()));
    const endedAt = new Date(stopped);
    const result = await deps.ingest({
      provider: row.provider as Call['provider'],
      providerEventId: `interrupted:${row.id}`,
      providerCallId: row.providerCallId,
      callId: row.id,
      kind: 'status',
      status: row.status === 'in_progress' ? 'completed' : 'failed',
      occurredAt: endedAt,
      endedAt,
      hangupBy: 'system',
      raw: { reason: 'interrupted', detail: why, node: row.heldBy, nodeLastSeenAt: lastSeen?.toISOString() ?? null, endedBy: nodeId, at: now.toISOString() },
    });
    return result.applied;
  }

  /** Ends the live calls of nodes that are gone; how many it ended. */
  async function endOrphans(): Promise<number> {
    let ended = 0;
    for (const { call, seenAt } of await repo.orphanedCalls(db, nodeId, aliveSince())) {
      try {
        if (await interrupt(call, `node ${call.heldBy} stopped while the call was live`, seenAt)) ended++;
      } catch (err) {
        deps.logger.error({ err, callId: call.id }, 'could not end a call whose node is gone; will retry');
      }
    }
    await repo.forgetSilentNodes(db, new Date(clock.now().getTime() - FORGET_AFTER_MS));
    if (ended > 0) deps.logger.warn({ calls: ended }, 'ended live calls whose server node had stopped');
    return ended;
  }

  return {
    interrupt,

    async holderOf(row: Pick<repo.CallRow, 'heldBy'>): Promise<Holder> {
      if (!row.heldBy) return { kind: 'provider' };
      if (row.heldBy === nodeId) return { kind: 'this_node' };
      const seenAt = await repo.nodeSeenAt(db, row.heldBy);
      return seenAt && seenAt >= aliveSince() ? { kind: 'other_node' } : { kind: 'gone', seenAt };
    },

    endOrphans,

    /** Beats from now on, and ends the calls of nodes that are already gone. */
    async start(): Promise<void> {
      if (deps.provider.callsInProcess && !timer) {
        await beat();
        timer = setInterval(() => void beat(), HEARTBEAT_MS);
        timer.unref();
      }
      await endOrphans();
    },

    /** A clean shutdown (after the provider has stopped): this node's calls end with it. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      if (!deps.provider.callsInProcess) return;
      for (const row of await repo.callsHeldBy(db, nodeId)) {
        await interrupt(row, `node ${nodeId} shut down while the call was live`, clock.now());
      }
      await repo.forgetNode(db, nodeId);
    },
  };
}

export type CallNodes = ReturnType<typeof createCallNodes>;
