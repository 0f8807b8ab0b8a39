/**
 * Keeps the rollups true as calls and leads change. For a batch of calls (or leads), in one
 * transaction: lock their fact rows (creating empty ones for new ids, so two nodes applying the
 * same call wait for each other), read the calls as they are now, and move every rollup by the
 * difference between the new facts and the old. Applying the same call twice, in any order, with
 * any number of nodes, leaves the same sums: a fact is what the call is, not what happened to it.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import type { CallFacts } from '../calls/index.js';
import type { LeadFacts } from '../leads/index.js';
import { CALL_MEASURES, type CallFact, callFact, LEAD_MEASURES, type LeadFact, leadFact } from './reports.facts.js';

type ColType = 'date' | 'timestamptz' | 'smallint' | 'uuid' | 'text' | 'int';
type Rollup = { table: string; dims: string[] };

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const CALL_DIMS: Record<string, ColType> = {
  leadId: 'uuid',
  day: 'date',
  hour: 'timestamptz',
  localDow: 'smallint',
  localHour: 'smallint',
  agentId: 'uuid',
  teamId: 'uuid',
  campaignId: 'uuid',
  source: 'text',
  direction: 'text',
};
const LEAD_DIMS: Record<string, ColType> = { day: 'date', source: 'text', teamId: 'uuid', ownerId: 'uuid', campaignId: 'uuid' };

export const CALL_ROLLUPS: Rollup[] = [
  { table: 'report_call_hours', dims: ['hour', 'localDow', 'localHour', 'agentId', 'teamId', 'campaignId', 'source', 'direction'] },
  { table: 'report_call_days', dims: ['day', 'agentId', 'teamId', 'campaignId', 'source', 'direction'] },
  { table: 'report_call_agent_days', dims: ['day', 'agentId', 'teamId'] },
  { table: 'report_call_week_hours', dims: ['day', 'localDow', 'localHour', 'teamId', 'campaignId', 'source', 'direction'] },
];
export const LEAD_ROLLUPS: Rollup[] = [{ table: 'report_lead_days', dims: ['day', 'source', 'teamId', 'ownerId', 'campaignId'] }];

type Fact = Record<string, unknown>;

/** A record definition for jsonb_to_recordset: `(col type, …)`. */
const recordDef = (cols: [string, ColType][]) => sql.raw(`(${cols.map(([k, t]) => `${snake(k)} ${t}`).join(', ')})`);
const columnList = (keys: string[]) => sql.raw(keys.map(snake).join(', '));
const jsonRows = (keys: string[], rows: Fact[]) =>
  JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k) => [snake(k), r[k] instanceof Date ? (r[k] as Date).toISOString() : (r[k] ?? null)]))));

/** Adds each row's measures to its rollup row (creating it), rows in key order so that writers never deadlock. */
async function addTo(tx: Db, rollup: Rollup, dimTypes: Record<string, ColType>, measures: readonly string[], rows: Fact[]) {
  if (rows.length === 0) return;
  const cols: [string, ColType][] = [
    ...rollup.dims.map((d) => [d, dimTypes[d] as ColType] as [string, ColType]),
    ...measures.map((m) => [m, 'int'] as [string, ColType]),
  ];
  const keys = cols.map(([k]) => k);
  const sets = measures.map((m) => `${snake(m)} = ${rollup.table}.${snake(m)} + excluded.${snake(m)}`).join(', ');
  await tx.execute(sql`
    insert into ${sql.identifier(rollup.table)} (${columnList(keys)})
    select ${columnList(keys)} from jsonb_to_recordset(${jsonRows(keys, rows)}::jsonb) as r${recordDef(cols)}
    on conflict (${columnList(rollup.dims)}) do update set ${sql.raw(sets)}`);
}

