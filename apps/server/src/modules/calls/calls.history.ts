/**
 * Calls that happened before TeleHub knew of them: the demo organisation's past weeks, laid down
 * as finished calls (no provider events, no recordings). The reports count them like any other.
 */
import type { Db } from '../../platform/db/client.js';
import { calls } from './calls.tables.js';

export type PastCall = {
  leadId: string;
  agentId: string | null;
  campaignId: string | null;
  status: 'completed' | 'no_answer' | 'busy' | 'failed' | 'abandoned';
  startedAt: Date;
  /** Seconds of talk when the lead answered; null when they did not. */
  talkSeconds: number | null;
  disposition: string | null;
  /** Seconds from the end of the call to the disposition. */
  wrapSeconds: number | null;
};

export function createCallHistory(deps: { db: Db }) {
  return {
    /** Inserts finished past calls; returns how many. */
    async insertPast(rows: PastCall[]): Promise<number> {
      for (let i = 0; i < rows.length; i += 1000) {
        await deps.db.insert(calls).values(
          rows.slice(i, i + 1000).map((c) => {
            const ringMs = 8_000;
            const answeredAt = c.talkSeconds !== null ? new Date(c.startedAt.getTime() + ringMs) : null;
            const endedAt = new Date(c.startedAt.getTime() + ringMs + (c.talkSeconds ?? 22) * 1000);
            return {
              leadId: c.leadId,
              agentId: c.agentId,
              campaignId: c.campaignId,
              direction: 'outbound',
              provider: 'simulator',
              status: c.status,
              startedAt: c.startedAt,
              answeredAt,
              endedAt,
              durationSeconds: c.talkSeconds,
              disposition: c.disposition,
              dispositionAt: c.disposition && c.wrapSeconds !== null ? new Date(endedAt.getTime() + c.wrapSeconds * 1000) : null,
              createdAt: c.startedAt,
              updatedAt: endedAt,
            };
          }),
        );
      }
      return rows.length;
    },
  };
}

export type CallHistory = ReturnType<typeof createCallHistory>;
