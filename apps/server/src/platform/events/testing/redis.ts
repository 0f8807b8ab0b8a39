/**
 * The real Redis for the bus and queue tests (REDIS_URL, default localhost). Without a reachable
 * server the tests are skipped, except in CI, where that is a failure.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Null when Redis answers; otherwise why not (and a thrown error in CI). */
export async function redisProblem(what: string): Promise<string | null> {
  // No retries: an absent server should be reported in seconds, not retried for minutes.
  const probe = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The connect error itself (ECONNREFUSED, ...) says more than the "Connection is closed" that follows.
  let cause: unknown;
  probe.on('error', (err) => {
    cause ??= err;
  });
  let problem: string | null = null;
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    const first = cause ?? err;
    problem = first instanceof Error ? first.message : String(first);
  } finally {
    probe.disconnect();
  }
  if (problem && process.env.CI) throw new Error(`Redis at REDIS_URL is required in CI: ${problem}`);
  if (problem) console.warn(`Skipping the ${what} tests: no Redis at ${TEST_REDIS_URL} (${problem})`);
  return problem;
}

/** A key prefix of its own, so concurrent test files never see each other's keys. */
export const testPrefix = () => `telehub-test-${randomBytes(4).toString('hex')}`;

export function adminConnection(): Redis {
  const r = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  r.on('error', () => undefined);
  return r;
}

/** Deletes every key under the prefix. */
export async function dropKeys(admin: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await admin.del(...keys);
  } while (cursor !== '0');
}

export { until } from '../../testing/until.js';
