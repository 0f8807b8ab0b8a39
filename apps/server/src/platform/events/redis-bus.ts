/**
 * The event bus across nodes over Redis pub/sub. Every event goes through Redis, also on the node
 * that published it, so each subscriber sees each event once, whichever node it lives on.
 *
 * Payloads cross the wire as JSON: publish JSON-safe DTOs (ISO strings rather than Dates, no
 * class instances, no undefined inside arrays), which is what the modules' payloads already are.
 * Pub/sub is at-most-once: a node that is disconnected from Redis misses what is published
 * meanwhile (ioredis reconnects and re-subscribes, but does not replay).
 *
 * Publishing never holds up the caller for long: while Redis is unreachable a publish fails at
 * once (no offline queue) or after PUBLISH_TIMEOUT_MS, and the event waits in a bounded backlog
 * that is published, in order, when the connection is back. Screens get late news rather than
 * none; what must not be lost travels through the domain-event outbox, not this bus.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logging.js';
import { within } from '../timeout.js';
import type { EventBus, EventHandler, EventName } from './bus.js';

export type RedisBusOptions = {
  redisUrl: string;
  logger: Logger;
  /** Namespaces the channels (`<prefix>:events:<name>`), so tests and deployments can share a Redis. */
  prefix?: string;
  /** Names the Redis connections and the log lines of this node. */
  nodeId?: string;
  /** Events kept for replay while Redis is unreachable (default 10,000). */
  backlogLimit?: number;
};

const PUBLISH_TIMEOUT_MS = 1_000;

export type BusStats = {
  /** Messages this node received from Redis, over all channels. */
  received: number;
  /** Handler runs that threw or rejected. */
  handlerErrors: number;
  /** Publishes that Redis did not accept at once (the event waited in the backlog). */
  publishErrors: number;
  /** Events waiting for Redis to come back. */
  backlog: number;
  /** Events dropped because the backlog was full (the oldest go first). */
  dropped: number;
  /** Channels this node is subscribed to (one per event name with local handlers). */
  channels: number;
};

export type RedisEventBus = EventBus & {
  /** Resolves once every SUBSCRIBE issued so far is active on the server. */
  ready(): Promise<void>;
  /** Rejects when Redis does not answer a PING within the time-out (readiness checks). */
  ping(timeoutMs?: number): Promise<void>;
  stats(): BusStats;
};

