/**
 * What the compliance and sources reports read besides the rollups: the consent ledger, lead
 * merges, and the intake of files and connectors (imports, their rejected rows, sync runs). These
 * are other modules' tables, read here only, by name; they are small next to the calls (one row per
 * consent entry, merge, file or sync run), so they are summed as asked rather than rolled up.
 *
 * Consents and merges follow the reader's scope through their lead: its owner's team, its owner,
 * its source, its campaigns. The intake (rows received, matched, rejected) is the organisation's:
 * a file or a CRM page is not any one team's.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import type { Scope } from './reports.read.js';

const uuidList = (ids: string[]) => sql`(select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`;
const dayText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The leads (alias `l`) a scope covers. */
function leadInScope(s: Scope): SQL {
  const parts: SQL[] = [sql`true`];
  const team = sql`(select u.team_id from users u where u.id = l.owner_id)`;
  if (s.teamId) parts.push(sql`${team} = ${s.teamId}::uuid`);
  if (s.teamIds) parts.push(s.teamIds.length > 0 ? sql`${team} in ${uuidList(s.teamIds)}` : sql`false`);
  if (s.agentId) parts.push(sql`l.owner_id = ${s.agentId}::uuid`);
  if (s.source) parts.push(sql`l.origin_source = ${s.source}`);
  if (s.campaignId) parts.push(sql`exists (select 1 from campaign_members m where m.lead_id = l.id and m.campaign_id = ${s.campaignId}::uuid)`);
  return sql.join(parts, sql` and `);
}

export type Period = { start: Date; end: Date; timeZone: string };

const within = (column: string, p: Period) =>
  sql`${sql.raw(column)} >= ${p.start.toISOString()}::timestamptz and ${sql.raw(column)} < ${p.end.toISOString()}::timestamptz`;
const localDay = (column: string, p: Period) => sql`(${sql.raw(column)} at time zone ${p.timeZone})::date`;

export function createIntakeReader(deps: { db: Db }) {
  const { db } = deps;
  const rows = async <T>(q: SQL) => rowsOf<T>(await db.execute(q));

  return {
    /** Consent entries (given and withdrawn) by purpose and by day, leads in scope. */
    async consents(s: Scope, p: Period) {
      const where = sql`${within('c.created_at', p)} and ${leadInScope(s)}`;
      const [byPurpose, byDay] = await Promise.all([
        rows<{ purpose: string; grants: number; withdrawals: number }>(sql`
          select c.purpose, count(*) filter (where c.granted)::int as grants, count(*) filter (where not c.granted)::int as withdrawals
          from consents c join leads l on l.id = c.lead_id where ${where} group by c.purpose order by c.purpose`),
        rows<{ day: unknown; grants: number; withdrawals: number }>(sql`
          select ${localDay('c.created_at', p)} as day, count(*) filter (where c.granted)::int as grants,
            count(*) filter (where not c.granted)::int as withdrawals
          from consents c join leads l on l.id = c.lead_id where ${where} group by 1`),
      ]);
      return { byPurpose, byDay: byDay.map((d) => ({ ...d, day: dayText(d.day) })) };
    },

    /** A page of the leads with a consent entry (given or withdrawn) in the period, newest entry first. */
    async consentLeads(s: Scope, p: Period, q: { granted: boolean; purpose?: string | undefined; page: number; pageSize: number }) {
      const where = sql`${within('c.created_at', p)} and c.granted = ${q.granted} and ${leadInScope(s)}${q.purpose ? sql` and c.purpose = ${q.purpose}` : sql``}`;
      const [count, page] = await Promise.all([
        rows<{ n: number }>(sql`select count(distinct c.lead_id)::int as n from consents c join leads l on l.id = c.lead_id where ${where}`),
        rows<{ id: string }>(sql`
          select c.lead_id as id from consents c join leads l on l.id = c.lead_id where ${where}
          group by c.lead_id order by max(c.created_at) desc, c.lead_id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
      ]);
      return { ids: page.map((r) => r.id), total: Number(count[0]?.n ?? 0) };
    },

    /** Duplicates merged in the period (survivor in scope), those since undone, and merges by day. */
    async merges(s: Scope, p: Period) {
      const where = sql`${within('g.created_at', p)} and ${leadInScope(s)}`;
      const [totals, byDay] = await Promise.all([
        rows<{ total: number; undone: number }>(sql`
          select count(*)::int as total, count(*) filter (where g.undone_at is not null)::int as undone
          from lead_merges g join leads l on l.id = g.survivor_id where ${where}`),
        rows<{ day: unknown; merges: number }>(sql`
          select ${localDay('g.created_at', p)} as day, count(*)::int as merges
          from lead_merges g join leads l on l.id = g.survivor_id where ${where} group by 1`),
      ]);
      return { total: Number(totals[0]?.total ?? 0), undone: Number(totals[0]?.undone ?? 0), byDay: byDay.map((d) => ({ ...d, day: dayText(d.day) })) };
    },

    /** Rows received, matched to a lead already held, and rejected, by source: lead files and sync runs. */
    async intake(p: Period): Promise<{ source: string; received: number; matched: number; rejected: number }[]> {
      return rows(sql`
        select source, sum(received)::int as received, sum(matched)::int as matched, sum(rejected)::int as rejected from (
          select i.source, i.total as received, i.merged as matched, i.rejected from imports i
            where i.kind = 'leads' and ${within('i.created_at', p)}
          union all
          select r.source, r.fetched, r.updated, r.failed from sync_runs r where ${within('r.started_at', p)}
        ) x group by source`);
    },

    /**
     * Why rows were rejected, most frequent first: the reasons with the row's own values (quoted
     * text, numbers) blanked, so the same problem counts as one reason.
     */
    async rejectReasons(p: Period, take: number): Promise<{ reason: string; rows: number }[]> {
      const general = (col: string) => sql`regexp_replace(regexp_replace(${sql.raw(col)}, '"[^"]*"', '"…"', 'g'), '[0-9]+', '#', 'g')`;
      return rows(sql`
        select reason, count(*)::int as rows from (
          select ${general('j.reason')} as reason from import_rejects j join imports i on i.id = j.import_id
            where i.kind = 'leads' and ${within('i.created_at', p)}
          union all
          select ${general("e->>'reason'")} from sync_runs r, jsonb_array_elements(r.errors) e where ${within('r.started_at', p)}
        ) x group by reason order by rows desc, reason limit ${take}`);
    },

    /** The lead files imported in the period, newest first. */
    async imports(p: Period, take: number) {
      const list = await rows<{
        id: string;
        filename: string;
        source: string;
        status: string;
        created_at: unknown;
        total: number;
        created: number;
        merged: number;
        rejected: number;
      }>(sql`
        select id, filename, source, status, created_at, total, created, merged, rejected from imports
        where kind = 'leads' and ${within('created_at', p)} order by created_at desc, id limit ${take}`);
      return list.map(({ created_at, ...r }) => ({ ...r, createdAt: new Date(String(created_at instanceof Date ? created_at.toISOString() : created_at)) }));
    },
  };
}

export type IntakeReader = ReturnType<typeof createIntakeReader>;
