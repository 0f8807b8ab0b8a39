import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging.js';
import { createOutageProxy } from '../testing/outage-proxy.js';
import { createEventBus } from './index.js';
import { createRedisBus, type RedisEventBus } from './redis-bus.js';
import { adminConnection, redisProblem, TEST_REDIS_URL, testPrefix, until } from './testing/redis.js';

declare module './bus.js' {
  interface EventPayloads {
    'test.ping': { n: number; at: string };
    'test.other': { n: number };
  }
}

/** Two buses on one Redis stand for two nodes. */
const problem = await redisProblem('Redis event bus');
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

let prefix: string;
let buses: RedisEventBus[] = [];
let admin: Redis;
const node = (nodeId: string) => {
  const bus = createRedisBus({ redisUrl: TEST_REDIS_URL, logger, prefix, nodeId: `${prefix}-${nodeId}` });
  buses.push(bus);
  return bus;
};
const subscribers = (name: string) => admin.pubsub('NUMSUB', `${prefix}:events:${name}`).then((r) => Number(r[1]));
const clientsOf = async (nodeId: string) =>
  String(await admin.client('LIST'))
    .split('\n')
    .filter((l) => l.includes(`name=telehub:${prefix}-${nodeId}:`));

describe.skipIf(problem !== null)('Redis event bus', () => {
  beforeAll(() => {
    admin = adminConnection();
  });
  afterAll(async () => {
    await admin.quit();
  });
  afterEach(async () => {
    await Promise.all(buses.map((b) => b.close()));
    buses = [];
  });
  // A fresh prefix per test: channels of one test never reach another's subscribers.
  const fresh = () => {
    prefix = testPrefix();
  };

  it('delivers an event published on one node to handlers on every node, once each', async () => {
    fresh();
    const a = node('a');
    const b = node('b');
    const onA: number[] = [];
    const onB: number[] = [];
    const onB2: number[] = [];
    a.subscribe('test.ping', ({ n }) => void onA.push(n));
    b.subscribe('test.ping', ({ n }) => void onB.push(n));
    b.subscribe('test.ping', ({ n }) => void onB2.push(n));
    await Promise.all([a.ready(), b.ready()]);
    // Dates cross the wire as ISO strings: payloads are JSON DTOs.
    const seen: string[] = [];
    b.subscribe('test.ping', ({ at }) => void seen.push(typeof at));
    await b.ready();

    await a.publish('test.ping', { n: 1, at: new Date(0).toISOString() });
    // A second event from the same publisher arrives after the first: once it is in, any
    // duplicate of the first would have been too.
    await a.publish('test.ping', { n: 2, at: new Date(0).toISOString() });
    await until('both nodes to see both events', () => onA.length >= 2 && onB.length >= 2 && onB2.length >= 2);
    expect(onA).toEqual([1, 2]);
    expect(onB).toEqual([1, 2]);
    expect(onB2).toEqual([1, 2]);
    expect(seen).toEqual(['string', 'string']);
    expect(a.stats()).toMatchObject({ received: 2, channels: 1, handlerErrors: 0 });
    expect(b.stats()).toMatchObject({ received: 2, channels: 1 });
  });

  it('subscribes a channel with its first handler and leaves it with its last', async () => {
    fresh();
    const a = node('a');
    const b = node('b');
    const gotB: number[] = [];
    const otherB: number[] = [];
    const one = b.subscribe('test.ping', ({ n }) => void gotB.push(n));
    const two = b.subscribe('test.ping', ({ n }) => void gotB.push(n * 10));
    b.subscribe('test.other', ({ n }) => void otherB.push(n));
    await b.ready();
    expect(await subscribers('test.ping')).toBe(1);

    one();
    await b.ready();
    expect(await subscribers('test.ping')).toBe(1);
    await a.publish('test.ping', { n: 1, at: '' });
    await until('the remaining handler', () => gotB.length === 1);
    expect(gotB).toEqual([10]);

    two();
    two(); // unsubscribing twice is harmless
    await b.ready();
    expect(await subscribers('test.ping')).toBe(0);
    expect(b.stats().channels).toBe(1);
    const receivedBefore = b.stats().received;
    await a.publish('test.ping', { n: 2, at: '' });
    await a.publish('test.other', { n: 3 });
    // Redis keeps one publisher's order: the later event in means the earlier one was not sent here.
    await until('the later event', () => otherB.length === 1);
    expect(gotB).toEqual([10]);
    expect(b.stats().received).toBe(receivedBefore + 1);

    // Subscribing again after leaving works.
    b.subscribe('test.ping', ({ n }) => void gotB.push(n));
    await b.ready();
    await a.publish('test.ping', { n: 4, at: '' });
    await until('the new handler', () => gotB.length === 2);
    expect(gotB).toEqual([10, 4]);
  });

  it('keeps each publisher’s order over many events', async () => {
    fresh();
    const a = node('a');
    const b = node('b');
    const got: number[] = [];
    b.subscribe('test.other', ({ n }) => void got.push(n));
    await b.ready();
    // Published without waiting for each other, as a busy node would.
    await Promise.all(Array.from({ length: 500 }, (_, n) => a.publish('test.other', { n })));
    await until('500 events', () => got.length === 500);
    expect(got).toEqual(Array.from({ length: 500 }, (_, n) => n));
  });

  it('keeps delivering when a handler throws or rejects', async () => {
    fresh();
    const a = node('a');
    const got: number[] = [];
    a.subscribe('test.other', () => {
      throw new Error('boom');
    });
    a.subscribe('test.other', async () => {
      throw new Error('async boom');
    });
    a.subscribe('test.other', ({ n }) => void got.push(n));
    await a.ready();
    await a.publish('test.other', { n: 1 });
    await a.publish('test.other', { n: 2 });
    await until('both events', () => got.length === 2);
    await until('both failures of both events', () => a.stats().handlerErrors === 4);
    expect(got).toEqual([1, 2]);
  });

  it('re-subscribes after the connection to Redis drops', async () => {
    fresh();
    const a = node('a');
    const b = node('b');
    const got: number[] = [];
    b.subscribe('test.other', ({ n }) => void got.push(n));
    await b.ready();
    const [line] = (await clientsOf('b')).filter((l) => l.includes(':sub '));
    const id = line?.match(/\bid=(\d+)/)?.[1];
    expect(id).toBeDefined();
    await admin.client('KILL', 'ID', String(id));
    await until('the subscriber to come back', async () => (await clientsOf('b')).some((l) => l.includes(':sub ') && !l.includes(`id=${id} `)));
    await until('the channel to be subscribed again', async () => (await subscribers('test.other')) === 1);
    await a.publish('test.other', { n: 7 });
    await until('the event after the reconnect', () => got.length === 1);
    expect(got).toEqual([7]);
  });

  it('does not hold up a publisher while Redis is down, and publishes what waited, in order, when it is back', async () => {
    fresh();
    const proxy = await createOutageProxy({ host: new URL(TEST_REDIS_URL).hostname, port: Number(new URL(TEST_REDIS_URL).port || 6379) });
    const a = createRedisBus({ redisUrl: proxy.url(TEST_REDIS_URL), logger, prefix, nodeId: `${prefix}-a` });
    buses.push(a);
    const b = node('b');
    const got: number[] = [];
    b.subscribe('test.other', ({ n }) => void got.push(n));
    await b.ready();
    await a.publish('test.other', { n: 1 });
    await until('the event before the outage', () => got.length === 1);
    try {
      await proxy.down();
      const started = Date.now();
      for (let n = 2; n <= 4; n++) await a.publish('test.other', { n });
      // Without a bound, each publish waited for ioredis' reconnect attempts (seconds each).
      expect(Date.now() - started).toBeLessThan(3_000);
      await a.ping(200).then(
        () => expect.unreachable('ping must fail while Redis is down'),
        (err: Error) => expect(err.message).toBeTruthy(),
      );
      expect(a.stats().backlog).toBe(3);
      await proxy.up();
      await until('the events that waited', () => got.length === 4, 20_000);
      expect(got).toEqual([1, 2, 3, 4]);
      expect(a.stats()).toMatchObject({ backlog: 0, dropped: 0 });
      await a.ping();
    } finally {
      await proxy.close();
    }
  });

  it('closes both connections and ignores use after close', async () => {
    fresh();
    const a = node('a');
    a.subscribe('test.other', () => undefined);
    await a.publish('test.other', { n: 1 });
    await a.ready();
    expect(await clientsOf('a')).toHaveLength(2);
    await a.close();
    await a.close();
    await until('the connections to go', async () => (await clientsOf('a')).length === 0);
    await a.publish('test.other', { n: 2 });
    expect(typeof a.subscribe('test.other', () => undefined)).toBe('function');
    expect(await subscribers('test.other')).toBe(0);
  });

  it('is chosen by the factory when a Redis URL is given, in-process otherwise', async () => {
    fresh();
    const local = createEventBus({ logger });
    expect(local.kind).toBe('in-process');
    await local.close();
    const remote = createEventBus({ redisUrl: TEST_REDIS_URL, logger, nodeId: `${prefix}-f`, prefix });
    expect(remote.kind).toBe('redis');
    const got: number[] = [];
    remote.subscribe('test.other', ({ n }) => void got.push(n));
    await remote.ready();
    await remote.publish('test.other', { n: 5 });
    await until('the event', () => got.length === 1);
    await remote.close();
  });
});
