/**
 * The event bus chosen by config: in-process on one node (no REDIS_URL), Redis pub/sub when
 * several nodes must see each other's events.
 */
import type { Logger } from '../logging.js';
import { createInProcessBus, type EventBus } from './bus.js';
import { type BusStats, createRedisBus } from './redis-bus.js';

export type { EventBus, EventHandler, EventName, EventPayloads } from './bus.js';
export { createInProcessBus } from './bus.js';
export { type BusStats, createRedisBus, type RedisBusOptions, type RedisEventBus } from './redis-bus.js';

export type EventBusOptions = {
  /** REDIS_URL; unset means the in-process bus. */
  redisUrl?: string;
  logger: Logger;
  /** Names this node's Redis connections and log lines. */
  nodeId?: string;
  /** Channel namespace on a shared Redis (default `telehub`). */
  prefix?: string;
};

export type SelectedEventBus = EventBus & {
  readonly kind: 'in-process' | 'redis';
  /** Resolves once subscriptions made so far receive events (at once in process). */
  ready(): Promise<void>;
  /** Counters for metrics; only the Redis bus has them. */
  stats?: () => BusStats;
  /** Whether Redis answers (readiness); only the Redis bus has it. */
  ping?: (timeoutMs?: number) => Promise<void>;
};

export function createEventBus(opts: EventBusOptions): SelectedEventBus {
  if (!opts.redisUrl) {
    return { ...createInProcessBus(opts.logger), kind: 'in-process', ready: async () => undefined };
  }
  const bus = createRedisBus({ redisUrl: opts.redisUrl, logger: opts.logger, nodeId: opts.nodeId, prefix: opts.prefix });
  return { ...bus, kind: 'redis' };
}
