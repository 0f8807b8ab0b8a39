/**
 * The organisation's setup checklist: what an admin still has to do before the floor can work
 * (teams, telecallers, leads) and what is recommended (a campaign, a real telephony provider, the
 * DND registry, a lead source connected). Read straight from the tables that hold each fact, one
 * statement; an admin lands on it until the required steps are done.
 */
import type { SetupChecklist, SetupStep } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';

export type SetupDeps = { db: Db; telephonyProvider: string };

/** The steps in the order an admin takes them; `required` ones decide where an admin lands. */
const STEPS: { key: SetupStep['key']; required: boolean }[] = [
  { key: 'teams', required: true },
  { key: 'telecallers', required: true },
  { key: 'leads', required: true },
  { key: 'campaigns', required: false },
  { key: 'telephony', required: false },
  { key: 'dnd', required: false },
  { key: 'sources', required: false },
];

export function createSetupService(deps: SetupDeps) {
  return {
    async checklist(): Promise<SetupChecklist> {
      const [row] = rowsOf<Record<string, number>>(
        await deps.db.execute(sql`select
          (select count(*) from teams)::int as teams,
          (select count(*) from users where role = 'telecaller' and active)::int as telecallers,
          (select count(*) from leads where deleted_at is null and merged_into_id is null and erased_at is null)::int as leads,
          (select count(*) from campaigns)::int as campaigns,
          (select count(*) from dnd_registry)::int as dnd,
          ((select count(*) from sync_state) + (select count(*) from imports))::int as sources`),
      );
      const counts: Record<SetupStep['key'], number> = {
        teams: Number(row?.teams ?? 0),
        telecallers: Number(row?.telecallers ?? 0),
        leads: Number(row?.leads ?? 0),
        campaigns: Number(row?.campaigns ?? 0),
        telephony: deps.telephonyProvider === 'simulator' ? 0 : 1,
        dnd: Number(row?.dnd ?? 0),
        sources: Number(row?.sources ?? 0),
      };
      const steps: SetupStep[] = STEPS.map((s) => ({ ...s, done: counts[s.key] > 0, count: counts[s.key] }));
      return {
        steps,
        configured: steps.every((s) => !s.required || s.done),
        telephonyProvider: deps.telephonyProvider,
      };
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
