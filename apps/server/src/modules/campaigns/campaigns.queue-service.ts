/**
 * The dial queue as the dialer uses it: lease due leads, attach the call, and move each lead on
 * once its attempt ends (by the campaign's retry rules), all under the row's lock.
 */
import type { RetryRules } from '@telehub/shared';
import type { SQL } from 'drizzle-orm';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import * as q from './campaigns.queue.js';
import type { CampaignRow } from './campaigns.repo.js';
import { ABANDON_REST_MS, type AttemptOutcome, moveAfter } from './campaigns.retry.js';

export type { LeasedMember } from './campaigns.queue.js';
export type { AttemptOutcome } from './campaigns.retry.js';

/** How long a preview lead stays held for the agent it was offered to. */
export const PREVIEW_HOLD_MS = 5 * 60_000;

export function createCampaignQueue(deps: {
  db: Db;
  clock: Clock;
  /** Reads the campaign inside the caller's transaction (the embedded store has one connection). */
  find: (tx: Db, id: string) => Promise<CampaignRow | undefined>;
  retryOf: (c: CampaignRow) => RetryRules;
}) {
  const { db, clock } = deps;

  async function settle(tx: Db, member: q.MemberRow, outcome: AttemptOutcome) {
    const c = await deps.find(tx, member.campaignId);
    if (!c) return;
    const move = moveAfter(outcome, member.outcomes, deps.retryOf(c), clock.now());
    await q.moveMember(tx, member.campaignId, member.leadId, move);
  }

  return {
    /**
     * Leases up to `limit` due leads to `holder` for `leaseMs`. `rest`: leave out leads abandoned
     * in the last 72 hours (the predictive pacer).
     */
    lease: (campaignId: string, limit: number, holder: string, opts: { leaseMs: number; rest: boolean }) => {
      const now = clock.now();
      return db.transaction((tx) =>
        q.leaseDue(tx, {
          campaignId,
          limit,
          holder,
          now,
          until: new Date(now.getTime() + opts.leaseMs),
          restSince: opts.rest ? new Date(now.getTime() - ABANDON_REST_MS) : null,
        }),
      );
    },
    attach: (campaignId: string, leadId: string, callId: string) => q.attachCall(db, { campaignId, leadId, callId, now: clock.now() }),
    /** Moves a leased (or in-flight) lead on; a lead no longer in flight is left alone (settled already). */
    async settleLead(campaignId: string, leadId: string, outcome: AttemptOutcome): Promise<boolean> {
      return db.transaction(async (tx) => {
        const m = await q.findMember(tx, campaignId, leadId);
        if (!m || m.status !== 'in_flight') return false;
        await settle(tx, m, outcome);
        return true;
      });
    },
    /** Moves on the lead whose attempt this call was; false when none is in flight for it. */
    async settleCall(callId: string, outcome: AttemptOutcome): Promise<boolean> {
      return db.transaction(async (tx) => {
        const found = await q.memberOfCall(tx, callId);
        if (!found) return false;
        const m = await q.findMember(tx, found.campaignId, found.leadId);
        if (!m || m.status !== 'in_flight' || m.callId !== callId) return false;
        await settle(tx, m, outcome);
        return true;
      });
    },
    /**
     * A callback promised on a campaign call: the lead goes back in the queue for that time, ahead
     * of others once due. A lead already moved on by the call's end is moved again.
     */
    async callbackFor(callId: string, at: Date): Promise<void> {
      await db.transaction(async (tx) => {
        const found = await q.memberOfCall(tx, callId);
        if (!found) return;
        const m = await q.findMember(tx, found.campaignId, found.leadId);
        if (m) await settle(tx, m, { kind: 'callback', at });
      });
    },
    releaseExpired: (campaignId: string) => q.releaseExpired(db, campaignId, clock.now()),
    inFlightCalls: (campaignId: string) => q.inFlightCalls(db, campaignId),
    counts: (campaignId: string) => q.queueCounts(db, campaignId, clock.now()),
    refresh: (tx: Db, campaignId: string, segment: SQL | null) => q.refreshSegment(tx, campaignId, segment),
    /** Preview: the lead held for this agent, or the next due one, held for them for five minutes. */
    async holdFor(campaignId: string, agentId: string): Promise<q.LeasedMember | undefined> {
      const holder = `agent:${agentId}`;
      const held = await q.heldFor(db, campaignId, holder, clock.now());
      if (held) return held;
      const now = clock.now();
      const [m] = await db.transaction((tx) => q.leaseDue(tx, { campaignId, limit: 1, holder, now, until: new Date(now.getTime() + PREVIEW_HOLD_MS) }));
      return m;
    },
    /** Whether this agent holds this lead in preview now. */
    async holds(campaignId: string, leadId: string, agentId: string): Promise<boolean> {
      const held = await q.heldFor(db, campaignId, `agent:${agentId}`, clock.now());
      return held?.leadId === leadId;
    },
    /** Preview: the agent passes on the lead; it waits ten minutes before it is offered again. */
    async skip(campaignId: string, leadId: string, agentId: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const m = await q.findMember(tx, campaignId, leadId);
        if (!m || m.status !== 'in_flight' || m.leasedBy !== `agent:${agentId}` || m.callId) return false;
        await q.moveMember(tx, campaignId, leadId, {
          status: 'pending',
          nextAttemptAt: new Date(clock.now().getTime() + 10 * 60_000),
          lastOutcome: 'skipped',
          outcomes: m.outcomes,
          callback: m.callback,
        });
        return true;
      });
    },
  };
}

export type CampaignQueueService = ReturnType<typeof createCampaignQueue>;
