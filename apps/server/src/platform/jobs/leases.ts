/**
 * Named leases in the database (job_leases): one holder at a time, until the lease runs out
 * unrenewed. The scheduler runs each periodic task under one; the dialer paces each campaign under one.
 */
import { sql } from 'drizzle-orm';
import type { Clock } from '../context.js';
import { type Db, rowsOf } from '../db/client.js';

export type Leases = {
  /** Takes or renews the lease for `ttlMs`; false while another holder's lease runs. */
  acquire(name: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once (only if held by us). */
  release(name: string): Promise<void>;
};

export function createLeases(deps: { db: Db; clock: Clock; holder: string }): Leases {
  return {
    async acquire(name, ttlMs) {
      const now = deps.clock.now();
      const rows = rowsOf<{ name: string }>(
        await deps.db.execute(sql`
          insert into job_leases (name, holder, expires_at) values (${name}, ${deps.holder}, ${new Date(now.getTime() + ttlMs)})
          on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
            where job_leases.expires_at < ${now} or job_leases.holder = ${deps.holder}
          returning name`),
      );
      return rows.length === 1;
    },
    async release(name) {
      await deps.db.execute(sql`update job_leases set expires_at = ${new Date(0)} where name = ${name} and holder = ${deps.holder}`);
    },
  };
}
