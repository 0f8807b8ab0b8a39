/**
 * Realtime fan-out on one node. Starts the compiled server on a fresh PostgreSQL database (with
 * REDIS_URL when set, so the bus is the one production uses), connects 1,000 agent sessions
 * (graphql-ws, each subscribed to its own calls) and 50 manager sessions (subscribed to every
 * call, and to the floor's teamUpdated snapshots as the command center is), and drives a steady
 * 50 call events per second for the whole run through the real ingestion path (signed provider
 * webhooks over HTTP). Prints JSON with event-to-subscriber latency p50/p95/p99, dropped events,
 * the snapshots managers received, and the server's CPU and peak RSS.
 *
 *   npm run bench:realtime [-- --agents 1000 --managers 50 --rate 50 --seconds 60]
 * Needs DATABASE_URL (PostgreSQL). BENCH_SERVER_NODE_ARGS passes flags to the server (e.g. --cpu-prof).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { createTokenSigner } from '../../apps/server/src/platform/auth/tokens.js';
import { createPostgresDatabase } from '../../apps/server/src/test/db.js';
import { freePort } from '../../apps/server/src/test/process.js';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '1000' },
    managers: { type: 'string', default: '50' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
  },
});
const AGENTS = Number(values.agents);
const MANAGERS = Number(values.managers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const base = process.env.DATABASE_URL;
if (!base) {
  console.error('The realtime benchmark needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET = randomUUID() + randomUUID();
const TOKEN = `bench-${randomUUID()}`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** CPU seconds (user + system) of a process, from /proc (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const peakRssMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) / 1024;

async function startServer(url: string, port: number): Promise<ChildProcess> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'apps/server/dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TELEHUB_DEMO: '0',
      TELEHUB_SCHEDULER: '0',
      TELEHUB_JWT_SECRET: SECRET,
      TELEPHONY_PROVIDER: 'exotel',
      EXOTEL_ACCOUNT_SID: 'benchaccount',
      EXOTEL_API_KEY: 'bench-key',
      EXOTEL_API_TOKEN: 'bench-token',
      EXOTEL_CALLER_ID: '08000000000',
      EXOTEL_WEBHOOK_TOKEN: TOKEN,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become ready');
}

/**
 * Agents, one lead each and enough open calls to keep the rate up for the whole run (each call
 * brings two events), inserted directly: the setup is not what is measured.
 */
async function seed(url: string) {
  const callsPerAgent = Math.max(1, Math.ceil((RATE * SECONDS) / (2 * AGENTS)));
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const team = randomUUID();
  await db.query(`insert into teams (id, name) values ($1, 'Bench floor')`, [team]);
  const agents: { id: string; calls: { callId: string; sid: string }[] }[] = [];
  const managers: string[] = [];
  for (let i = 0; i < MANAGERS; i++) {
    const id = randomUUID();
    managers.push(id);
    await db.query(`insert into users (id, email, name, role, password_hash, team_id) values ($1, $2, $3, 'manager', 'x', $4)`, [
      id,
      `manager${i}@bench.example`,
      `Manager ${i}`,
      team,
    ]);
  }
  for (let i = 0; i < AGENTS; i++) {
    const id = randomUUID();
    const lead = randomUUID();
    const calls = Array.from({ length: callsPerAgent }, (_, k) => ({ callId: randomUUID(), sid: `bench${i.toString(16).padStart(8, '0')}x${k}` }));
    agents.push({ id, calls });
    await db.query(`insert into users (id, email, name, role, password_hash, team_id) values ($1, $2, $3, 'telecaller', 'x', $4)`, [
      id,
      `agent${i}@bench.example`,
      `Agent ${i}`,
      team,
    ]);
    await db.query(`insert into leads (id, name, phone, owner_id) values ($1, $2, $3, $4)`, [lead, `Lead ${i}`, `+9170${String(10_000_000 + i)}`, id]);
    for (const c of calls) {
      await db.query(
        `insert into calls (id, lead_id, agent_id, provider, provider_call_id, status, started_at) values ($1, $2, $3, 'exotel', $4, 'dialing', now())`,
        [c.callId, lead, id, c.sid],
      );
    }
  }
  // One open session each, as a sign-in makes: access tokens name it (sid) and are checked against it.
  await db.query(`insert into refresh_tokens (user_id, family_id, token_hash, expires_at) select id, id, 'bench-' || id, now() + interval '1 day' from users`);
  await db.end();
  return { agents, managers };
}

