/**
 * Aggregates over calls and presence: each agent's performance over a period, the floor's live
 * calls and agent rows for the team view, and per-lead and per-call batches that let the GraphQL
 * loaders answer a whole page of leads or calls in one statement each.
 */
import type { Call, Presence } from '@telehub/shared';
import { and, desc, getTableColumns, inArray, lte, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/context.js';
import { type Db, idIn, rowsOf } from '../../platform/db/client.js';
import { startOfLocalDay } from './calls.gates.js';
import type { PresenceService } from './calls.presence.js';
import { LIVE_STATUSES, toCallDto } from './calls.repo.js';
import { calls, transcriptSegments } from './calls.tables.js';

/** The disposition code that counts as a conversion. */
export const CONVERTED_DISPOSITION = 'converted';

/** A half-open interval [from, to). */
export type Period = { from: Date; to: Date };

/** Raw counts for one agent over a period; rates are left to whoever presents them. */
export type AgentTotals = {
  calls: number;
  /** Calls the lead answered. */
  connects: number;
  talkSeconds: number;
  conversions: number;
  /** Answered calls whose disposition is saved: the ones with a known handle time. */
  handledCalls: number;
  /** Talk plus wrap-up (end of call to disposition) over the handled calls. */
  handleSeconds: number;
  /** Time in any presence state but offline. */
  loggedInSeconds: number;
};

export const EMPTY_TOTALS: AgentTotals = { calls: 0, connects: 0, talkSeconds: 0, conversions: 0, handledCalls: 0, handleSeconds: 0, loggedInSeconds: 0 };

export type TeamRow = { presence: Presence; currentCall: Call | null; today: AgentTotals };

/** Live calls returned for a floor view: far more than a floor has at once, yet bounded. */
const MAX_LIVE_CALLS = 500;

export function createCallStats(deps: { db: Db; clock: Clock; timeZone: string; presence: Pick<PresenceService, 'list' | 'secondsByStateInPeriods'> }) {
  const { db, clock } = deps;

  const today = (): Period => {
    const now = clock.now();
    return { from: startOfLocalDay(now, deps.timeZone), to: now };
  };

  /**
   * Each agent's totals in each period, in two statements however many agents and periods
   * (the trend charts ask for a day per period). `out[i]` belongs to `periods[i]`.
   */
  async function performanceByPeriod(agentIds: string[], periods: Period[]): Promise<Map<string, AgentTotals>[]> {
    const out = periods.map(() => new Map(agentIds.map((id) => [id, { ...EMPTY_TOTALS }])));
    if (agentIds.length === 0 || periods.length === 0) return out;
    const buckets = JSON.stringify(periods.map((p, i) => ({ i, f: p.from.toISOString(), t: p.to.toISOString() })));
    const handled = sql`${calls.answeredAt} is not null and ${calls.dispositionAt} is not null`;
    // Presence rows still open count up to now; a `to` in the future would count time not yet spent.
    const now = clock.now();
    const presencePeriods = periods.map((p) => ({ from: p.from, to: new Date(Math.min(p.to.getTime(), now.getTime())) }));
    const [rows, states] = await Promise.all([
      db.execute(sql`
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
        group by b.i, ${calls.agentId}`),
      deps.presence.secondsByStateInPeriods(agentIds, presencePeriods),
    ]);
    type Row = { bucket: number; agentId: string } & Omit<AgentTotals, 'loggedInSeconds'>;
    for (const r of rowsOf<Row>(rows)) {
      const t = out[r.bucket]?.get(r.agentId);
      if (!t) continue;
      t.calls = Number(r.calls);
      t.connects = Number(r.connects);
      t.talkSeconds = Number(r.talkSeconds);
      t.conversions = Number(r.conversions);
      t.handledCalls = Number(r.handledCalls);
      t.handleSeconds = Math.round(Number(r.handleSeconds));
    }
    for (const st of states) {
      const t = out[st.bucket]?.get(st.userId);
      if (t && st.state !== 'offline') t.loggedInSeconds += Number(st.seconds);
    }
    return out;
  }

  async function performance(agentIds: string[], period: Period): Promise<Map<string, AgentTotals>> {
    const [only] = await performanceByPeriod(agentIds, [period]);
    return only ?? new Map();
  }

  async function liveCalls(agentIds: string[]): Promise<Call[]> {
    if (agentIds.length === 0) return [];
    const rows = await db
      .select()
      .from(calls)
      .where(and(inArray(calls.status, LIVE_STATUSES), idIn(calls.agentId, agentIds)))
      .orderBy(desc(calls.createdAt))
      .limit(MAX_LIVE_CALLS);
    return rows.map(toCallDto);
  }

  async function callsByIds(ids: string[]): Promise<Call[]> {
    if (ids.length === 0) return [];
    const rows = await db.select().from(calls).where(idIn(calls.id, ids));
    return rows.map(toCallDto);
  }

  return {
    timeZone: deps.timeZone,
    /** Today so far, in the organisation's time zone. */
    today,
    performance,
    performanceByPeriod,
    liveCalls,
    callsByIds,

    /**
     * One row per agent: presence, the call that holds them (ringing, on it, or in wrap-up) and
     * today's totals; plus the live calls of these agents. A constant number of statements.
     */
    async teamRows(agentIds: string[]): Promise<{ rows: TeamRow[]; liveCalls: Call[]; today: Period }> {
      const period = today();
      const [presences, totals, live] = await Promise.all([deps.presence.list(agentIds), performance(agentIds, period), liveCalls(agentIds)]);
      const byId = new Map(live.map((c) => [c.id, c]));
      const missing = presences.flatMap((p) => (p.callId && !byId.has(p.callId) ? [p.callId] : []));
      for (const c of await callsByIds(missing)) byId.set(c.id, c);
      const rows = presences.map((p) => ({
        presence: p,
        currentCall: p.callId ? (byId.get(p.callId) ?? null) : null,
        today: totals.get(p.userId) ?? { ...EMPTY_TOTALS },
      }));
      return { rows, liveCalls: live, today: period };
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

export type CallStats = ReturnType<typeof createCallStats>;
