/**
 * Subscriptions fed by the app's EventBus, not by mercurius' in-memory emitter: with the Redis
 * bus, a subscriber on one node sees events published on any other. Each subscription holds its
 * own bus handlers and drops them when the client stops or the socket closes (mercurius ends the
 * iterator, which calls return()).
 */
import type { Alert, AssistCard, Call, Presence, TranscriptSegment } from '@telehub/shared';
import type { EventBus, EventName, EventPayloads } from '../platform/events/bus.js';

/** An async iterator that a push source fills; return() runs `onClose` once. */
export type Feed<T> = AsyncIterableIterator<T> & { push(value: T): void; return(): Promise<IteratorResult<T>> };

export function createFeed<T>(opts: { max: number; latestOnly?: boolean; onClose: () => void; onDrop?: () => void }): Feed<T> {
  const buffer: { value: T }[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | null = null;
  let done = false;
  const close = () => {
    if (done) return;
    done = true;
    buffer.length = 0;
    opts.onClose();
    waiting?.({ value: undefined, done: true });
    waiting = null;
  };
  return {
    push(value) {
      if (done) return;
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value, done: false });
        return;
      }
      // A snapshot replaces the one not yet sent; a stream of changes keeps each, up to `max`.
      if (opts.latestOnly) buffer.length = 0;
      else if (buffer.length >= opts.max) {
        buffer.shift();
        opts.onDrop?.();
      }
      buffer.push({ value });
    },
    next() {
      const item = buffer.shift();
      if (item) return Promise.resolve({ value: item.value, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<T>>((resolve) => {
        waiting = resolve;
      });
    },
    return() {
      close();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err: unknown) {
      close();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Changes queued for one slow subscriber before the oldest are dropped. */
const MAX_QUEUED = 1000;

export type BusBridge = ReturnType<typeof createBusBridge>;

export function createBusBridge(deps: { bus: EventBus; log: { warn(o: object, msg: string): void } }) {
  /** A feed of one bus topic, mapped and filtered per subscriber. */
  function topic<K extends EventName, T>(name: K, pick: (payload: EventPayloads[K]) => T | undefined): Feed<T> {
    let unsubscribe: () => void = () => undefined;
    const feed = createFeed<T>({
      max: MAX_QUEUED,
      onClose: () => unsubscribe(),
      onDrop: () => deps.log.warn({ event: name }, 'graphql subscriber too slow: oldest update dropped'),
    });
    unsubscribe = deps.bus.subscribe(name, (payload) => {
      const value = pick(payload);
      if (value !== undefined) feed.push(value);
    });
    return feed;
  }

  return {
    calls: (filter: (call: Call) => boolean) => topic('call.updated', ({ call }) => (filter(call) ? call : undefined)),

    alerts: (filter: (alert: Alert) => boolean) => topic('alert.changed', ({ alert }) => (filter(alert) ? alert : undefined)),

    /**
     * Presence changes, after the current states `current` reads (subscribed first, so a change
     * made meanwhile is not missed; a state older than one already sent is not sent).
     */
    async presence(filter: (p: Presence) => boolean, current: () => Promise<Presence[]>): Promise<Feed<Presence>> {
      const sent = new Map<string, number>();
      const newer = (p: Presence) => {
        const at = Date.parse(p.since);
        if ((sent.get(p.userId) ?? Number.NEGATIVE_INFINITY) > at) return false;
        sent.set(p.userId, at);
        return true;
      };
      const feed = topic('agent.presence', ({ presence }) => (filter(presence) && newer(presence) ? presence : undefined));
      try {
        for (const p of await current()) if (newer(p)) feed.push(p);
      } catch (err) {
        await feed.return();
        throw err;
      }
      return feed;
    },

    /**
     * A call's live segments, after the ones `replay` reads (stored before subscribing): live
     * segments that arrive meanwhile wait, and none is delivered twice.
     */
    async segments(callId: string, replay: () => Promise<TranscriptSegment[]>): Promise<Feed<TranscriptSegment>> {
      const state: { held: TranscriptSegment[] | null } = { held: [] };
      const replayed = new Set<number>();
      const feed = topic('transcript.segment', ({ segment }) => {
        if (segment.callId !== callId) return undefined;
        if (state.held) {
          state.held.push(segment);
          return undefined;
        }
        return replayed.has(segment.seq) ? undefined : segment;
      });
      try {
        for (const seg of await replay()) {
          replayed.add(seg.seq);
          feed.push(seg);
        }
      } catch (err) {
        await feed.return();
        throw err;
      }
      const held = state.held ?? [];
      state.held = null;
      for (const seg of held) if (!replayed.has(seg.seq)) feed.push(seg);
      return feed;
    },

    /** A call's assist cards, after the ones `replay` reads (stored before subscribing); none twice. */
    async cards(callId: string, replay: () => Promise<AssistCard[]>): Promise<Feed<AssistCard>> {
      const state: { held: AssistCard[] | null } = { held: [] };
      const replayed = new Set<string>();
      const feed = topic('assist.card', ({ card }) => {
        if (card.callId !== callId) return undefined;
        if (state.held) {
          state.held.push(card);
          return undefined;
        }
        return replayed.has(card.id) ? undefined : card;
      });
      try {
        for (const card of await replay()) {
          replayed.add(card.id);
          feed.push(card);
        }
      } catch (err) {
        await feed.return();
        throw err;
      }
      const held = state.held ?? [];
      state.held = null;
      for (const card of held) if (!replayed.has(card.id)) feed.push(card);
      return feed;
    },
  };
}
