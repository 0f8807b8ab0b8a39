/**
 * Opens the store: PostgreSQL when DATABASE_URL is set, otherwise PGlite (PostgreSQL in WASM)
 * in the data directory. Both give the same drizzle interface and run the same migrations.
 */
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from '../logging.js';

/**
 * A database or a transaction. Inside `db.transaction(fn)` use only the `tx` handed to fn:
 * PGlite has a single connection, so a query on the outer `db` would wait for ever.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
/** The rows of a raw `db.execute()` result; both drivers answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  const rows = (result as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) throw new Error('query result has no rows');
  return rows as T[];
}

export type DbKind = 'postgres' | 'pglite';

export type Database = {
  db: Db;
  kind: DbKind;
  /** Runs raw SQL text (several statements allowed). */
  exec(sql: string): Promise<void>;
  /** PostgreSQL only: `COPY ... FROM STDIN` with the given text-format payload (bulk loads). */
  copyFrom?(statement: string, payload: string): Promise<void>;
  close(): Promise<void>;
};

export type OpenOptions =
  | { kind: 'postgres'; url: string; poolSize?: number; logger?: Logger }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; logger?: Logger };

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === 'postgres') return openPostgres(opts.url, opts.poolSize ?? 10, opts.logger);
  return openPglite(opts.dataDir, opts.loadDataDir);
}

async function openPostgres(url: string, poolSize: number, logger?: Logger): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // Keep timestamps and bigints as PostgreSQL text/JS values consistent with PGlite.
  pg.types.setTypeParser(20, (v) => Number(v));
  // A database that does not answer fails a request in seconds instead of holding it.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'telehub', connectionTimeoutMillis: 5_000 });
  pool.on('error', (err) => logger?.error({ err }, 'postgres pool error'));
  // The pool listens for errors only on idle connections. One that drops while checked out
  // between two queries (a transaction waiting on something else) would otherwise throw an
  // uncaught 'error' and end the process; its next query fails instead, and the pool discards it.
  pool.on('connect', (client) => {
    client.on('error', (err) => logger?.warn({ err }, 'postgres connection lost'));
  });
  const client = await pool.connect().catch((err: Error) => {
    throw new Error(`Cannot connect to PostgreSQL at DATABASE_URL: ${err.message}`);
  });
  client.release();
  const db = drizzle({ client: pool }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    exec: async (sql) => {
      await pool.query(sql);
    },
    copyFrom: async (statement, payload) => {
      const { from } = await import('pg-copy-streams');
      const { pipeline } = await import('node:stream/promises');
      const { Readable } = await import('node:stream');
      const conn = await pool.connect();
      try {
        await pipeline(Readable.from([payload]), conn.query(from(statement)));
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create({ dataDir, loadDataDir, extensions: { pg_trgm } });
  const db = drizzle({ client }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (sql) => {
      await client.exec(sql);
    },
    close: () => client.close(),
  };
}

/**
 * `column in (ids)` with the ids as one JSON parameter. Drizzle's inArray binds one parameter per
 * id, and planning a statement with thousands of parameters costs more than running it.
 */
export function idIn(column: AnyColumn, ids: string[]): SQL {
  return sql`${column} in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`;
}
