/**
 * Test databases: a fresh PostgreSQL database per test file when DATABASE_URL is set (CI), else
 * an in-memory PGlite loaded from a migrated template (fast: no initdb per file). On PostgreSQL
 * too each database is copied from a migrated template (`create database ... template`), built
 * once per set of migrations: running thirty migrations for each of two hundred files cost minutes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Database, openDatabase } from '../platform/db/client.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';

export type TestDatabase = { database: Database; url?: string; drop(): Promise<void> };

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);

async function adminQuery<T = unknown>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The name of a migrated database to copy, made on first use for this set of migrations. An
 * advisory lock lets one process build it; it is built under another name and renamed when
 * complete, so a copy never starts from a half-migrated template.
 */
async function postgresTemplate(baseUrl: string): Promise<string> {
  const migrations = await loadMigrations();
  const key = createHash('sha256')
    .update(migrations.map((m) => m.hash).join(''))
    .digest('hex')
    .slice(0, 16);
  const name = `telehub_tpl_${key}`;
  const exists = async () => (await adminQuery(baseUrl, 'select 1 from pg_database where datname = $1', [name])).length > 0;
  if (await exists()) return name;
  const { default: pg } = await import('pg');
  const lock = new pg.Client({ connectionString: baseUrl });
  await lock.connect();
  try {
    await lock.query("select pg_advisory_lock(hashtext('telehub test template'))");
    if (await exists()) return name;
    const building = `${name}_b${randomBytes(3).toString('hex')}`;
    await lock.query(`create database ${building}`);
    const url = new URL(baseUrl);
    url.pathname = `/${building}`;
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1 });
    try {
      await migrate(database.db);
    } finally {
      await database.close();
    }
    await lock.query(`alter database ${building} rename to ${name}`);
    return name;
  } finally {
    await lock.end();
  }
}

/** A new, migrated, empty PostgreSQL database next to the one DATABASE_URL names. */
export async function createPostgresDatabase(baseUrl: string): Promise<TestDatabase> {
  const name = `telehub_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(baseUrl, `create database ${name} template ${await postgresTemplate(baseUrl)}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  // Nothing to apply on a fresh copy; kept so a template left behind by other code still ends current.
  await migrate(database.db);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      await adminQuery(baseUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function pgliteTemplate(): Promise<Blob> {
  const migrations = await loadMigrations();
  const key = migrations.map((m) => m.hash.slice(0, 8)).join('');
  const file = path.join(os.tmpdir(), `telehub-pglite-template-${key.slice(-32)}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create({ extensions: { pg_trgm } });
  await migrate(drizzle({ client }) as unknown as Database['db']);
  const dump = await client.dumpDataDir('none');
  await client.close();
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, file);
  return dump;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (base) return createPostgresDatabase(base);
  const database = await openDatabase({ kind: 'pglite', loadDataDir: await pgliteTemplate() });
  await migrate(database.db);
  return { database, drop: () => database.close() };
}