export function createRedisBus(opts: RedisBusOptions): RedisEventBus {
  const { logger } = opts;
  const nodeId = opts.nodeId ?? randomUUID().slice(0, 8);
  const channelPrefix = `${opts.prefix ?? 'telehub'}:events:`;
  const log = logger.child({ component: 'redis-bus', nodeId });

  // An outage must not hold up the caller (a webhook, a state change): no offline queue and a
  // command time-out, so a publish fails fast and its event waits in the backlog instead.
  const pub = new Redis(opts.redisUrl, {
    connectionName: `telehub:${nodeId}:pub`,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: PUBLISH_TIMEOUT_MS,
    connectTimeout: 5_000,
  });
  // A connection in subscriber mode can run nothing else, hence its own. Its commands wait
  // through any outage (null), so a SUBSCRIBE issued while disconnected is not lost.
  const sub = new Redis(opts.redisUrl, { connectionName: `telehub:${nodeId}:sub`, maxRetriesPerRequest: null, autoResubscribe: true });

  const handlers = new Map<string, Set<EventHandler<EventName>>>();
  const pending = new Set<Promise<unknown>>();
  const stats = { received: 0, handlerErrors: 0, publishErrors: 0, dropped: 0 };
  const backlogLimit = opts.backlogLimit ?? 10_000;
  const backlog: { channel: string; message: string }[] = [];
  let replaying: Promise<void> | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;

  // Without listeners, an 'error' event would crash the process; ioredis retries by itself.
  pub.on('error', (err) => log.warn({ err }, 'redis publisher connection error'));
  sub.on('error', (err) => log.warn({ err }, 'redis subscriber connection error'));
  sub.on('ready', () => log.debug('redis subscriber ready'));
  pub.on('ready', () => void replay());

  function keep(channel: string, message: string) {
    backlog.push({ channel, message });
    if (backlog.length > backlogLimit) {
      backlog.splice(0, backlog.length - backlogLimit);
      stats.dropped++;
    }
  }

  /** Publishes what waited, oldest first; stops at the first failure (Redis went away again). */
  function replay(): Promise<void> {
    if (backlog.length === 0) return Promise.resolve();
    replaying ??= (async () => {
      await Promise.resolve(); // settles after the assignment, never before it
      let sent = 0;
      try {
        while (backlog.length > 0 && !closed) {
          const next = backlog[0] as { channel: string; message: string };
          await pub.publish(next.channel, next.message);
          backlog.shift();
          sent++;
        }
      } catch (err) {
        log.warn({ err, waiting: backlog.length }, 'redis unreachable again; events keep waiting');
      } finally {
        if (sent > 0) log.info({ events: sent }, 'published the events that waited for redis');
        replaying = undefined;
      }
    })();
    return replaying;
  }

  const track = (p: Promise<unknown>, what: string, channel: string) => {
    const tracked = p
      .catch((err: unknown) => {
        if (!closed) log.error({ err, channel }, `redis ${what} failed`);
      })
      .finally(() => pending.delete(tracked));
    pending.add(tracked);
  };

  sub.on('message', (channel: string, message: string) => {
    stats.received++;
    if (!channel.startsWith(channelPrefix)) return;
    const name = channel.slice(channelPrefix.length);
    const set = handlers.get(name);
    if (!set || set.size === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch (err) {
      log.error({ err, event: name }, 'dropped an event that is not JSON');
      return;
    }
    // A slow or failing subscriber must not hold up the others (same as the in-process bus).
    for (const h of [...set]) {
      queueMicrotask(() => {
        Promise.resolve()
          .then(() => h(payload as never))
          .catch((err: unknown) => {
            stats.handlerErrors++;
            log.error({ err, event: name }, 'event subscriber failed');
          });
      });
    }
  });

  async function shut(conn: Redis): Promise<void> {
    // QUIT lets replies in flight arrive; a connection that is not up has nothing to flush.
    if (conn.status === 'ready') {
      await conn.quit().catch(() => conn.disconnect());
    } else {
      conn.disconnect();
    }
  }

  return {
    async publish(name, payload) {
      if (closed) return;
      const channel = channelPrefix + name;
      const message = JSON.stringify(payload);
      // Order holds: while older events wait, a new one queues behind them.
      if (backlog.length > 0 || replaying) {
        keep(channel, message);
        if (pub.status === 'ready') void replay();
        return;
      }
      try {
        await pub.publish(channel, message);
      } catch (err) {
        stats.publishErrors++;
        keep(channel, message);
        log.warn({ err, event: name, waiting: backlog.length }, 'could not publish event; it waits for redis');
      }
    },
    subscribe(name, handler) {
      if (closed) return () => undefined;
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
        // Commands on one connection run in order, so a quick subscribe/unsubscribe/subscribe
        // sequence ends subscribed, as the local map says.
        track(sub.subscribe(channelPrefix + name), 'subscribe', name);
      }
      const mine = set;
      mine.add(handler as EventHandler<EventName>);
      return () => {
        if (!mine.delete(handler as EventHandler<EventName>)) return;
        if (mine.size > 0 || handlers.get(name) !== mine || closed) return;
        handlers.delete(name);
        track(sub.unsubscribe(channelPrefix + name), 'unsubscribe', name);
      };
    },
    async ready() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async ping(timeoutMs = 1_000) {
      await within(pub.ping(), timeoutMs, () => new Error(`redis did not answer within ${timeoutMs} ms`));
    },
    stats() {
      return { ...stats, backlog: backlog.length, channels: handlers.size };
    },
    close() {
      // Every caller of close() waits for the same shutdown.
      closing ??= (async () => {
        closed = true;
        handlers.clear();
        await Promise.all([shut(pub), shut(sub)]);
        await Promise.all([...pending]);
      })();
      return closing;
    },
  };
}
