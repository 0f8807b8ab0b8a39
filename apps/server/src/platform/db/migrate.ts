/**
 * Applies the generated migrations in `apps/server/drizzle` from code, on PGlite and PostgreSQL
 * alike. All pending migrations run in one transaction under an advisory lock, so two nodes
 * starting at once on one database apply them exactly once: the second waits, then finds
 * nothing to do.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from './client.js';
import { advisoryXactLock, LOCKS } from './locks.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../drizzle/', import.meta.url));

type Journal = { entries: { idx: number; tag: string; when: number }[] };

export type MigrationResult = { applied: string[]; total: number };

export async function loadMigrations(dir = MIGRATIONS_DIR) {
  const journal = JSON.parse(await readFile(`${dir}meta/_journal.json`, 'utf8')) as Journal;
  const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);
  return Promise.all(
    entries.map(async (e) => {
      const text = await readFile(`${dir}${e.tag}.sql`, 'utf8');
      const statements = text
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean);
      return { tag: e.tag, hash: createHash('sha256').update(text).digest('hex'), statements };
    }),
  );
}

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const migrations = await loadMigrations(dir);
  return db.transaction(async (tx) => {
    await advisoryXactLock(tx, LOCKS.migrations);
    // pg_trgm powers lead search; it is a trusted extension, so a database owner may create it.
    await tx.execute(sql.raw('create extension if not exists pg_trgm'));
    await tx.execute(
      sql.raw(`create table if not exists telehub_migrations (
        tag text primary key,
        hash text not null,
        applied_at timestamptz not null default now()
      )`),
    );
    const done = rowsOf<{ tag: string; hash: string }>(await tx.execute(sql.raw('select tag, hash from telehub_migrations')));
    const doneByTag = new Map(done.map((r) => [r.tag, r.hash]));
    const applied: string[] = [];
    for (const m of migrations) {
      const previous = doneByTag.get(m.tag);
      if (previous !== undefined) {
        if (previous !== m.hash) {
          throw new Error(`Migration ${m.tag} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      for (const statement of m.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into telehub_migrations (tag, hash) values (${m.tag}, ${m.hash})`);
      applied.push(m.tag);
    }
    return { applied, total: migrations.length };
  });
}
