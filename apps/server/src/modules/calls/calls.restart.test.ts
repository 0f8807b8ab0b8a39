/**
 * The real server, killed with a simulator call live (kill -9: no shutdown code runs) and started
 * again on the same embedded data: the call ends within a minute, on the restarted node's own
 * schedule, and the agent saves the disposition.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../../platform/testing/until.js';
import { freePort, type Proc, runEntry } from '../../test/process.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-restart-'));
const ADMIN = { email: 'admin@restart.example', password: 'correct-horse-battery' };
const procs: Proc[] = [];
afterAll(() => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number): Promise<Proc> {
  const proc = runEntry('main.ts', {
    TELEHUB_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    TELEHUB_DEMO: '0',
    TELEHUB_ADMIN_EMAIL: ADMIN.email,
    TELEHUB_ADMIN_PASSWORD: ADMIN.password,
    TELEHUB_CALLING_HOURS: '00:00-24:00',
    SIMULATOR_ANSWER_RATE: '1',
    // Real time: the lead talks for 25 s or more once answered, long enough to be cut off.
    SIMULATOR_SPEED: '1',
  });
  procs.push(proc);
  await proc.waitFor(/TeleHub is running/, 180_000);
  return proc;
}

async function api<T>(base: string, method: string, url: string, token: string | null, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as T };
}
const login = async (base: string, email: string) =>
  (await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', null, { email, password: ADMIN.password })).json.accessToken;

describe('a simulator call when its server is killed', () => {
  it('is ended within a minute of the restart, and the agent can wrap it up', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await start(port);
    const admin = await login(base, ADMIN.email);
    const caller = await api<{ id: string }>(base, 'POST', '/api/v1/users', admin, {
      email: 'caller@restart.example',
      name: 'Restart Caller',
      role: 'telecaller',
      password: ADMIN.password,
    });
    const lead = await api<{ id: string }>(base, 'POST', '/api/v1/leads', admin, { name: 'Restart Lead', phone: '9822200077', ownerId: caller.json.id });
    const token = await login(base, 'caller@restart.example');
    expect((await api(base, 'PUT', '/api/v1/presence/me', token, { state: 'available' })).status).toBe(200);
    const placed = await api<{ id: string }>(base, 'POST', '/api/v1/calls', token, { leadId: lead.json.id });
    expect(placed.status).toBe(201);
    const callUrl = `/api/v1/calls/${placed.json.id}`;
    type CallBody = { status: string; hangupBy: string | null; wrapUpPending: boolean };
    await until('the lead to answer', async () => (await api<CallBody>(base, 'GET', callUrl, token)).json.status === 'in_progress', 30_000);

    first.child.kill('SIGKILL');
    await first.exited();
    const killedAt = Date.now();

    await start(port);
    const ended = await until(
      'the call to end',
      async () => {
        const c = (await api<CallBody>(base, 'GET', callUrl, token)).json;
        return c.status !== 'in_progress' && c;
      },
      90_000,
    );
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(ended).toMatchObject({ status: 'completed', hangupBy: 'system', wrapUpPending: true });
    expect((await api<{ state: string }>(base, 'GET', '/api/v1/presence/me', token)).json.state).toBe('wrap_up');
    const saved = await api(base, 'POST', `${callUrl}/disposition`, token, {
      disposition: 'callback',
      callbackAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(saved.status).toBe(200);
  }, 240_000);
});
