/**
 * Reads the rollups: sums of the call and lead measures over a period, grouped as each report
 * needs, under the filters and the reader's team scope. Every query reads a rollup table (refusals
 * too), never the calls or leads themselves, except the drill-downs, which page through the facts.
 */
import type { ReportCallOutcome } from '@telehub/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import { fromWallClock } from '../../platform/time.js';
import { CALL_MEASURES, type CallMeasure, LEAD_MEASURES, type LeadMeasure } from './reports.facts.js';

/** What a reader may see and asked for. `teamIds` undefined: every team (admins). */
export type Scope = {
  from: string;
  to: string;
  teamId?: string | undefined;
  campaignId?: string | undefined;
  source?: string | undefined;
  agentId?: string | undefined;
  teamIds?: string[] | undefined;
};

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const uuidList = (ids: string[]) => sql`(select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`;

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) out.push(d);
  return out;
}

/** The instants a period of days covers in a zone: [start of `from`, start of the day after `to`). */
export function instantsOf(from: string, to: string, zone: string): { start: Date; end: Date } {
  const wall = (day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return fromWallClock([y, m, d, 0, 0, 0], zone);
  };
  return { start: wall(from), end: wall(nextDay(to)) };
}

type Table =
  | 'report_call_days'
  | 'report_call_agent_days'
  | 'report_call_hours'
  | 'report_call_week_hours'
  | 'report_lead_days'
  | 'report_call_facts'
  | 'report_lead_facts'
  | 'report_refusal_days';

/** The WHERE clause of a scope on a table (hours are read by instant, the rest by day). */
export function whereOf(table: Table, s: Scope, zone: string): SQL {
  const parts: SQL[] = [];
  if (table === 'report_call_hours') {
    const { start, end } = instantsOf(s.from, s.to, zone);
    parts.push(sql`hour >= ${start.toISOString()}::timestamptz and hour < ${end.toISOString()}::timestamptz`);
  } else {
    parts.push(sql`day >= ${s.from}::date and day <= ${s.to}::date`);
  }
  if (table === 'report_call_facts') {
    // The same period by instant too, so paging in (hour, call_id) order walks the hour index from
    // the period's first call. `hour` is the start truncated to the UTC hour: in a zone off by half
    // an hour the period's first calls sit in the hour before its start.
    const { start, end } = instantsOf(s.from, s.to, zone);
    parts.push(sql`hour > ${new Date(start.getTime() - 3_600_000).toISOString()}::timestamptz and hour < ${end.toISOString()}::timestamptz`);
  }
  if (s.teamId) parts.push(sql`team_id = ${s.teamId}::uuid`);
  if (s.teamIds) parts.push(s.teamIds.length > 0 ? sql`team_id in ${uuidList(s.teamIds)}` : sql`false`);
  if (s.campaignId) parts.push(sql`campaign_id = ${s.campaignId}::uuid`);
  if (s.source) parts.push(sql`source = ${s.source}`);
  if (s.agentId) parts.push(table.startsWith('report_lead') ? sql`owner_id = ${s.agentId}::uuid` : sql`agent_id = ${s.agentId}::uuid`);
  return sql.join(parts, sql` and `);
}

export type CallSums = Record<CallMeasure, number>;
export type LeadSums = Record<LeadMeasure, number>;

const sums = (measures: readonly string[]) => sql.raw(measures.map((m) => `coalesce(sum(${snake(m)}), 0)::float8 as "${m}"`).join(', '));

function toNumbers<T extends string>(row: Record<string, unknown>, measures: readonly T[]): Record<T, number> {
  return Object.fromEntries(measures.map((m) => [m, Number(row[m] ?? 0)])) as Record<T, number>;
}

