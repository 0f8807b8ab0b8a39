/**
 * What the dialer reads about a campaign's calls: the lines out now, the recent outcomes its
 * forecasts learn from, the abandon tallies it paces under, and the day's figures and timeline
 * the campaign page shows. Answered means answered by a person: machines are counted apart.
 */
import type { Call } from '@telehub/shared';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import { LIVE_STATUSES, toCallDto } from './calls.repo.js';
import { calls } from './calls.tables.js';

export type CampaignLine = {
  id: string;
  status: string;
  agentId: string | null;
  leadId: string;
  leadFirst: boolean;
  answeredAt: Date | null;
  answeredBy: string | null;
  createdAt: Date;
};

export type RecentCall = {
  createdAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  status: string;
  answeredBy: string | null;
  bridged: boolean;
  talkSeconds: number | null;
  wrapSeconds: number | null;
};

const HUMAN = sql`(${calls.answeredAt} is not null and coalesce(${calls.answeredBy}, 'human') <> 'machine')`;

export function createCampaignCalls(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** The campaign's live calls. */
    async lines(campaignId: string): Promise<CampaignLine[]> {
      const rows = await db
        .select({
          id: calls.id,
          status: calls.status,
          agentId: calls.agentId,
          leadId: calls.leadId,
          metadata: calls.metadata,
          answeredAt: calls.answeredAt,
          answeredBy: calls.answeredBy,
          createdAt: calls.createdAt,
        })
        .from(calls)
        .where(and(eq(calls.campaignId, campaignId), inArray(calls.status, LIVE_STATUSES)));
      return rows.map(({ metadata, ...r }) => ({ ...r, leadFirst: (metadata as { mode?: string }).mode === 'lead_first' }));
    },

    /** These calls as they stand (the dialer settles those that ended unseen). */
    async byIds(ids: string[]): Promise<Call[]> {
      if (ids.length === 0) return [];
      return (await db.select().from(calls).where(inArray(calls.id, ids))).map(toCallDto);
    },

    /**
     * The campaign's most recent resolved dials, newest last (the forecasts' window): ended, or
     * answered and still going. Leaving out answered calls still in progress would count mostly
     * the dials that failed fast, and make the answer rate look far lower than it is.
     */
    async recent(campaignId: string, since: Date, limit = 300): Promise<RecentCall[]> {
      const rows = rowsOf<{
        created_at: string | Date;
        answered_at: string | Date | null;
        ended_at: string | Date | null;
        status: string;
        answered_by: string | null;
        bridged: boolean;
        talk: number | null;
        wrap: number | null;
      }>(
        await db.execute(sql`
          select created_at, answered_at, ended_at, status, answered_by, agent_id is not null as bridged,
            duration_seconds as talk,
            case when disposition_at is not null and ended_at is not null then extract(epoch from disposition_at - ended_at)::int end as wrap
          from ${calls}
          where campaign_id = ${campaignId} and created_at >= ${since}
            and (status not in ('queued', 'dialing', 'ringing', 'in_progress') or answered_at is not null)
          order by created_at desc limit ${limit}`),
      );
      const d = (v: string | Date | null) => (v === null ? null : new Date(v));
      return rows.reverse().map((r) => ({
        createdAt: new Date(r.created_at),
        answeredAt: d(r.answered_at),
        endedAt: d(r.ended_at),
        status: r.status,
        answeredBy: r.answered_by,
        bridged: Boolean(r.bridged),
        talkSeconds: r.talk === null ? null : Number(r.talk),
        wrapSeconds: r.wrap === null ? null : Number(r.wrap),
      }));
    },

    /** People who answered and calls abandoned since `since` (the abandon rate's terms). */
    async abandonTally(campaignId: string, since: Date): Promise<{ answered: number; abandoned: number }> {
      const [row] = await db
        .select({
          answered: sql<number>`count(*) filter (where ${HUMAN})::int`,
          abandoned: sql<number>`count(*) filter (where ${calls.status} = 'abandoned')::int`,
        })
        .from(calls)
        .where(and(eq(calls.campaignId, campaignId), gte(calls.createdAt, since)));
      return { answered: Number(row?.answered ?? 0), abandoned: Number(row?.abandoned ?? 0) };
    },

    /** The day's figures, and per bucket of `bucketMs` from `since`: dials, answers, abandons, talk. */
    async figures(campaignId: string, since: Date, bucketMs: number) {
      const rows = rowsOf<{ bucket: number; dialed: number; answered: number; abandoned: number; machine: number; talk: number }>(
        await db.execute(sql`
          select floor(extract(epoch from (created_at - ${since})) * 1000 / ${bucketMs})::int as bucket,
            count(*)::int as dialed,
            count(*) filter (where ${HUMAN})::int as answered,
            count(*) filter (where status = 'abandoned')::int as abandoned,
            count(*) filter (where answered_by = 'machine')::int as machine,
            coalesce(sum(duration_seconds) filter (where agent_id is not null), 0)::int as talk
          from ${calls} where campaign_id = ${campaignId} and created_at >= ${since}
          group by 1 order by 1`),
      );
      return rows.map((r) => ({
        bucket: Number(r.bucket),
        dialed: Number(r.dialed),
        answered: Number(r.answered),
        abandoned: Number(r.abandoned),
        machine: Number(r.machine),
        talk: Number(r.talk),
      }));
    },
  };
}

export type CampaignCalls = ReturnType<typeof createCampaignCalls>;
