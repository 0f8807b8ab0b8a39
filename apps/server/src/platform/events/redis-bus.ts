/**
 * The event bus across nodes over Redis pub/sub. Every event goes through Redis, also on the node
 * that published it, so each subscriber sees each event once, whichever node it lives on.
 *
 * Payloads cross the wire as JSON: publish JSON-safe DTOs (ISO strings rather than Dates, no
 * class instances, no undefined inside arrays), which is what the modules' payloads already are.
 * Pub/sub is at-most-once: a node that is disconnected from Redis misses what is published
 * meanwhile (ioredis reconnects and re-subscribes, but does not replay).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logging.js';
import type { EventBus, EventHandler, EventName } from './bus.js';

export type RedisBusOptions = {
  redisUrl: string;
  logger: Logger;
  /** Namespaces the channels (`<prefix>:events:<name>`), so tests and deployments can share a Redis. */
  prefix?: string;
  /** Names the Redis connections and the log lines of this node. */
  nodeId?: string;
};

export type BusStats = {
  /** Messages this node received from Redis, over all channels. */
  received: number;
  /** Handler runs that threw or rejected. */
  handlerErrors: number;
  /** Publishes that Redis did not accept (the event was dropped). */
  publishErrors: number;
  /** Channels this node is subscribed to (one per event name with local handlers). */
  channels: number;
};

export type RedisEventBus = EventBus & {
  /** Resolves once every SUBSCRIBE issued so far is active on the server. */
  ready(): Promise<void>;
  stats(): BusStats;
};

export function createRedisBus(opts: RedisBusOptions): RedisEventBus {
  const { logger } = opts;
  const nodeId = opts.nodeId ?? randomUUID().slice(0, 8);
  const channelPrefix = `${opts.prefix ?? 'telehub'}:events:`;
  const log = logger.child({ component: 'redis-bus', nodeId });

  // A short outage should not lose a publish, but a long one must not hold up the caller
  // (a webhook, a state change) forever: a few retries, then the event is dropped and logged.
  const pub = new Redis(opts.redisUrl, { connectionName: `telehub:${nodeId}:pub`, maxRetriesPerRequest: 3 });
  // A connection in subscriber mode can run nothing else, hence its own. Its commands wait
  // through any outage (null), so a SUBSCRIBE issued while disconnected is not lost.
  const sub = new Redis(opts.redisUrl, { connectionName: `telehub:${nodeId}:sub`, maxRetriesPerRequest: null, autoResubscribe: true });

  const handlers = new Map<string, Set<EventHandler<EventName>>>();
  const pending = new Set<Promise<unknown>>();
  const stats = { received: 0, handlerErrors: 0, publishErrors: 0 };
  let closed = false;
  let closing: Promise<void> | undefined;

  // Without listeners, an 'error' event would crash the process; ioredis retries by itself.
  pub.on('error', (err) => log.warn({ err }, 'redis publisher connection error'));
  sub.on('error', (err) => log.warn({ err }, 'redis subscriber connection error'));
  sub.on('ready', () => log.debug('redis subscriber ready'));

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
      try {
        await pub.publish(channelPrefix + name, JSON.stringify(payload));
      } catch (err) {
        stats.publishErrors++;
        log.error({ err, event: name }, 'could not publish event; dropped');
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
    stats() {
      return { ...stats, channels: handlers.size };
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
