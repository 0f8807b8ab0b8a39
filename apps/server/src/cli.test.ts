import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase, usingPostgres } from './test/db.js';
import { runEntry } from './test/process.js';

/** The CLI runs against PostgreSQL in CI and against an embedded directory otherwise. */
let env: Record<string, string>;
let pg: TestDatabase | undefined;
let dir: string | undefined;
beforeAll(async () => {
  if (usingPostgres()) {
    pg = await createPostgresDatabase(process.env.DATABASE_URL ?? '');
    env = { DATABASE_URL: pg.url ?? '' };
  } else {
    dir = mkdtempSync(path.join(os.tmpdir(), 'telehub-cli-'));
    env = { TELEHUB_DATA_DIR: dir };
  }
});
afterAll(async () => {
  await pg?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const lastJson = (out: string) => JSON.parse(out.trim().split('\n').at(-1) ?? 'null');

describe('telehub CLI', () => {
  it('migrate reports the state as JSON', async () => {
    const p = runEntry('cli.ts', env, ['migrate', '--json']);
    expect(await p.exited(120_000)).toBe(0);
    expect(lastJson(p.output())).toMatchObject({ total: expect.any(Number) });
  });

  it('user create makes a user, and refuses bad input naming the option', async () => {
    const p = runEntry('cli.ts', env, [
      'user',
      'create',
      '--email',
      'ops@test.example',
      '--name',
      'Ops Admin',
      '--role',
      'admin',
      '--password',
      'ops-password-1',
      '--json',
    ]);
    expect(await p.exited(120_000)).toBe(0);
    expect(lastJson(p.output())).toMatchObject({ email: 'ops@test.example', role: 'admin', active: true });

    const bad = runEntry('cli.ts', env, ['user', 'create', '--email', 'x@test.example', '--name', 'X', '--role', 'boss', '--password', 'long-enough-pw']);
    expect(await bad.exited(120_000)).toBe(64);
    expect(bad.output()).toContain('--role');

    const dup = runEntry('cli.ts', env, [
      'user',
      'create',
      '--email',
      'OPS@test.example',
      '--name',
      'Again',
      '--role',
      'manager',
      '--password',
      'ops-password-2',
    ]);
    expect(await dup.exited(120_000)).toBe(1);
    expect(dup.output()).toContain('already exists');
  });

  it('analyze --since analyses the finished conversations since then, and names a bad date', async () => {
    const bad = runEntry('cli.ts', env, ['analyze', '--since', 'last tuesday']);
    expect(await bad.exited(120_000)).toBe(64);
    expect(bad.output()).toContain('analyze needs --since DATE');
    const p = runEntry('cli.ts', env, ['analyze', '--since', '2000-01-01', '--json']);
    expect(await p.exited(120_000)).toBe(0);
    // The demo's past calls are seeded by the next test; here the database has none yet.
    expect(lastJson(p.output())).toEqual({ analysed: 0, failed: [] });
  });

  it('seed --demo loads the demo organisation once', async () => {
    const p = runEntry('cli.ts', env, ['seed', '--demo', '--leads', '150', '--json']);
    expect(await p.exited(180_000)).toBe(0);
    const result = lastJson(p.output());
    expect(result).toMatchObject({ status: 'seeded', leads: 150, accounts: { admin: 'admin@telehub.example', password: expect.any(String) } });
    expect(result.accounts.telecallers).toHaveLength(12);
    const again = runEntry('cli.ts', env, ['seed', '--demo', '--json']);
    expect(await again.exited(120_000)).toBe(0);
    expect(lastJson(again.output()).status).toBe('skipped');
  });

  it('reports rebuild counts the demo organisation into the report rollups', async () => {
    const p = runEntry('cli.ts', env, ['reports', 'rebuild', '--json']);
    expect(await p.exited(120_000)).toBe(0);
    const r = lastJson(p.output());
    expect(r.leads).toBe(150);
    expect(r.calls).toBeGreaterThan(0);
  });

  it('recordings rekey re-encrypts under the newest key and reports the counts', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const p = runEntry('cli.ts', { ...env, TELEHUB_RECORDING_KEYS: `k2026:${key}` }, ['recordings', 'rekey', '--json']);
    expect(await p.exited(120_000)).toBe(0);
    expect(lastJson(p.output())).toEqual({ rekeyed: 0, failed: [] });
  });

  it('calls partition makes calls partitioned by month on PostgreSQL, and says why not on the embedded store', async () => {
    const p = runEntry('cli.ts', env, ['calls', 'partition', '--months-ahead', '2', '--json']);
    if (!usingPostgres()) {
      expect(await p.exited(120_000)).toBe(64);
      expect(p.output()).toContain('runs on PostgreSQL');
      return;
    }
    expect(await p.exited(120_000)).toBe(0);
    expect(lastJson(p.output())).toMatchObject({ converted: true, blocked: [] });
    const s = runEntry('cli.ts', env, ['calls', 'partitions', '--json']);
    expect(await s.exited(120_000)).toBe(0);
    const status = lastJson(s.output()) as { partitioned: boolean; partitions: { name: string; rows: number }[] };
    expect(status.partitioned).toBe(true);
    // The demo's calls, all made since ids are time-ordered: none in the default partition.
    expect(status.partitions.find((x) => x.name === 'calls_default')?.rows).toBe(0);
    expect(status.partitions.reduce((n, x) => n + x.rows, 0)).toBeGreaterThan(0);
  });

  it('explains unknown commands', async () => {
    const p = runEntry('cli.ts', env, ['frobnicate']);
    expect(await p.exited()).toBe(64);
    expect(p.output()).toContain('Unknown command');
  });
});