/** Sums signed facts by each rollup's keys. */
function deltas(rollup: Rollup, measures: readonly string[], signed: { fact: Fact; sign: 1 | -1 }[]): Fact[] {
  const byKey = new Map<string, Fact>();
  for (const { fact, sign } of signed) {
    const key = JSON.stringify(rollup.dims.map((d) => (fact[d] instanceof Date ? (fact[d] as Date).toISOString() : (fact[d] ?? null))));
    const row: Fact = byKey.get(key) ?? Object.fromEntries([...rollup.dims.map((d) => [d, fact[d] ?? null]), ...measures.map((m) => [m, 0])]);
    byKey.set(key, row);
    for (const m of measures) row[m] = (row[m] as number) + sign * Number(fact[m] ?? 0);
  }
  return [...byKey.entries()]
    .filter(([, row]) => measures.some((m) => row[m] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}

type Target = { facts: string; id: string; dims: Record<string, ColType>; measures: readonly string[]; rollups: Rollup[] };
const CALLS: Target = { facts: 'report_call_facts', id: 'callId', dims: CALL_DIMS, measures: CALL_MEASURES, rollups: CALL_ROLLUPS };
const LEADS: Target = { facts: 'report_lead_facts', id: 'leadId', dims: LEAD_DIMS, measures: LEAD_MEASURES, rollups: LEAD_ROLLUPS };

/** Locks (creating) the fact rows of `ids` and returns the counted ones as they were. */
async function lockFacts(tx: Db, t: Target, ids: string[]): Promise<Fact[]> {
  const sorted = [...new Set(ids)].sort();
  const idCol = sql.raw(snake(t.id));
  await tx.execute(sql`
    insert into ${sql.identifier(t.facts)} (${idCol})
    select x::uuid from jsonb_array_elements_text(${JSON.stringify(sorted)}::jsonb) as x
    on conflict do nothing`);
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select * from ${sql.identifier(t.facts)}
      where ${idCol} in (select (jsonb_array_elements_text(${JSON.stringify(sorted)}::jsonb))::uuid)
      order by ${idCol} for update`),
  );
  // Back to camelCase keys; a row with no day was only just created to lock on.
  return rows
    .filter((r) => r.day !== null && r.day !== undefined)
    .map((r) => {
      const fact: Fact = {};
      for (const k of [t.id, ...Object.keys(t.dims), ...t.measures]) {
        const v = r[snake(k)];
        fact[k] = k === 'day' && v instanceof Date ? v.toISOString().slice(0, 10) : k === 'hour' && v !== null ? new Date(v as string) : v;
      }
      return fact;
    });
}

/** Replaces the fact rows of `ids` with `fresh` (those without one are deleted), then moves the rollups. */
async function replaceFacts(tx: Db, t: Target, ids: string[], old: Fact[], fresh: Fact[]) {
  const idCol = sql.raw(snake(t.id));
  const cols: [string, ColType][] = [[t.id, 'uuid'], ...Object.entries(t.dims), ...t.measures.map((m) => [m, 'int'] as [string, ColType])];
  const keys = cols.map(([k]) => k);
  const freshIds = new Set(fresh.map((f) => f[t.id] as string));
  const gone = ids.filter((id) => !freshIds.has(id));
  if (fresh.length > 0) {
    const sets = keys
      .filter((k) => k !== t.id)
      .map((k) => `${snake(k)} = excluded.${snake(k)}`)
      .join(', ');
    await tx.execute(sql`
      insert into ${sql.identifier(t.facts)} (${columnList(keys)})
      select ${columnList(keys)} from jsonb_to_recordset(${jsonRows(keys, fresh)}::jsonb) as r${recordDef(cols)}
      on conflict (${idCol}) do update set ${sql.raw(sets)}`);
  }
  if (gone.length > 0) {
    await tx.execute(sql`delete from ${sql.identifier(t.facts)} where ${idCol} in (select (jsonb_array_elements_text(${JSON.stringify(gone)}::jsonb))::uuid)`);
  }
  const signed = [...old.map((fact) => ({ fact, sign: -1 as const })), ...fresh.map((fact) => ({ fact, sign: 1 as const }))];
  for (const rollup of t.rollups) await addTo(tx, rollup, t.dims, t.measures, deltas(rollup, t.measures, signed));
}

export type RollupDeps = {
  db: Db;
  timeZone: string;
  calls: CallFacts;
  leads: Pick<LeadFacts, 'rows' | 'sourcesOf'>;
  /** Every user's team (read before each batch's transaction: an embedded database takes one at a time). */
  userTeams: () => Promise<Map<string, string | null>>;
  /** Each campaign's first team (for calls no agent had). */
  campaignTeams: () => Promise<Map<string, string | null>>;
};

export function createRollups(deps: RollupDeps) {
  const { db, timeZone } = deps;

  /** Brings these leads' funnel facts up to date. */
  async function applyLeads(ids: string[]): Promise<{ counted: number }> {
    if (ids.length === 0) return { counted: 0 };
    const teams = await deps.userTeams();
    return db.transaction(async (tx) => {
      const old = await lockFacts(tx, LEADS, ids);
      const rows = await deps.leads.rows(ids, tx);
      const campaigns = await deps.calls.firstCampaigns(
        rows.map((r) => r.id),
        tx,
      );
      const fresh: LeadFact[] = [];
      for (const r of rows) {
        const f = leadFact(r, { timeZone, teamId: r.ownerId ? (teams.get(r.ownerId) ?? null) : null, campaignId: campaigns.get(r.id) ?? null });
        if (f) fresh.push(f);
      }
      await replaceFacts(tx, LEADS, ids, old, fresh);
      return { counted: fresh.length };
    });
  }

  return {
    applyLeads,
    /** Brings these calls' facts (and their leads', whose first campaign may be one of them) up to date. */
    async applyCalls(ids: string[], opts: { withLeads?: boolean } = {}): Promise<{ counted: number }> {
      if (ids.length === 0) return { counted: 0 };
      const [campaignTeams, teams] = await Promise.all([deps.campaignTeams(), deps.userTeams()]);
      const counted = await db.transaction(async (tx) => {
        const old = await lockFacts(tx, CALLS, ids);
        const rows = await deps.calls.rows(ids, tx);
        const leads = await deps.leads.sourcesOf(
          rows.map((r) => r.leadId),
          tx,
        );
        const fresh: CallFact[] = [];
        for (const r of rows) {
          const teamId = r.agentId ? (teams.get(r.agentId) ?? null) : r.campaignId ? (campaignTeams.get(r.campaignId) ?? null) : null;
          const f = callFact(r, { timeZone, lead: leads.get(r.leadId), teamId });
          if (f) fresh.push(f);
        }
        await replaceFacts(tx, CALLS, ids, old, fresh);
        return { counted: fresh.length, leadIds: [...new Set(rows.map((r) => r.leadId))] };
      });
      if (opts.withLeads !== false) await applyLeads(counted.leadIds);
      return { counted: counted.counted };
    },
  };
}

export type Rollups = ReturnType<typeof createRollups>;

/** For tests and the rebuild: every rollup row (or those matching `where`) summed again from the facts. */
export function sumsFromFacts(rollup: Rollup, measures: readonly string[], where?: SQL): SQL {
  const facts = rollup.table.startsWith('report_lead') ? 'report_lead_facts' : 'report_call_facts';
  const dims = columnList(rollup.dims);
  const sums = sql.raw(measures.map((m) => `sum(${snake(m)})::int as ${snake(m)}`).join(', '));
  return sql`select ${dims}, ${sums} from ${sql.identifier(facts)} where day is not null ${where ? sql`and ${where}` : sql``} group by ${dims}`;
}
