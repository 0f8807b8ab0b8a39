/**
 * Scale-out as an operator deploys it: real server processes on one PostgreSQL database and one
 * Redis, each with its own port and data directory, and files in an S3 bucket (a stand-in that
 * checks signatures as S3 does), so no node needs another's disk. A job enqueued on an API-only
 * node, and again when that node restarts, runs once, on a worker node started later, reading
 * the upload the other node took; what happens on one node reaches a GraphQL subscriber on the other.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, until, wsClient } from './graphql/testing/gql.js';
import { adminConnection, dropKeys, redisProblem, TEST_REDIS_URL, testPrefix } from './platform/events/testing/redis.js';
import { toBullmqJobId } from './platform/jobs/bullmq-queue.js';
import { type S3Standin, startS3Standin } from './platform/storage/testing/s3-standin.js';
import { createPostgresDatabase, type TestDatabase } from './test/db.js';
import { freePort, type Proc, runEntry } from './test/process.js';

const problem = process.env.DATABASE_URL ? await redisProblem('scale-out') : 'DATABASE_URL is unset';
if (!process.env.DATABASE_URL) console.warn('Skipping the scale-out tests: they need PostgreSQL at DATABASE_URL');

const ADMIN = { email: 'admin@scale.example', password: 'correct-horse-battery' };
const prefix = testPrefix();
const root = mkdtempSync(path.join(os.tmpdir(), 'telehub-scale-'));
const S3 = { bucket: 'telehub-scale', accessKeyId: 'AKIATELEHUBSCALE01', secretAccessKey: 'c2NhbGUtb3V0LXRlc3Qtc2VjcmV0LWtleS0wMDAx' };
let bucket: S3Standin;

type Node = { name: string; proc: Proc; url: string };
let db: TestDatabase;
let redis: Redis;
const nodes: Node[] = [];
const sockets: ReturnType<typeof wsClient>[] = [];
let importId = '';

async function startNode(name: string, env: Record<string, string>): Promise<Node> {
  const dataDir = path.join(root, name);
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const proc = runEntry('main.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    TELEHUB_DATA_DIR: dataDir,
    DATABASE_URL: db.url ?? '',
    REDIS_URL: TEST_REDIS_URL,
    TELEHUB_REDIS_PREFIX: prefix,
    TELEHUB_DEMO: '0',
    TELEHUB_ADMIN_EMAIL: ADMIN.email,
    TELEHUB_ADMIN_PASSWORD: ADMIN.password,
    TELEPHONY_PROVIDER: 'simulator',
    SIMULATOR_ANSWER_RATE: '1',
    SIMULATOR_SPEED: '10',
    TELEHUB_CALLING_HOURS: '00:00-24:00',
    LOG_LEVEL: 'info',
    // Uploads and recordings in the bucket: every node reads what any node stored.
    TELEHUB_FILE_STORE: 's3',
    TELEHUB_RECORDING_STORE: 's3',
    S3_ENDPOINT: bucket.url,
    S3_REGION: 'ap-south-1',
    S3_BUCKET: S3.bucket,
    S3_ACCESS_KEY_ID: S3.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3.secretAccessKey,
    ...env,
  });
  const node = { name, proc, url: `http://127.0.0.1:${port}` };
  nodes.push(node);
  await until(
    `${name} to be ready`,
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`${name} exited (${proc.child.exitCode}):\n${proc.output()}`);
      return (await fetch(`${node.url}/readyz`).catch(() => undefined))?.status === 200;
    },
    150_000,
  );
  return node;
}

async function stopNode(node: Node): Promise<void> {
  if (node.proc.child.exitCode !== null) return;
  node.proc.child.kill('SIGTERM');
  // exited() sends SIGKILL when the time is up.
  await node.proc.exited(15_000).catch(() => undefined);
}

type LogLine = { msg?: string; job?: string; jobId?: string; nodeId?: string; [k: string]: unknown };
/** The JSON log lines a process has written so far. */
function logsOf(node: Node): LogLine[] {
  return node.proc
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as LogLine];
      } catch {
        return [];
      }
    });
}
const jobsDone = (jobId: string) =>
  nodes.flatMap((n) =>
    logsOf(n)
      .filter((l) => l.msg === 'job done' && l.jobId === jobId)
      .map(() => n.name),
  );

async function api<T>(node: Node, method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${node.url}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} on ${node.name}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
const login = async (node: Node, email: string, password: string) =>
  (await api<{ accessToken: string }>(node, 'POST', '/api/v1/auth/login', null, { email, password })).accessToken;

/** How many nodes listen on an event's Redis channel (a node subscribes while a GraphQL client does). */
async function listeningNodes(event: string): Promise<number> {
  const [, n] = (await redis.pubsub('NUMSUB', `${prefix}:events:${event}`)) as [string, number | string];
  return Number(n);
}
const nodesListen = (count: number) =>
  until(
    `${count} node(s) to listen for calls and presence`,
    async () => (await listeningNodes('call.updated')) >= count && (await listeningNodes('agent.presence')) >= count,
    30_000,
  );

