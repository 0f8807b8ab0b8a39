/**
 * Two server processes on one PostgreSQL run one campaign: one paces it under a lease, no lead is
 * dialled twice, and when the pacing node dies the lease moves to the other, which goes on dialling.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/client.js';
import { until } from '../../platform/testing/until.js';
import { createPostgresDatabase, type TestDatabase } from '../../test/db.js';
import { freePort, type Proc, runEntry } from '../../test/process.js';

const base = process.env.DATABASE_URL;
if (!base) console.warn('Skipping the two-node dialer test: it needs PostgreSQL at DATABASE_URL');

const ADMIN = { email: 'admin@dialer.example', password: 'correct-horse-battery' };
const root = mkdtempSync(path.join(os.tmpdir(), 'telehub-dialer-'));
type Node = { name: string; proc: Proc; url: string; id: string };
let db: TestDatabase;
const nodes: Node[] = [];

async function startNode(name: string): Promise<Node> {
  const port = await freePort();
  const proc = runEntry('main.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    TELEHUB_DATA_DIR: path.join(root, name),
    DATABASE_URL: db.url ?? '',
    TELEHUB_DEMO: '0',
    TELEHUB_ADMIN_EMAIL: ADMIN.email,
    TELEHUB_ADMIN_PASSWORD: ADMIN.password,
    TELEPHONY_PROVIDER: 'simulator',
    SIMULATOR_ANSWER_RATE: '1',
    SIMULATOR_MACHINE_RATE: '0',
    SIMULATOR_SPEED: '10',
    TELEHUB_CALLING_HOURS: '00:00-24:00',
    TELEHUB_DIALER_TICK_MS: '200',
    TELEHUB_RECORD_CALLS: '0',
    LOG_LEVEL: 'warn',
  });
  const node = { name, proc, url: `http://127.0.0.1:${port}`, id: '' };
  nodes.push(node);
  node.id = await until(
    `${name} to be ready`,
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`${name} exited (${proc.child.exitCode}):\n${proc.output()}`);
      const res = await fetch(`${node.url}/readyz`).catch(() => undefined);
      return res?.status === 200 ? (await res.json()).node : undefined;
    },
    150_000,
  );
  return node;
}

async function api<T>(node: Node, method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${node.url}/api/v1${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}
const login = async (node: Node, email: string, password: string) =>
  (await api<{ accessToken: string }>(node, 'POST', '/auth/login', null, { email, password })).accessToken;

/** Who holds the campaign's pacing lease now (the node's id inside the holder). */
async function pacer(campaignId: string): Promise<string | null> {
  const [row] = rowsOf<{ holder: string }>(
    await db.database.db.execute(sql`select holder from job_leases where name = ${`dialer:${campaignId}`} and expires_at > now()`),
  );
  return row?.holder ?? null;
}

describe.skipIf(!base)('the dialer on two nodes', () => {
  beforeAll(async () => {
    db = await createPostgresDatabase(base ?? '');
    await Promise.all([startNode('a'), startNode('b')]);
  }, 300_000);
  afterAll(async () => {
    for (const n of nodes) if (n.proc.child.exitCode === null) n.proc.child.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.proc.exited(10_000).catch(() => undefined)));
    await db?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('paces one campaign from one node, never dials a lead twice, and moves the lease when that node dies', async () => {
    const [a, b] = nodes as [Node, Node];
    const admin = await login(a, ADMIN.email, ADMIN.password);
    const agents: { id: string; token: string; node: Node }[] = [];
    for (const [i, node] of [a, b, a, b].entries()) {
      const email = `agent${i}@dialer.example`;
      const u = await api<{ id: string }>(a, 'POST', '/users', admin, { email, name: `Agent ${i}`, role: 'telecaller', password: ADMIN.password });
      agents.push({ id: u.id, token: await login(node, email, ADMIN.password), node });
    }
    const leadIds: string[] = [];
    for (let i = 0; i < 60; i++) {
      leadIds.push((await api<{ id: string }>(b, 'POST', '/leads', admin, { name: `Two-node lead ${i}`, phone: `97${String(30_000_000 + i)}` })).id);
    }
    const campaign = await api<{ id: string }>(a, 'POST', '/campaigns', admin, {
      name: 'Two nodes',
      dialMode: 'progressive',
      agentIds: agents.map((x) => x.id),
      wrapUpSeconds: 1,
    });
    await api(a, 'POST', `/campaigns/${campaign.id}/leads`, admin, { leadIds });
    await api(b, 'POST', `/campaigns/${campaign.id}/start`, admin);
    for (const x of agents) await api(x.node, 'PUT', '/presence/me', x.token, { state: 'available', campaignId: campaign.id });

    const first = await until('a node to pace the campaign', () => pacer(campaign.id), 60_000);
    const dialled = async () =>
      rowsOf<{ lead_id: string; n: number; held: string | null }>(
        await db.database.db.execute(
          sql`select lead_id, count(*)::int as n, max(held_by) as held from calls where campaign_id = ${campaign.id} group by lead_id`,
        ),
      );
    await until('calls from the pacing node', async () => (await dialled()).length >= 6, 90_000);
    // Only the pacing node places the calls: every call is held by one node.
    const heldBy = new Set((await dialled()).map((r) => r.held));
    expect(heldBy.size).toBe(1);

    // The pacing node dies without a goodbye: its lease runs out and the other node takes the campaign.
    const before = (await dialled()).length;
    const pacing = identify(first);
    expect([...heldBy]).toEqual([first.replace(/^dialer:/, '')]);
    pacing.proc.child.kill('SIGKILL');
    await pacing.proc.exited(10_000).catch(() => undefined);
    const second = await until(
      'the lease to move',
      async () => {
        const h = await pacer(campaign.id);
        return h && h !== first ? h : undefined;
      },
      90_000,
    );
    expect(second).not.toBe(first);
    await until('calls from the surviving node', async () => (await dialled()).length >= before + 4, 120_000);
    const afterMove = await dialled();
    // No lead was dialled twice, by either node (every lead answers, so one call each).
    expect(afterMove.filter((r) => r.n > 1)).toEqual([]);
    expect(new Set(afterMove.map((r) => r.held)).size).toBe(2);
  }, 600_000);
});

/** The process whose node id the lease holder names. */
function identify(holder: string): Node {
  const found = nodes.find((n) => holder === `dialer:${n.id}`);
  if (!found) throw new Error(`no node is ${holder}`);
  return found;
}
