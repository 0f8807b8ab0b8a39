/**
 * What the reports module reads of calls: the fields each call's report facts come from, the
 * walk of every call a full rebuild makes, and the brief rows a drill-down shows. SQL only; what
 * counts as a dial, a connect or a conversion is the reports module's business.
 */
import { and, gt, isNotNull, sql } from 'drizzle-orm';
import { type Db, idIn } from '../../platform/db/client.js';
import { calls } from './calls.tables.js';

export type CallFactRow = {
  id: string;
  leadId: string;
  agentId: string | null;
  campaignId: string | null;
  direction: string;
  status: string;
  createdAt: Date;
  startedAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  disposition: string | null;
  dispositionAt: Date | null;
  answeredBy: string | null;
  recordingAvailable: boolean;
  recordingNotice: boolean;
};

export type CallBrief = {
  id: string;
  leadId: string;
  agentId: string | null;
  campaignId: string | null;
  startedAt: Date;
  status: string;
  talkSeconds: number;
  disposition: string | null;
};

const FACT_COLUMNS = {
  id: calls.id,
  leadId: calls.leadId,
  agentId: calls.agentId,
  campaignId: calls.campaignId,
  direction: calls.direction,
  status: calls.status,
  createdAt: calls.createdAt,
  startedAt: calls.startedAt,
  answeredAt: calls.answeredAt,
  endedAt: calls.endedAt,
  durationSeconds: calls.durationSeconds,
  disposition: calls.disposition,
  dispositionAt: calls.dispositionAt,
  answeredBy: calls.answeredBy,
  recordingAvailable: calls.recordingAvailable,
  recordingNotice: calls.recordingNotice,
};

export function createCallFacts(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** The rows behind these calls' facts; ids that are not there are absent. */
    async rows(ids: string[], q: Db = db): Promise<CallFactRow[]> {
      if (ids.length === 0) return [];
      return q.select(FACT_COLUMNS).from(calls).where(idIn(calls.id, ids));
    },

    /** The campaign of each lead's first campaign call (leads never called in one are absent). */
    async firstCampaigns(leadIds: string[], q: Db = db): Promise<Map<string, string>> {
      if (leadIds.length === 0) return new Map();
      const rows = await q
        .selectDistinctOn([calls.leadId], { leadId: calls.leadId, campaignId: calls.campaignId })
        .from(calls)
        .where(and(idIn(calls.leadId, leadIds), isNotNull(calls.campaignId)))
        .orderBy(calls.leadId, calls.createdAt);
      return new Map(rows.flatMap((r) => (r.campaignId ? [[r.leadId, r.campaignId] as const] : [])));
    },

    /** Every call id after `afterId`, in id order (a full rebuild walks them). */
    async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: calls.id })
        .from(calls)
        .where(afterId ? gt(calls.id, afterId) : undefined)
        .orderBy(calls.id)
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /** What a report's drill-down shows of these calls. */
    async briefs(ids: string[]) {
      if (ids.length === 0) return new Map<string, CallBrief>();
      const rows = await db
        .select({
          id: calls.id,
          leadId: calls.leadId,
          agentId: calls.agentId,
          campaignId: calls.campaignId,
          startedAt: sql<Date>`coalesce(${calls.startedAt}, ${calls.createdAt})`.mapWith(calls.createdAt),
          status: calls.status,
          talkSeconds: sql<number>`coalesce(${calls.durationSeconds}, 0)::int`,
          disposition: calls.disposition,
        })
        .from(calls)
        .where(idIn(calls.id, ids));
      return new Map<string, CallBrief>(rows.map((r) => [r.id, r]));
    },
  };
}

export type CallFacts = ReturnType<typeof createCallFacts>;
