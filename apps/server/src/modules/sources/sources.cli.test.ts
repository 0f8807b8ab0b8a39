import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase, usingPostgres } from '../../test/db.js';
import { runEntry } from '../../test/process.js';
import { CrmStandin } from './testing/crm-standin.js';

/** `telehub sync laravel` as an operator runs it, against PostgreSQL in CI and an embedded directory otherwise. */
let env: Record<string, string>;
let pg: TestDatabase | undefined;
let dir: string | undefined;
let crm: CrmStandin;
beforeAll(async () => {
  crm = await new CrmStandin().start();
  crm.put({ id: 1, name: 'Cli Lead', phone: '9876512301', status: 'new', updated_at: '2025-05-01 10:00:00' });
  if (usingPostgres()) {
    pg = await createPostgresDatabase(process.env.DATABASE_URL ?? '');
    env = { DATABASE_URL: pg.url ?? '' };
  } else {
    dir = mkdtempSync(path.join(os.tmpdir(), 'telehub-cli-sync-'));
    env = { TELEHUB_DATA_DIR: dir, TELEHUB_DEMO: '0' };
  }
});
afterAll(async () => {
  await crm?.stop();
  await pg?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const lastJson = (out: string) => JSON.parse(out.trim().split('\n').at(-1) ?? 'null');

describe('telehub sync laravel', () => {
  it('runs a sync and prints the summary as JSON on the last line', async () => {
    const p = runEntry('cli.ts', { ...env, LARAVEL_CRM_URL: crm.url, LARAVEL_CRM_TOKEN: crm.token }, ['sync', 'laravel', '--json']);
    expect(await p.exited(120_000)).toBe(0);
    expect(lastJson(p.output())).toMatchObject({ status: 'succeeded', fetched: 1, created: 1, updated: 0, failed: 0, cursor: '2025-05-01T04:30:00.000Z' });
  });

  it('exits 1 when the run fails, still with the summary', async () => {
    const p = runEntry('cli.ts', { ...env, LARAVEL_CRM_URL: crm.url, LARAVEL_CRM_TOKEN: 'wrong', LARAVEL_CRM_RETRIES: '1' }, ['sync', 'laravel', '--json']);
    expect(await p.exited(120_000)).toBe(1);
    expect(lastJson(p.output())).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 401'), cursor: '2025-05-01T04:30:00.000Z' });
  });

  it('says so when the connector is not configured', async () => {
    const p = runEntry('cli.ts', env, ['sync', 'laravel']);
    expect(await p.exited(120_000)).toBe(1);
    expect(p.output()).toContain('set LARAVEL_CRM_URL and LARAVEL_CRM_TOKEN');
  });
});
