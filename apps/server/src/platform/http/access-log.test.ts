/**
 * Request logging on the real app over real HTTP: a large body never reaches the log formatter
 * (it once stalled every other request for tens of seconds), and each request leaves one access
 * line that says what was asked and how it went.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createLogger } from '../logging.js';
import { until } from '../testing/until.js';

type Line = {
  msg?: string;
  level: number;
  req?: { id?: string; method?: string; url?: string; route?: string };
  res?: { statusCode?: number };
  responseTime?: number;
};

let t: TestApp;
let base = '';
const raw: string[] = [];
const lines = () => raw.map((l) => JSON.parse(l) as Line);
const accessLines = () => lines().filter((l) => l.msg === 'request completed');

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line) raw.push(line);
      cb();
    },
  });
  t = await createTestApp({ logger: createLogger({ level: 'info', destination: sink }) });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => t.close());

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('request logs', () => {
  it('a 100 KB string in a body, to an unknown route or a real one, does not hold up other requests', async () => {
    const long = 'a'.repeat(100_000);
    let posting = true;
    const latencies: number[] = [];
    const statuses = new Set<number>();
    const probe = (async () => {
      while (posting) {
        const started = performance.now();
        const res = await fetch(`${base}/healthz`);
        latencies.push(performance.now() - started);
        statuses.add(res.status);
      }
    })();
    const posts = await Promise.all([
      fetch(`${base}/api/v1/no-such-route`, json({ note: long, email: `${long}@x` })),
      fetch(`${base}/api/v1/auth/login`, json({ email: long, password: long })),
    ]);
    // The access lines are written once each response is out: keep asking a little longer.
    await new Promise((r) => setTimeout(r, 500));
    posting = false;
    await probe;
    expect(latencies.length).toBeGreaterThan(0);
    // Before: /healthz waited 25-48 s behind one such body. A generous bound, far from both.
    expect(Math.max(...latencies)).toBeLessThan(5_000);
    expect([...statuses]).toEqual([200]);
    expect(posts.map((r) => r.status)).toEqual([404, 400]);
    for (const line of raw) expect(line.length).toBeLessThan(20_000);
    expect(raw.join('\n')).not.toContain('a'.repeat(1_000));
  }, 180_000);

  it('writes one access line a request: method, route, url (masked), status and duration', async () => {
    raw.length = 0;
    await fetch(`${base}/healthz`);
    await fetch(`${base}/api/v1/leads?q=9876543210&pageSize=1`, { headers: { authorization: `Bearer ${t.cast.admin.token}` } });
    await fetch(`${base}/api/v1/no-such-route`, json({ x: 1 }));
    await fetch(`${base}/webhooks/exotel/status/s3cr3t-token`, json({}));
    await until('four access lines', () => accessLines().length >= 4);
    const access = accessLines();
    expect(access).toHaveLength(4);
    for (const line of access) {
      expect(line.req?.id).toEqual(expect.any(String));
      expect(line.req?.method).toEqual(expect.any(String));
      expect(line.res?.statusCode).toEqual(expect.any(Number));
      expect(line.responseTime).toEqual(expect.any(Number));
    }
    const [health, leads, unknown, webhook] = access;
    expect(health).toMatchObject({ level: 30, req: { method: 'GET', url: '/healthz', route: '/healthz' }, res: { statusCode: 200 } });
    expect(leads).toMatchObject({ req: { method: 'GET', route: '/api/v1/leads' }, res: { statusCode: 200 } });
    expect(leads?.req?.url).toMatch(/^\/api\/v1\/leads\?q=\*\*\*10&pageSize=1$/);
    expect(unknown).toMatchObject({ req: { method: 'POST', url: '/api/v1/no-such-route' }, res: { statusCode: 404 } });
    expect(webhook?.req?.url).toBe('/webhooks/exotel/status/[redacted]');
    expect(webhook?.req?.route).toBe('/webhooks/exotel/status/:token');
    // One line a request: no separate "incoming request" line.
    expect(lines().filter((l) => l.msg === 'incoming request')).toHaveLength(0);
    expect(raw.join('\n')).not.toContain('9876543210');
    expect(raw.join('\n')).not.toContain('s3cr3t-token');
  });
});
