/** Advisory lock keys, in one place so two features never share a key by accident. */
import { sql } from 'drizzle-orm';
import type { Db } from './client.js';

export const LOCKS = {
  migrations: 7_354_001,
  firstAdmin: 7_354_002,
  demoSeed: 7_354_003,
} as const;

/** Holds the lock until the surrounding transaction ends. */
export async function advisoryXactLock(tx: Db, key: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${key})`);
}
