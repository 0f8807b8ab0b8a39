/**
 * callStatusChanged through the shared fan-out: one bus handler per node (not one per
 * subscriber); each call change goes to the subscribers whose watch sees it, executed and encoded
 * once per document and watch (fifty managers of one team: one answer). Changes are sent in the
 * order they came. A subscriber whose socket is backed up misses the change, as a full queue
 * dropped it before; the log says so, at most once a minute.
 */
import type { Call } from '@telehub/shared';
import type { CallWatch } from '../modules/calls/index.js';
import type { EventBus } from '../platform/events/bus.js';
import type { Fanout, Receiver } from './fanout.js';
import { callParent } from './presenters.js';

export type CallsFeed = ReturnType<typeof createCallsFeed>;

const WARN_EVERY_MS = 60_000;

export function createCallsFeed(deps: { bus: EventBus; fanout: Fanout; log: { warn(o: object, msg: string): void } }) {
  const subscribers = new Map<Receiver, CallWatch>();
  // Most subscribers watch one agent (telecallers): found by the call's agent, not by asking each.
  const byAgent = new Map<string, Map<Receiver, CallWatch>>();
  const wide = new Map<Receiver, CallWatch>();
  const state = { unsubscribe: null as (() => void) | null, chain: Promise.resolve(), warnedAt: 0, dropped: 0 };

  const groupOf = (r: Receiver) => `${r.key}|${subscribers.get(r)?.key() ?? r.id}`;

  function deliver(call: Call) {
    const to: Receiver[] = [];
    const mine = call.agentId ? byAgent.get(call.agentId) : undefined;
    if (mine) for (const [r, watch] of mine) if (watch.sees(call)) to.push(r);
    for (const [r, watch] of wide) if (watch.sees(call)) to.push(r);
    if (to.length === 0) return;
    const root = callParent(call);
    state.chain = state.chain
      .then(() => deps.fanout.send(to, root, groupOf))
      .then((skipped) => {
        if (skipped.length === 0) return;
        state.dropped += skipped.length;
        if (Date.now() - state.warnedAt < WARN_EVERY_MS) return;
        state.warnedAt = Date.now();
        deps.log.warn({ event: 'call.updated', dropped: state.dropped }, 'graphql subscriber too slow: call changes dropped');
      })
      .catch((err: unknown) => deps.log.warn({ err }, 'call change not delivered'));
  }

  return {
    /** Adds a subscriber; returns the function that removes it. */
    join(receiver: Receiver, watch: CallWatch): () => void {
      subscribers.set(receiver, watch);
      const { only } = watch;
      const group = only === undefined ? wide : (byAgent.get(only) ?? byAgent.set(only, new Map()).get(only));
      group?.set(receiver, watch);
      state.unsubscribe ??= deps.bus.subscribe('call.updated', ({ call }) => deliver(call));
      return () => {
        subscribers.delete(receiver);
        group?.delete(receiver);
        if (only !== undefined && group?.size === 0) byAgent.delete(only);
        if (subscribers.size > 0 || !state.unsubscribe) return;
        state.unsubscribe();
        state.unsubscribe = null;
      };
    },
    size: () => subscribers.size,
  };
}
