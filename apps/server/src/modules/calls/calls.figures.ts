/**
 * Figures read from the calls table for the analytics module: each agent's call totals over
 * periods, live calls, and per-lead and per-call batches (recent calls, last dial, transcript
 * text) that let the GraphQL loaders answer a whole page in one statement each. SQL only; what
 * the numbers mean (rates, rankings, the floor) is analytics' business.
 */
import type { Call } from '@telehub/shared';
import { and, asc, desc, eq, getTableColumns, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { type Db, idIn, rowsOf } from '../../platform/db/client.js';
import { LIVE_STATUSES, toCallDto } from './calls.repo.js';
import { calls, transcriptSegments } from './calls.tables.js';

/** The disposition code that counts as a conversion. */
export const CONVERTED_DISPOSITION = 'converted';

/** A half-open interval [from, to). */
export type Period = { from: Date; to: Date };

/** One agent's call counts over a period. */
export type CallTotals = {
  calls: number;
  /** Calls the lead answered. */
  connects: number;
  talkSeconds: number;
  conversions: number;
  /** Answered calls whose disposition is saved: the ones with a known handle time. */
  handledCalls: number;
  /** Talk plus wrap-up (end of call to disposition) over the handled calls. */
  handleSeconds: number;
};

/** Live calls returned for a floor view: far more than a floor has at once, yet bounded. */
const MAX_LIVE_CALLS = 500;
/** Long calls the alerts look at each second; the oldest first, so the longest are never cut. */
const MAX_SIGNAL_ROWS = 500;

export function createCallFigures(deps: { db: Db }) {
  const { db } = deps;

  return {
    /**
     * Each agent's call totals in each period, in one statement however many agents and periods
     * (the trend charts ask for a day per period). `out[i]` belongs to `periods[i]`; agents
     * without calls in a period are absent from its map.
     */
    async totalsByPeriod(agentIds: string[], periods: Period[]): Promise<Map<string, CallTotals>[]> {
      const out = periods.map(() => new Map<string, CallTotals>());
      if (agentIds.length === 0 || periods.length === 0) return out;
      const buckets = JSON.stringify(periods.map((p, i) => ({ i, f: p.from.toISOString(), t: p.to.toISOString() })));
      const handled = sql`${calls.answeredAt} is not null and ${calls.dispositionAt} is not null`;
      const rows = await db.execute(sql`
        select b.i as "bucket", ${calls.agentId} as "agentId",
          count(*)::int as "calls",
          count(${calls.answeredAt})::int as "connects",
          coalesce(sum(${calls.durationSeconds}), 0)::int as "talkSeconds",
          (count(*) filter (where ${calls.disposition} = ${CONVERTED_DISPOSITION}))::int as "conversions",
          (count(*) filter (where ${handled}))::int as "handledCalls",
          coalesce(sum(coalesce(${calls.durationSeconds}, 0) + greatest(0, extract(epoch from ${calls.dispositionAt} - ${calls.endedAt}))) filter (where ${handled}), 0)::float8 as "handleSeconds"
        from jsonb_to_recordset(${buckets}::jsonb) as b(i int, f timestamptz, t timestamptz)
        join ${calls} on ${calls.createdAt} >= b.f and ${calls.createdAt} < b.t
        where ${idIn(calls.agentId, agentIds)}
        group by b.i, ${calls.agentId}`);
      for (const r of rowsOf<{ bucket: number; agentId: string } & CallTotals>(rows)) {
        out[Number(r.bucket)]?.set(r.agentId, {
          calls: Number(r.calls),
          connects: Number(r.connects),
          talkSeconds: Number(r.talkSeconds),
          conversions: Number(r.conversions),
          handledCalls: Number(r.handledCalls),
          handleSeconds: Math.round(Number(r.handleSeconds)),
        });
      }
      return out;
    },

    /** The live calls of these agents, newest first. */
    async liveCalls(agentIds: string[]): Promise<Call[]> {
      if (agentIds.length === 0) return [];
      const rows = await db
        .select()
        .from(calls)
        .where(and(inArray(calls.status, LIVE_STATUSES), idIn(calls.agentId, agentIds)))
        .orderBy(desc(calls.createdAt))
        .limit(MAX_LIVE_CALLS);
      return rows.map(toCallDto);
    },

    async callsByIds(ids: string[]): Promise<Call[]> {
      if (ids.length === 0) return [];
      const rows = await db.select().from(calls).where(idIn(calls.id, ids));
      return rows.map(toCallDto);
    },

    /** Calls in progress that were answered before `answeredBefore` (the long-call alert). */
    async longCalls(answeredBefore: Date): Promise<{ callId: string; agentId: string | null; leadId: string; answeredAt: Date }[]> {
      const rows = await db
        .select({ callId: calls.id, agentId: calls.agentId, leadId: calls.leadId, answeredAt: calls.answeredAt })
        .from(calls)
        .where(and(eq(calls.status, 'in_progress'), lt(calls.answeredAt, answeredBefore)))
        .orderBy(asc(calls.answeredAt))
        .limit(MAX_SIGNAL_ROWS);
      return rows.flatMap((r) => (r.answeredAt ? [{ ...r, answeredAt: r.answeredAt }] : []));
    },

    /** One agent's calls since `since`: calls, connects (answered), talk time, and counts per disposition. */
    async countersSince(agentId: string, since: Date) {
      const where = and(eq(calls.agentId, agentId), gte(calls.createdAt, since));
      const [totals, byDisposition] = await Promise.all([
        db
          .select({
            calls: sql<number>`count(*)::int`,
            connects: sql<number>`count(${calls.answeredAt})::int`,
            talk: sql<number>`coalesce(sum(${calls.durationSeconds}), 0)::int`,
          })
          .from(calls)
          .where(where),
        db
          .select({ code: calls.disposition, n: sql<number>`count(*)::int` })
          .from(calls)
          .where(and(where, sql`${calls.disposition} is not null`))
          .groupBy(calls.disposition),
      ]);
      return { totals: totals[0] ?? { calls: 0, connects: 0, talk: 0 }, byDisposition };
    },

    /** The newest `perLead` calls of each lead, newest first. */
    async recentCallsOfLeads(leadIds: string[], perLead: number): Promise<Map<string, Call[]>> {
      const out = new Map<string, Call[]>(leadIds.map((id) => [id, []]));
      if (leadIds.length === 0) return out;
      const ranked = db
        .select({
          ...getTableColumns(calls),
          rank: sql<number>`row_number() over (partition by ${calls.leadId} order by ${calls.createdAt} desc, ${calls.id} desc)`.as('rank'),
        })
        .from(calls)
        .where(idIn(calls.leadId, leadIds))
        .as('ranked');
      const rows = await db.select().from(ranked).where(lte(ranked.rank, perLead)).orderBy(ranked.leadId, ranked.rank);
      for (const r of rows) out.get(r.leadId)?.push(toCallDto(r));
      return out;
    },

    /** When each lead was last dialled (leads never called are absent). */
    async lastCallAt(leadIds: string[]): Promise<Map<string, Date>> {
      if (leadIds.length === 0) return new Map();
      const rows = await db
        .select({ leadId: calls.leadId, at: sql<Date>`max(coalesce(${calls.startedAt}, ${calls.createdAt}))`.mapWith(calls.createdAt) })
        .from(calls)
        .where(idIn(calls.leadId, leadIds))
        .groupBy(calls.leadId);
      return new Map(rows.map((r) => [r.leadId, r.at]));
    },

    /** Each call's transcript as one text (a line per segment, speaker first) and its segment count. */
    async transcripts(callIds: string[]): Promise<Map<string, { segments: number; text: string }>> {
      if (callIds.length === 0) return new Map();
      const s = transcriptSegments;
      const rows = await db
        .select({
          callId: s.callId,
          segments: sql<number>`count(*)::int`,
          text: sql<string>`string_agg((case when ${s.speaker} = 'agent' then 'Agent' else 'Lead' end) || ': ' || ${s.text}, chr(10) order by ${s.seq})`,
        })
        .from(s)
        .where(idIn(s.callId, callIds))
        .groupBy(s.callId);
      return new Map(rows.map((r) => [r.callId, { segments: r.segments, text: r.text }]));
    },
  };
}

export type CallFigures = ReturnType<typeof createCallFigures>;
