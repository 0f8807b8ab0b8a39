/**
 * The embedded path end to end, as an operator runs it: first start on an empty data directory
 * (PGlite, migrations, demo data, printed sign-in), a second process refused, clean shutdown.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, type Proc, runEntry } from './test/process.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-embedded-'));
const procs: Proc[] = [];
afterAll(() => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded store, one process per data directory', () => {
  let port = 0;
  let first: Proc;

  it('starts on an empty directory with demo data and prints a sign-in that works', async () => {
    port = await freePort();
    first = runEntry('main.ts', { TELEHUB_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    procs.push(first);
    await first.waitFor(/telecallers: .*\n/, 180_000);
    const out = first.output();
    expect(out).toContain(`TeleHub is running at http://localhost:${port}`);
    const password = out.match(/password for every demo account: (\S+)\)/)?.[1];
    const admin = out.match(/admin:\s+(\S+)/)?.[1];
    expect(password && admin).toBeTruthy();

    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin, password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const leads = (await (await fetch(`${base}/api/v1/leads?pageSize=1`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { total: number };
    expect(leads.total).toBeGreaterThanOrEqual(2000);
    const users = (await (await fetch(`${base}/api/v1/users`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
      items: { role: string }[];
    };
    const roles = users.items.map((u) => u.role);
    expect(roles.filter((r) => r === 'telecaller')).toHaveLength(12);
    expect(roles.filter((r) => r === 'manager')).toHaveLength(2);
    // Demo calls are scored from the first one.
    const cards = (await (await fetch(`${base}/api/v1/qa/scorecards`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
      items: { name: string; active: boolean; campaignId: string | null }[];
    };
    expect(cards.items).toEqual([expect.objectContaining({ name: 'Admissions call', active: true, campaignId: null })]);
  });

  it('refuses a second process on the same directory at once, and the first keeps serving', async () => {
    const second = runEntry('main.ts', { TELEHUB_DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1' });
    procs.push(second);
    const started = Date.now();
    const code = await second.exited(30_000);
    expect(code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(second.output()).toMatch(/in use by another TeleHub process \(pid \d+\)/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('the CLI is refused too while the server holds the directory', async () => {
    const cli = runEntry('cli.ts', { TELEHUB_DATA_DIR: dataDir }, ['migrate']);
    procs.push(cli);
    expect(await cli.exited()).not.toBe(0);
    expect(cli.output()).toContain('in use by another TeleHub process');
  });

  it('shuts down cleanly on SIGTERM and releases the lock', async () => {
    first.child.kill('SIGTERM');
    expect(await first.exited()).toBe(0);
    expect(existsSync(path.join(dataDir, 'telehub.lock'))).toBe(false);
  });

  it('starts again on the same data without loading the demo twice', async () => {
    const cli = runEntry('cli.ts', { TELEHUB_DATA_DIR: dataDir }, ['seed', '--demo', '--json']);
    procs.push(cli);
    expect(await cli.exited(120_000)).toBe(0);
    const last = cli.output().trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ status: 'skipped', reason: 'the database already has leads' });
  });

  it('stops with a message naming a wrong variable', async () => {
    const bad = runEntry('main.ts', { TELEHUB_DATA_DIR: dataDir, PORT: 'eighty', SIMULATOR_ANSWER_RATE: '2' });
    procs.push(bad);
    expect(await bad.exited()).toBe(1);
    expect(bad.output()).toContain('PORT: must be a number');
    expect(bad.output()).toContain('SIMULATOR_ANSWER_RATE: must be between 0 and 1');
  });
});

describe('the V8 options npm start passes', () => {
  // Started another way in production (node dist/main.js in a container), the server says what it lacks.
  const start = async (env: Record<string, string>) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'telehub-flags-'));
    const proc = runEntry('main.ts', {
      TELEHUB_DATA_DIR: dir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      TELEHUB_DEMO: '0',
      NODE_ENV: 'production',
      ...env,
    });
    procs.push(proc);
    return { proc, dir };
  };

  it('are asked for in production when missing, and not when NODE_OPTIONS gives them', async () => {
    const bare = await start({});
    const tuned = await start({ NODE_OPTIONS: '--max-semi-space-size=64' });
    await Promise.all([bare.proc.waitFor(/TeleHub is running at/, 120_000), tuned.proc.waitFor(/TeleHub is running at/, 120_000)]);
    expect(bare.proc.output()).toMatch(/"missing":\["--max-semi-space-size=64"\].*add them to NODE_OPTIONS/);
    expect(tuned.proc.output()).not.toContain('add them to NODE_OPTIONS');
    for (const { proc, dir } of [bare, tuned]) {
      proc.child.kill('SIGTERM');
      expect(await proc.exited()).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