async function main() {
  const database = await createPostgresDatabase(base ?? '');
  const url = database.url ?? '';
  const port = await freePort();
  // The schema first: the server migrates on start, then the rows go in.
  let server = await startServer(url, port);
  const { agents, managers } = await seed(url);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  server = await startServer(url, port);
  const pid = server.pid ?? 0;

  const signer = createTokenSigner(SECRET, 3600);
  // Everyone is on the bench floor's team: its managers watch its agents, as a manager watches their team.
  // The role and team come from the database; the token names the user and the session seeded above.
  const token = (sub: string) => signer.sign({ sub, sid: sub, sv: 0 }, new Date());
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const expected = new Map<string, number>();
  let received = 0;
  const clients: ReturnType<typeof createClient>[] = [];

  const subscribe = async (sub: string, telecallerId?: string) => {
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await token(sub)}` },
      lazy: false,
      retryAttempts: 0,
    });
    clients.push(client);
    const query = telecallerId
      ? `subscription { callStatusChanged(telecallerId: "${telecallerId}") { id status } }`
      : 'subscription { callStatusChanged { id status } }';
    client.subscribe<{ callStatusChanged: { id: string; status: string } }>(
      { query },
      {
        next: (msg) => {
          const c = msg.data?.callStatusChanged;
          if (!c) return;
          const t0 = sentAt.get(`${c.id}:${c.status}`);
          if (t0 === undefined) return;
          latencies.push(performance.now() - t0);
          received++;
        },
        error: (err) => console.error('subscription error', err),
        complete: () => undefined,
      },
    );
  };
  const connectStart = performance.now();
  for (const a of agents) await subscribe(a.id, a.id);
  for (const m of managers) await subscribe(m);
  let snapshots = 0;
  for (const m of managers) {
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await token(m)}` },
      lazy: false,
      retryAttempts: 0,
    });
    clients.push(client);
    client.subscribe(
      { query: 'subscription { teamUpdated { totals { agents onCall liveCalls } updatedAt } }' },
      { next: () => void snapshots++, error: (err) => console.error('teamUpdated error', err), complete: () => undefined },
    );
  }
  // Let every subscription reach the server before the load starts.
  await new Promise((r) => setTimeout(r, 2000));
  const connectSeconds = (performance.now() - connectStart) / 1000;

  const cpuBefore = cpuSeconds(pid);
  const total = RATE * SECONDS;
  const intervalMs = 1000 / RATE;
  const started = performance.now();
  let sent = 0;
  let failedPosts = 0;
  // Each call gets "answered" then a terminal callback: two status changes each subscriber sees.
  // Round k: every agent's k-th call is answered, then every one of them ends, so an agent's
  // calls follow one another and a call's two events are a whole floor apart. (Sent within
  // milliseconds, an end could overtake its answer, and the merge rightly drops a stale answer.)
  const rounds = agents[0]?.calls.length ?? 0;
  const steps = Array.from({ length: rounds }, (_, k) => k).flatMap((k) => {
    const round = agents.map((agent) => agent.calls[k] as { callId: string; sid: string });
    return [
      ...round.map((a) => ({ a, kind: 'answered' as const, status: 'IN_PROGRESS' })),
      ...round.map((a) => ({ a, kind: 'terminal' as const, status: 'COMPLETED' })),
    ];
  });
  const snapshotsBefore = snapshots;
  for (let i = 0; i < total && i < steps.length; i++) {
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const step = steps[i];
    if (!step) break;
    const { a, kind, status } = step;
    const now = new Date();
    const stamp = now.toISOString().replace('T', ' ').slice(0, 19);
    const body = {
      CallSid: a.sid,
      EventType: kind,
      Status: kind === 'answered' ? 'in-progress' : 'completed',
      CustomField: a.callId,
      DateCreated: stamp,
      DateUpdated: stamp,
      StartTime: stamp,
      ...(kind === 'terminal'
        ? {
            EndTime: stamp,
            ConversationDuration: 30,
            Legs: [
              { OnCallDuration: 40, Status: 'completed' },
              { OnCallDuration: 30, Status: 'completed' },
            ],
          }
        : {}),
    };
    sentAt.set(`${a.callId}:${status}`, performance.now());
    expected.set(`${a.callId}:${status}`, 1 + MANAGERS);
    sent++;
    fetch(`http://127.0.0.1:${port}/webhooks/exotel/status/${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then((r) => {
        if (!r.ok) failedPosts++;
        return r.arrayBuffer();
      })
      .catch(() => failedPosts++);
  }
  const driveSeconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 3000));
  const cpu = cpuSeconds(pid) - cpuBefore;
  const floorSnapshots = snapshots - snapshotsBefore;
  const want = [...expected.values()].reduce((s, n) => s + n, 0);
  const sorted = [...latencies].sort((x, y) => x - y);
  for (const c of clients) await c.dispose();
  const rss = peakRssMb(pid);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await database.drop();

  const p99 = percentile(sorted, 99);
  console.log(
    JSON.stringify(
      {
        benchmark: 'realtime',
        node: 1,
        bus: process.env.REDIS_URL ? 'redis' : 'in-process',
        cpus: os.cpus().length,
        agentSessions: AGENTS,
        managerSubscriptions: MANAGERS,
        connectSeconds: Number(connectSeconds.toFixed(1)),
        events: { sent, perSecond: Number((sent / driveSeconds).toFixed(1)), failedPosts },
        deliveries: { expected: want, received, dropped: want - received },
        teamUpdated: { managers: MANAGERS, snapshots: floorSnapshots, perManagerPerSecond: Number((floorSnapshots / MANAGERS / driveSeconds).toFixed(2)) },
        latencyMs: {
          p50: Number(percentile(sorted, 50).toFixed(1)),
          p95: Number(percentile(sorted, 95).toFixed(1)),
          p99: Number(p99.toFixed(1)),
          max: Number((sorted.at(-1) ?? Number.NaN).toFixed(1)),
        },
        server: { cpuPercent: Number(((cpu / driveSeconds) * 100).toFixed(1)), peakRssMB: Math.round(rss) },
        target: { p99Ms: 100, dropped: 0 },
        meetsTarget: p99 < 100 && want === received && failedPosts === 0,
      },
      null,
      2,
    ),
  );
}

await main();