const jobKey = () => `${prefix}:imports.run:${toBullmqJobId(`import:${importId}`)}`;

type ImportStatus = { id: string; status: string; total: number; created: number; merged: number; rejected: number; error: string | null };

describe.skipIf(problem !== null)('scale-out: stateless nodes on one PostgreSQL and one Redis', () => {
  let a: Node;
  let b: Node;
  let adminToken = '';

  beforeAll(async () => {
    bucket = await startS3Standin({ ...S3, region: 'ap-south-1' });
    db = await createPostgresDatabase(process.env.DATABASE_URL ?? '');
    redis = adminConnection();
  });
  afterAll(async () => {
    await Promise.allSettled(sockets.map((s) => s.dispose()));
    await Promise.allSettled(nodes.map(stopNode));
    await db?.drop();
    await bucket?.close();
    if (redis) {
      await dropKeys(redis, prefix);
      await redis.quit();
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('starts an API-only node (TELEHUB_JOB_WORKERS=0) that serves the API', async () => {
    a = await startNode('a', { TELEHUB_JOB_WORKERS: '0' });
    expect(logsOf(a).some((l) => l.msg?.startsWith('job workers off'))).toBe(true);
    adminToken = await login(a, ADMIN.email, ADMIN.password);
  });

  it('queues an import started there in Redis, where it waits while no node works jobs', async () => {
    const csv = ['name,phone,city', 'Asha Rao,9811100001,Pune', 'Bilal Khan,9811100002,Delhi', 'Chitra Iyer,9811100003,Chennai', 'Dev Mehta,9811100004,Surat'];
    const form = new FormData();
    form.append('file', new Blob([`${csv.join('\n')}\n`], { type: 'text/csv' }), 'scale-out.csv');
    const preview = await api<{ id: string; headers: string[] }>(a, 'POST', '/api/v1/imports/preview', adminToken, form);
    expect(preview.headers).toEqual(['name', 'phone', 'city']);
    importId = preview.id;
    const started = await api<ImportStatus>(a, 'POST', `/api/v1/imports/${importId}/start`, adminToken, {});
    expect(started.status).toBe('queued');

    expect(await redis.exists(jobKey())).toBe(1);
    expect(await redis.llen(`${prefix}:imports.run:wait`)).toBe(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await api<ImportStatus>(a, 'GET', `/api/v1/imports/${importId}`, adminToken)).status).toBe('queued');
    expect(jobsDone(`import:${importId}`)).toEqual([]);
  });

  it('keeps it one job when a restarted node enqueues the same id again', async () => {
    await stopNode(a);
    // At start a node resumes the unfinished imports: a second enqueue of import:<id>. No node
    // works jobs yet, so this one is certain to happen while the first still waits.
    a = await startNode('a-restarted', { TELEHUB_JOB_WORKERS: '0' });
    expect(logsOf(a).some((l) => l.msg === 'resuming unfinished imports' && l.imports === 1)).toBe(true);
    expect(await redis.exists(jobKey())).toBe(1);
    expect(await redis.llen(`${prefix}:imports.run:wait`)).toBe(1);
  });

  it('runs it once on a worker node started later', async () => {
    // B resumes the import at its start too, unless its worker has run it by then.
    b = await startNode('b', {});
    const done = await until(
      'the import to finish',
      async () => {
        const s = await api<ImportStatus>(a, 'GET', `/api/v1/imports/${importId}`, adminToken);
        return s.status === 'completed' || s.status === 'failed' ? s : undefined;
      },
      60_000,
    );
    expect(done).toMatchObject({ status: 'completed', total: 4, created: 4, merged: 0, rejected: 0, error: null });
    const leads = await api<{ total: number }>(b, 'GET', '/api/v1/leads?pageSize=1', adminToken);
    expect(leads.total).toBe(4);
    // A second run would have shown by now.
    await new Promise((r) => setTimeout(r, 1000));
    expect(jobsDone(`import:${importId}`)).toEqual(['b']);
  });

  it('shows a subscriber on one node the calls and the floor another node serves', async () => {
    const telecaller = await api<{ id: string }>(a, 'POST', '/api/v1/users', adminToken, {
      email: 'caller@scale.example',
      name: 'Scale Caller',
      role: 'telecaller',
      password: ADMIN.password,
    });
    const lead = await api<{ id: string }>(a, 'POST', '/api/v1/leads', adminToken, {
      name: 'Scale Lead',
      phone: '9822200001',
      language: 'en',
      ownerId: telecaller.id,
    });

    // The admin watches on B.
    const onB = wsClient(b.url, { authorization: `Bearer ${await login(b, ADMIN.email, ADMIN.password)}` });
    sockets.push(onB);
    type Change = { callStatusChanged: { id: string; status: string; outcome: string | null; telecaller: { id: string } } };
    type Floor = { teamUpdated: { agents: { user: { id: string }; state: string }[] } };
    const changes = collect<Change>(onB, 'subscription { callStatusChanged { id status outcome telecaller { id } } }');
    const floor = collect<Floor>(onB, 'subscription { teamUpdated { agents { user { id } state } } }');
    const stateOf = (f: Floor) => f.teamUpdated.agents.find((x) => x.user.id === telecaller.id)?.state;
    await until('the first floor snapshot on B', () => floor.values.length > 0, 30_000);
    // Only B has subscribers so far: once its channels are live, nothing A publishes is missed.
    await nodesListen(1);

    // The telecaller works on A.
    const callerOnA = await login(a, 'caller@scale.example', ADMIN.password);
    await api(a, 'PUT', '/api/v1/presence/me', callerOnA, { state: 'available' });
    await until('B to see the agent available', () => floor.values.some((f) => stateOf(f) === 'AVAILABLE'), 30_000);
    const call = await api<{ id: string }>(a, 'POST', '/api/v1/calls', callerOnA, { leadId: lead.id });

    const mine = () => changes.values.map((v) => v.callStatusChanged).filter((c) => c.id === call.id);
    await until('B to see the call in progress', () => mine().some((c) => c.status === 'IN_PROGRESS'), 30_000);
    await until('B to see the agent on the call', () => floor.values.some((f) => ['RINGING', 'ON_CALL'].includes(stateOf(f) ?? '')), 30_000);
    const statuses = mine().map((c) => c.status);
    expect(statuses.some((s) => s === 'DIALING' || s === 'RINGING')).toBe(true);
    expect(statuses.indexOf('IN_PROGRESS')).toBeGreaterThan(statuses.findIndex((s) => s === 'DIALING' || s === 'RINGING'));
    expect(mine().every((c) => c.telecaller.id === telecaller.id)).toBe(true);
    expect(changes.errors).toEqual([]);
    expect(floor.errors).toEqual([]);

    // Hung up on A (its simulator holds the call): B sees the end, and the recording, fetched by a
    // job that the API-only node A enqueued, is stored by the worker node B.
    await api(a, 'POST', `/api/v1/calls/${call.id}/hangup`, callerOnA, {});
    await until('B to see the call completed', () => mine().some((c) => c.status === 'COMPLETED'), 30_000);
    await until(
      'the recording',
      async () => (await api<{ recordingAvailable: boolean }>(a, 'GET', `/api/v1/calls/${call.id}`, callerOnA)).recordingAvailable,
      60_000,
    );
    // The job's line is logged once the job has finished, a moment after the recording is stored.
    await until('the fetch job to be logged done', () => jobsDone(`calls.fetch_recording:${call.id}`).length > 0, 10_000);
    expect(jobsDone(`calls.fetch_recording:${call.id}`)).toEqual(['b']);
    // B put it in the bucket; A, which never had it on disk, plays it.
    const audio = await fetch(`${a.url}/api/v1/calls/${call.id}/recording`, { headers: { authorization: `Bearer ${callerOnA}` } });
    expect(audio.status).toBe(200);
    expect((await audio.arrayBuffer()).byteLength).toBeGreaterThan(44);
    expect([...bucket.objects.keys()].some((k) => k.startsWith('recordings/'))).toBe(true);
    expect([...bucket.objects.keys()].some((k) => k.startsWith('uploads/'))).toBe(true);
  });

  it('and the other way round: what happens on B reaches a subscriber on A', async () => {
    const onA = wsClient(a.url, { authorization: `Bearer ${adminToken}` });
    sockets.push(onA);
    type Change = { callStatusChanged: { id: string; outcome: string | null } };
    const changes = collect<Change>(onA, 'subscription { callStatusChanged { id outcome } }');
    const floor = collect<{ teamUpdated: { agents: { state: string }[] } }>(onA, 'subscription { teamUpdated { agents { state } } }');
    await until('the first floor snapshot on A', () => floor.values.length > 0, 30_000);
    // B's subscribers are still open; A's now too.
    await nodesListen(2);

    const callerOnB = await login(b, 'caller@scale.example', ADMIN.password);
    const [last] = (await api<{ items: { id: string }[] }>(b, 'GET', '/api/v1/calls?pageSize=1', callerOnB)).items;
    expect(last).toBeDefined();
    await api(b, 'POST', `/api/v1/calls/${last?.id}/disposition`, callerOnB, { disposition: 'interested' });
    await until(
      'A to see the outcome',
      () => changes.values.some((v) => v.callStatusChanged.id === last?.id && v.callStatusChanged.outcome === 'INTERESTED'),
      30_000,
    );
    await api(b, 'PUT', '/api/v1/presence/me', callerOnB, { state: 'break', reason: 'Tea' });
    await until('A to see the break', () => floor.values.some((f) => f.teamUpdated.agents.some((x) => x.state === 'BREAK')), 30_000);
    expect(changes.errors).toEqual([]);
  });
});
