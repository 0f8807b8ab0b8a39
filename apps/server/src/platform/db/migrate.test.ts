import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createAuditService } from '../../modules/audit/index.js';
import { revokeAllSessions } from '../../modules/auth/index.js';
import { createUsersService } from '../../modules/users/index.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../../test/db.js';
import { systemClock } from '../context.js';
import { createInProcessBus } from '../events/bus.js';
import { createLogger } from '../logging.js';
import { type Database, openDatabase, rowsOf } from './client.js';
import { loadMigrations, migrate } from './migrate.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

describe('migrations', () => {
  it('are idempotent: a second run applies nothing', async () => {
    const again = await migrate(t.database.db);
    expect(again.applied).toEqual([]);
    expect(again.total).toBe((await loadMigrations()).length);
  });

  it('create the core tables', async () => {
    const rows = rowsOf<{ table_name: string }>(
      await t.database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`),
    );
    const names = rows.map((r) => r.table_name);
    for (const table of [
      'users',
      'teams',
      'leads',
      'lead_identities',
      'activities',
      'campaigns',
      'campaign_members',
      'calls',
      'call_events',
      'audit_log',
      'refresh_tokens',
    ]) {
      expect(names).toContain(table);
    }
  });
});

describe.runIf(usingPostgres())('two nodes starting at once on one PostgreSQL database', () => {
  it('apply each migration exactly once and create one first admin', async () => {
    // A brand-new database, migrated by two "nodes" (separate pools) at the same moment.
    const fresh = await createTestDatabase().then(async (d) => {
      await d.database.db.execute(sql.raw('drop schema public cascade; create schema public;'));
      return d;
    });
    const nodes: Database[] = [];
    try {
      for (let i = 0; i < 2; i++) nodes.push(await openDatabase({ kind: 'postgres', url: fresh.url ?? '', poolSize: 3 }));
      const results = await Promise.all(nodes.map((n) => migrate(n.db)));
      const applied = results.map((r) => r.applied.length).sort();
      expect(applied).toEqual([0, results[0]?.total ?? 0].sort((a, b) => a - b));
      const count = rowsOf<{ n: number }>(await fresh.database.db.execute(sql`select count(*)::int as n from telehub_migrations`));
      expect(count[0]?.n).toBe(results[0]?.total);

      const logger = createLogger({ level: 'silent' });
      const services = nodes.map((n) =>
        createUsersService({
          db: n.db,
          clock: systemClock,
          logger,
          audit: createAuditService({ db: n.db, clock: systemClock }),
          bus: createInProcessBus(logger),
          endSessions: revokeAllSessions,
        }),
      );
      const outcomes = await Promise.all(services.map((s) => s.ensureFirstAdmin('first@test.example', 'first-admin-password')));
      expect(outcomes.sort()).toEqual(['created', 'exists']);
      const admins = rowsOf<{ n: number }>(await fresh.database.db.execute(sql`select count(*)::int as n from users where role = 'admin'`));
      expect(admins[0]?.n).toBe(1);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
      await fresh.drop();
    }
  });

  it('refuses a migration that was edited after it was applied', async () => {
    await t.database.db.execute(sql`update telehub_migrations set hash = 'tampered' where tag = (select min(tag) from telehub_migrations)`);
    await expect(migrate(t.database.db)).rejects.toThrow(/was changed after it was applied/);
  });
});

describe('configuration of the test run', () => {
  it('uses PostgreSQL exactly when DATABASE_URL is set', () => {
    expect(usingPostgres()).toBe(Boolean(loadConfig().storage.DATABASE_URL));
    expect(t.database.kind).toBe(usingPostgres() ? 'postgres' : 'pglite');
  });
});
