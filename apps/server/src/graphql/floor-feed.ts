/**
 * The live floor behind teamUpdated and floorChanged: one store per node, moved by the bus's
 * presence and call events while someone watches; one view per viewer scope and team; at most one
 * tick per `intervalMs`, and only after a change. Each tick flushes the store once, applies its
 * changes to each view, and sends through the shared fan-out:
 * - floorChanged: the view's patch, or a full patch to whoever joined, fell behind or changed scope;
 * - teamUpdated: the whole view (the contract's snapshot), built once per view and tick.
 */

import { createFloorView, type FloorPatch, type FloorViewLive, type LiveFloor } from '../modules/analytics/index.js';
import type { Watched } from '../platform/auth/roles.js';
import type { EventBus } from '../platform/events/bus.js';
import type { Fanout, Receiver } from './fanout.js';

export type FloorSubscriber = {
  receiver: Receiver;
  /** teamUpdated gets the whole view each tick; floorChanged patches. */
  kind: 'snapshot' | 'patches';
  /** The viewer's role and scope, named for sharing answers (see fanout). */
  scope: { watched: Watched; key: string };
  teamId: string | null;
  /** Called each tick; may move the subscriber to a new scope (a manager's teams changed). */
  onTick?: () => void;
};

/** How often a floor with no events still ticks while watched. */
const QUIET_TICK_MS = 2_000;

type Entry = { view: FloorViewLive; subscribers: Set<FloorSubscriber & { needsFull: boolean }> };

export type FloorFeed = ReturnType<typeof createFloorFeed>;

export function createFloorFeed(deps: {
  bus: EventBus;
  store: LiveFloor;
  fanout: Fanout;
  intervalMs: number;
  /** How often the floor is read whole while watched, even when quiet. */
  resyncMs: number;
  /** The schema's parents: a patch, and the whole view for teamUpdated. */
  present: { patch: (p: FloorPatch) => unknown; snapshot: (p: FloorPatch) => unknown };
  log: { error(o: object, msg: string): void; warn(o: object, msg: string): void };
}) {
  const entries = new Map<string, Entry>();
  const state = {
    timer: null as NodeJS.Timeout | null,
    resync: null as NodeJS.Timeout | null,
    running: false,
    dirty: false,
    lastRun: 0,
    unsubscribes: [] as (() => void)[],
    ticks: 0,
  };
  const count = () => [...entries.values()].reduce((n, e) => n + e.subscribers.size, 0);

  function schedule(soon = false) {
    state.dirty = true;
    if (state.running) return;
    if (state.timer && !soon) return;
    if (state.timer) clearTimeout(state.timer);
    // Trailing edge: changes within the interval travel together; a short pause first, because
    // one call event usually brings a presence change with it. A newcomer waits only that pause.
    const wait = soon ? 20 : Math.max(20, state.lastRun + deps.intervalMs - Date.now());
    state.timer = setTimeout(run, wait);
    state.timer.unref();
  }

  function start() {
    const { store, bus } = deps;
    state.unsubscribes = [
      bus.subscribe('agent.presence', ({ presence }) => {
        store.presence(presence);
        schedule();
      }),
      bus.subscribe('call.updated', ({ call }) => {
        store.call(call);
        schedule();
      }),
      bus.subscribe('user.access_changed', () => {
        store.usersChanged();
        schedule();
      }),
    ];
    // A quiet floor still ticks now and then: the store reads the whole floor, or refreshes the counters read longest ago.
    state.resync = setInterval(() => schedule(), Math.min(deps.resyncMs, QUIET_TICK_MS));
    state.resync.unref();
  }

  function stop() {
    for (const u of state.unsubscribes) u();
    state.unsubscribes = [];
    if (state.timer) clearTimeout(state.timer);
    if (state.resync) clearInterval(state.resync);
    state.timer = null;
    state.resync = null;
    state.dirty = false;
    entries.clear();
    deps.store.reset();
  }

  async function send(list: Iterable<FloorSubscriber & { needsFull: boolean }>, root: unknown) {
    const skipped = await deps.fanout.send(
      [...list].map((s) => s.receiver),
      root,
      (r) => `${r.key}|${r.ctx.viewer?.actor.role ?? ''}`,
    );
    return new Set(skipped);
  }

  async function tick() {
    const changes = await deps.store.flush();
    state.ticks++;
    for (const entry of entries.values()) {
      for (const s of [...entry.subscribers]) s.onTick?.();
    }
    // Views are independent: each one's messages are made and written side by side.
    const work: Promise<void>[] = [];
    for (const [key, entry] of entries) {
      if (entry.subscribers.size === 0) {
        entries.delete(key);
        continue;
      }
      work.push(deliver(entry, entry.view.apply(changes)));
    }
    await Promise.all(work);
  }

  async function deliver(entry: Entry, patch: FloorPatch | null) {
    const joiners = [...entry.subscribers].filter((s) => s.needsFull);
    const patched = [...entry.subscribers].filter((s) => !s.needsFull && s.kind === 'patches');
    const snapshots = [...entry.subscribers].filter((s) => s.kind === 'snapshot' && (patch !== null || s.needsFull));
    const full = joiners.length > 0 || snapshots.length > 0 ? entry.view.full() : null;
    if (patch && patched.length > 0) {
      // A patch that could not be written leaves a gap: that subscriber gets the whole view next.
      const skipped = await send(patched, deps.present.patch(patch));
      for (const s of patched) if (skipped.has(s.receiver)) s.needsFull = true;
    }
    if (!full) return;
    const fullPatches = joiners.filter((s) => s.kind === 'patches');
    if (fullPatches.length > 0) {
      const skipped = await send(fullPatches, deps.present.patch(full));
      for (const s of fullPatches) s.needsFull = skipped.has(s.receiver);
    }
    if (snapshots.length > 0) {
      const skipped = await send(snapshots, deps.present.snapshot(full));
      for (const s of snapshots) s.needsFull = skipped.has(s.receiver);
    }
  }

  async function run() {
    state.timer = null;
    if (!state.dirty || count() === 0) return;
    state.dirty = false;
    state.running = true;
    try {
      await tick();
    } catch (err) {
      deps.log.error({ err }, 'floor tick failed');
    } finally {
      // Counted from delivery, so subscribers get at most one message per interval however long a tick takes.
      state.lastRun = Date.now();
      state.running = false;
      if (state.dirty) schedule();
      else if ([...entries.values()].some((e) => [...e.subscribers].some((s) => s.needsFull))) schedule();
    }
  }

  return {
    /** Adds a subscriber; it gets the whole view at the next tick. Returns the function that removes it. */
    join(sub: FloorSubscriber): () => void {
      if (count() === 0) start();
      const entryKey = `${sub.scope.key}|${sub.teamId ?? ''}`;
      let entry = entries.get(entryKey);
      if (!entry) {
        entry = { view: createFloorView(deps.store, sub.scope.watched, sub.teamId), subscribers: new Set() };
        entries.set(entryKey, entry);
      }
      const member = Object.assign(sub, { needsFull: true });
      entry.subscribers.add(member);
      schedule(true);
      const own = entry;
      return () => {
        if (!own.subscribers.delete(member)) return;
        if (own.subscribers.size === 0 && entries.get(entryKey) === own) entries.delete(entryKey);
        if (count() === 0) stop();
      };
    },
    stop,
    stats: () => ({ ticks: state.ticks, views: entries.size, subscribers: count() }),
  };
}
