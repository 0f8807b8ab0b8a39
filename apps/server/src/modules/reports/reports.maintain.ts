/**
 * What keeps the rollups current: calls are applied as their events arrive (ended, disposed,
 * recorded); leads by a sweep of the leads changed since the last one (every way a lead changes
 * moves its updated_at: edits, dispositions, imports, syncs, merges, erasure); and a walk of every
 * call and lead fills the rollups of a database that had calls before them, a page at a time.
 */
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/context.js';
import { type Db, rowsOf } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import type { CallFacts } from '../calls/index.js';
import type { LeadFacts } from '../leads/index.js';
import type { Rollups } from './reports.rollups.js';
import { reportState } from './reports.tables.js';

/** Leads whose change committed a little late still get swept: each sweep looks this far back. */
const OVERLAP_MS = 2 * 60_000;
const PAGE = 1000;
/** Pages per run of the sweep and of the walk, so one run never holds the schedule for long. */
const PAGES_PER_RUN = 20;

type SweepMark = { at: string };
type WalkMark = { afterId: string | null; done: boolean };

export function createReportMaintenance(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  rollups: Rollups;
  leadFacts: Pick<LeadFacts, 'changedSince' | 'idsAfter'>;
  callFacts: Pick<CallFacts, 'idsAfter'>;
}) {
  const { db, rollups } = deps;

  async function read<T>(name: string): Promise<T | undefined> {
    const [row] = await db.select({ value: reportState.value }).from(reportState).where(eq(reportState.name, name));
    return row?.value as T | undefined;
  }
  async function write(name: string, value: SweepMark | WalkMark) {
    await db
      .insert(reportState)
      .values({ name, value, updatedAt: deps.clock.now() })
      .onConflictDoUpdate({ target: reportState.name, set: { value, updatedAt: sql`excluded.updated_at` } });
  }

  /** Walks one kind's ids from where the last run stopped; true once every id has been applied. */
  async function walk(
    name: string,
    next: (after: string | null) => Promise<string[]>,
    apply: (ids: string[]) => Promise<unknown>,
    pages: number,
  ): Promise<boolean> {
    const mark = (await read<WalkMark>(name)) ?? { afterId: null, done: false };
    if (mark.done) return true;
    let afterId = mark.afterId;
    for (let i = 0; i < pages; i++) {
      const ids = await next(afterId);
      if (ids.length === 0) {
        await write(name, { afterId, done: true });
        deps.logger.info({ walk: name }, 'report rollups filled');
        return true;
      }
      await apply(ids);
      afterId = ids[ids.length - 1] ?? afterId;
      await write(name, { afterId, done: false });
    }
    return false;
  }

  return {
    applyCalls: (ids: string[]) => rollups.applyCalls(ids),
    applyLeads: (ids: string[]) => rollups.applyLeads(ids),

    /** Applies the leads changed since the last sweep; returns how many. */
    async sweepLeads(): Promise<number> {
      const mark = await read<SweepMark>('leads.sweep');
      // A database that had leads before the rollups: the walk below fills them first.
      if (!mark) {
        await write('leads.sweep', { at: deps.clock.now().toISOString() });
        return 0;
      }
      const since = new Date(Date.parse(mark.at) - OVERLAP_MS);
      let after: { updatedAt: Date; id: string } | undefined;
      let newest = Date.parse(mark.at);
      let n = 0;
      for (let i = 0; i < PAGES_PER_RUN; i++) {
        const rows = await deps.leadFacts.changedSince(since, after, PAGE);
        if (rows.length === 0) break;
        await rollups.applyLeads(rows.map((r) => r.id));
        n += rows.length;
        const last = rows[rows.length - 1] as { updatedAt: Date; id: string };
        after = last;
        newest = Math.max(newest, last.updatedAt.getTime());
        if (rows.length < PAGE) break;
      }
      await write('leads.sweep', { at: new Date(newest).toISOString() });
      return n;
    },

    /** Fills the rollups from calls and leads that were there before them, a few pages a run. */
    async fill(pages = PAGES_PER_RUN): Promise<boolean> {
      const calls = await walk(
        'calls.walk',
        (after) => deps.callFacts.idsAfter(after, PAGE),
        (ids) => rollups.applyCalls(ids, { withLeads: false }),
        pages,
      );
      if (!calls) return false;
      // The sweep starts from before the walk of leads, so a lead changed behind the walk is swept.
      if (!(await read<SweepMark>('leads.sweep'))) await write('leads.sweep', { at: deps.clock.now().toISOString() });
      return walk(
        'leads.walk',
        (after) => deps.leadFacts.idsAfter(after, PAGE),
        (ids) => rollups.applyLeads(ids),
        pages,
      );
    },

    /** How many calls and leads the rollups count. */
    async counts(): Promise<{ calls: number; leads: number }> {
      const [row] = rowsOf<{ calls: number; leads: number }>(
        await db.execute(sql`select (select count(*)::int from report_call_facts where day is not null) as calls,
          (select count(*)::int from report_lead_facts where day is not null) as leads`),
      );
      return { calls: Number(row?.calls ?? 0), leads: Number(row?.leads ?? 0) };
    },

    /** Starts the walk again from the first call and lead (after data was loaded outside TeleHub). */
    async refill(): Promise<void> {
      await write('calls.walk', { afterId: null, done: false });
      await write('leads.walk', { afterId: null, done: false });
    },
  };
}

export type ReportMaintenance = ReturnType<typeof createReportMaintenance>;