export function createReportReader(deps: { db: Db; timeZone: string }) {
  const { db, timeZone } = deps;

  /** Call measures summed by `group` (columns, as `name: sql`) over a table. */
  async function callSums<G extends string>(table: Table, s: Scope, group: Record<G, string>, extra?: SQL): Promise<(Record<G, unknown> & CallSums)[]> {
    const keys = Object.entries(group) as [G, string][];
    const select = keys.length > 0 ? sql.raw(`${keys.map(([k, col]) => `${col} as "${k}"`).join(', ')}, `) : sql``;
    const groupBy = keys.length > 0 ? sql.raw(` group by ${keys.map(([, col]) => col).join(', ')}`) : sql``;
    const rows = rowsOf<Record<string, unknown>>(
      await db.execute(
        sql`select ${select}${sums(CALL_MEASURES)} from ${sql.identifier(table)} where ${whereOf(table, s, timeZone)}${extra ? sql` and ${extra}` : sql``}${groupBy}`,
      ),
    );
    return rows.map((r) => ({ ...(Object.fromEntries(keys.map(([k]) => [k, r[k]])) as Record<G, unknown>), ...toNumbers(r, CALL_MEASURES) }));
  }

  async function leadSums<G extends string>(s: Scope, group: Record<G, string>): Promise<(Record<G, unknown> & LeadSums)[]> {
    const keys = Object.entries(group) as [G, string][];
    const select = keys.length > 0 ? sql.raw(`${keys.map(([k, col]) => `${col} as "${k}"`).join(', ')}, `) : sql``;
    const groupBy = keys.length > 0 ? sql.raw(` group by ${keys.map(([, col]) => col).join(', ')}`) : sql``;
    const rows = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select ${select}${sums(LEAD_MEASURES)} from report_lead_days where ${whereOf('report_lead_days', s, timeZone)}${groupBy}`),
    );
    return rows.map((r) => ({ ...(Object.fromEntries(keys.map(([k]) => [k, r[k]])) as Record<G, unknown>), ...toNumbers(r, LEAD_MEASURES) }));
  }

  const dayText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  /** Days by telecaller alone serve every scope not narrowed to a campaign or source (a few times fewer rows). */
  const daysOf = (s: Scope): Table => (s.campaignId || s.source ? 'report_call_days' : 'report_call_agent_days');

  return {
    callTotals: async (s: Scope) => (await callSums(daysOf(s), s, {}))[0] ?? (toNumbers({}, CALL_MEASURES) as CallSums),
    byCampaign: (s: Scope) => callSums('report_call_days', s, { campaignId: 'campaign_id' }),
    async byDay(s: Scope) {
      return (await callSums(daysOf(s), s, { day: 'day' })).map((r) => ({ ...r, day: dayText(r.day) }));
    },
    async byAgentDay(s: Scope) {
      return (await callSums(daysOf(s), s, { agentId: 'agent_id', day: 'day' }, sql`agent_id is not null`)).map((r) => ({
        ...r,
        day: dayText(r.day),
      }));
    },
    /** Dials and connects by weekday and hour in the leads' zones (by telecaller from the hourly rollup). */
    byWeekHour(s: Scope) {
      const table: Table = s.agentId ? 'report_call_hours' : 'report_call_week_hours';
      return callSums(table, s, { weekday: 'local_dow', hour: 'local_hour' }, sql`local_dow is not null`);
    },
    byCampaignHour(s: Scope) {
      const table: Table = s.agentId ? 'report_call_hours' : 'report_call_week_hours';
      return callSums(table, s, { campaignId: 'campaign_id', hour: 'local_hour' }, sql`local_hour is not null`);
    },
    /** Abandons and connects by campaign and day (the compliance report's days over the cap). */
    async byCampaignDay(s: Scope) {
      return (await callSums('report_call_days', s, { campaignId: 'campaign_id', day: 'day' })).map((r) => ({ ...r, day: dayText(r.day) }));
    },
    /** Refused dials by the rule that refused them, and by day. */
    async refusals(s: Scope) {
      const where = whereOf('report_refusal_days', s, timeZone);
      const [byReason, byDay] = await Promise.all([
        db.execute(sql`select reason, sum(refusals)::int as refusals from report_refusal_days where ${where} group by reason`),
        db.execute(sql`select day, sum(refusals)::int as refusals from report_refusal_days where ${where} group by day`),
      ]);
      return {
        byReason: rowsOf<{ reason: string; refusals: number }>(byReason).map((r) => ({ reason: r.reason, refusals: Number(r.refusals) })),
        byDay: rowsOf<{ day: unknown; refusals: number }>(byDay).map((r) => ({ day: dayText(r.day), refusals: Number(r.refusals) })),
      };
    },
    leadTotals: async (s: Scope) => (await leadSums(s, {}))[0] ?? (toNumbers({}, LEAD_MEASURES) as LeadSums),
    leadsBySource: (s: Scope) => leadSums(s, { source: 'source' }),
    leadsByCampaign: (s: Scope) => leadSums(s, { campaignId: 'campaign_id' }),

    /** A page of the cohort's leads at a stage (or exit), newest cohort first. */
    async funnelLeads(s: Scope, stage: string, page: number, pageSize: number): Promise<{ ids: string[]; total: number }> {
      const column = stage === 'not_interested' ? 'not_interested' : stage;
      const where = sql`${whereOf('report_lead_facts', s, timeZone)} and ${sql.raw(column)} = 1`;
      const [count, rows] = await Promise.all([
        db.execute(sql`select count(*)::int as n from report_lead_facts where ${where}`),
        db.execute(
          sql`select lead_id as id from report_lead_facts where ${where} order by day desc, lead_id limit ${pageSize} offset ${(page - 1) * pageSize}`,
        ),
      ]);
      return { ids: rowsOf<{ id: string }>(rows).map((r) => r.id), total: Number(rowsOf<{ n: number }>(count)[0]?.n ?? 0) };
    },

    /** A page of the calls behind a number, newest first. */
    async calls(
      s: Scope,
      q: { outcome: ReportCallOutcome; weekday?: number | undefined; hour?: number | undefined; campaign?: string | undefined },
      page: number,
      pageSize: number,
    ): Promise<{ ids: string[]; total: number }> {
      const parts: SQL[] = [whereOf('report_call_facts', s, timeZone)];
      if (q.outcome === 'connected') parts.push(sql`connects = 1`);
      if (q.outcome === 'converted') parts.push(sql`conversions = 1`);
      if (q.outcome === 'abandoned') parts.push(sql`abandons = 1`);
      if (q.outcome === 'recorded') parts.push(sql`recorded = 1`);
      if (q.outcome === 'no_notice') parts.push(sql`recorded = 1 and noticed = 0`);
      if (q.weekday !== undefined) parts.push(sql`local_dow = ${q.weekday}`);
      if (q.hour !== undefined) parts.push(sql`local_hour = ${q.hour}`);
      if (q.campaign === 'none') parts.push(sql`campaign_id is null`);
      else if (q.campaign) parts.push(sql`campaign_id = ${q.campaign}::uuid`);
      const where = sql.join(parts, sql` and `);
      const [count, rows] = await Promise.all([
        db.execute(sql`select count(*)::int as n from report_call_facts where ${where}`),
        db.execute(
          sql`select call_id as id from report_call_facts where ${where} order by hour desc, call_id limit ${pageSize} offset ${(page - 1) * pageSize}`,
        ),
      ]);
      return { ids: rowsOf<{ id: string }>(rows).map((r) => r.id), total: Number(rowsOf<{ n: number }>(count)[0]?.n ?? 0) };
    },

    /** Every lead fact of the scope (the cohort), a page at a time after `afterId` (the funnel's detail sheet). */
    async leadFactsAfter(s: Scope, afterId: string | null, limit: number) {
      const cursor = afterId ? sql` and lead_id > ${afterId}::uuid` : sql``;
      return rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          select lead_id, day, source, owner_id, campaign_id, contacted, interested, converted, not_interested, lost, invalid
          from report_lead_facts where ${whereOf('report_lead_facts', s, timeZone)}${cursor}
          order by lead_id limit ${limit}`),
      );
    },

    /** How many leads the cohort of a scope has (an export's expected rows). */
    async leadFactCount(s: Scope): Promise<number> {
      const [row] = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from report_lead_facts where ${whereOf('report_lead_facts', s, timeZone)}`),
      );
      return Number(row?.n ?? 0);
    },

    /** Every call fact of the scope, a page at a time after `afterId` (the detail sheet of an export). */
    async callFactsAfter(s: Scope, after: { hour: string; id: string } | null, limit: number) {
      const cursor = after ? sql` and (hour, call_id) > (${after.hour}::timestamptz, ${after.id}::uuid)` : sql``;
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          select call_id, lead_id, hour, agent_id, campaign_id, source, direction, local_dow, local_hour,
            connects, abandons, machine, talk_seconds, wrap_seconds, conversions
          from report_call_facts where ${whereOf('report_call_facts', s, timeZone)}${cursor}
          order by hour, call_id limit ${limit}`),
      );
      return rows;
    },
  };
}

export type ReportReader = ReturnType<typeof createReportReader>;
