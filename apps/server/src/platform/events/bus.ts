/**
 * The event bus behind one interface: typed topics, publish and subscribe. This is the
 * in-process bus (one node); a Redis pub/sub bus implements the same interface across nodes.
 *
 * Modules declare their payloads by augmenting EventPayloads:
 *   declare module '../../platform/events/bus.js' { interface EventPayloads { 'call.updated': { call: Call } } }
 */
import type { Logger } from '../logging.js';

// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging in each module
export interface EventPayloads {}
export type EventName = keyof EventPayloads & string;
export type EventHandler<K extends EventName> = (payload: EventPayloads[K]) => void | Promise<void>;

export interface EventBus {
  publish<K extends EventName>(name: K, payload: EventPayloads[K]): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe<K extends EventName>(name: K, handler: EventHandler<K>): () => void;
  close(): Promise<void>;
}

export function createInProcessBus(logger: Logger): EventBus {
  const handlers = new Map<string, Set<EventHandler<EventName>>>();
  return {
    async publish(name, payload) {
      const set = handlers.get(name);
      if (!set || set.size === 0) return;
      const list = [...set];
      const failed = (err: unknown) => logger.error({ err, event: name }, 'event subscriber failed');
      // After the publisher's turn, and a failing subscriber stops none of the others. One task
      // for all of them: with a thousand sessions subscribed, a task and a promise each cost more
      // than the handlers themselves.
      queueMicrotask(() => {
        for (const h of list) {
          try {
            const r = (h as EventHandler<typeof name>)(payload);
            if (r) r.catch(failed);
          } catch (err) {
            failed(err);
          }
        }
      });
    },
    subscribe(name, handler) {
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
      }
      set.add(handler as EventHandler<EventName>);
      return () => set.delete(handler as EventHandler<EventName>);
    },
    async close() {
      handlers.clear();
    },
  };
}
