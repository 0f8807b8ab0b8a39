/**
 * The floor kept in memory and moved by events, so a tick costs what changed, not the floor.
 *
 * The store is loaded whole once (createFloor.load), then each presence or call event updates
 * the one agent and call it names: state, the call that holds them, the live calls. What an event
 * does not carry is read at the next flush, for the agents and calls that changed only: today's
 * counters (the performance rules keep their single home in SQL), a call named by a presence
 * before its own event came, and the lead of a new call. A flush tells which agents and calls
 * changed since the last one.
 *
 * Each view (one viewer scope and team filter) keeps its members, live calls, counts and today's
 * sums; a flush's changes move them by each changed agent's old and new contribution, and make a
 * patch: the rows and calls that changed, the ones gone, and the new totals.
 *
 * Events can be lost (a bus outage) and people change teams: the store is read whole again every
 * `resyncMs`, when a user's access changes, and when the local day turns; what differs from memory
 * goes out as changes like any other. Logged-in time runs on without events: each flush also reads
 * again the counters of the few agents read longest ago, so every agent's is at most about
 * `resyncMs` old, a few rows per patch rather than the whole floor at once. Events that arrive while the store loads are applied after it,
 * and a state older than the one held (presence by `since`, a call by `updatedAt`) is ignored.
 */
import type { Call, Presence, User } from '@telehub/shared';
import type { Watched } from '../../platform/auth/roles.js';
import type { Floor, FloorCounts, FloorRow, FloorService, FloorView, LeadBrief } from './analytics.floor.js';
import { type AgentTotals, EMPTY_TOTALS, type Period } from './analytics.performance.js';

/** Statuses of a call still on the line (the live calls); calls.repo's LIVE_STATUSES. */
const LIVE: ReadonlySet<string> = new Set(['queued', 'dialing', 'ringing', 'in_progress']);
/** Calls seen lately, kept so a presence naming one needs no read. */
const RECENT_CALLS = 10_000;
/** The live calls a full view shows at most, newest first (the floor query's limit). */
const MAX_LIVE_CALLS = 500;
/** Agents whose counters are read again per flush besides those events named: at least this many, */
const MIN_ROLLING = 10;
/** ...or this share of the floor (1/60: the whole floor within a minute at one flush a second). */
const ROLLING_SHARE = 60;
/** How soon a presence of someone unknown brings a whole read (at most this often). */
const STRANGER_RESYNC_MS = 5_000;

export type FloorChanges = { agents: ReadonlySet<string>; calls: ReadonlySet<string> };

export type LiveFloorDeps = {
  floor: Pick<FloorService, 'load' | 'today' | 'calls' | 'briefs'>;
  /** Every user; the store keeps the active ones. */
  users: () => Promise<User[]>;
  /** Today's totals of these agents (analytics' performance.of). */
  totals: (ids: string[], period: Period) => Promise<Map<string, AgentTotals>>;
  /** The floor is read whole this often. */
  resyncMs: number;
  /** Each agent's counters are read again at least this often (default `resyncMs`). */
  refreshMs?: number;
  now: () => Date;
};

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NEGATIVE_INFINITY);

/** An inbound call ringing for an agent has no agent yet; on their row it is theirs. */
const ofAgent = (call: Call, agentId: string): Call => (call.agentId ? call : { ...call, agentId });

function sameTotals(a: AgentTotals, b: AgentTotals): boolean {
  for (const k of Object.keys(EMPTY_TOTALS) as (keyof AgentTotals)[]) if (a[k] !== b[k]) return false;
  return true;
}
const samePresence = (a: Presence, b: Presence) =>
  a.state === b.state &&
  a.since === b.since &&
  a.callId === b.callId &&
  a.reason === b.reason &&
  a.campaignId === b.campaignId &&
  JSON.stringify(a.next) === JSON.stringify(b.next);
const sameCall = (a: Call | null, b: Call | null) =>
  a === b || (a !== null && b !== null && a.id === b.id && a.updatedAt === b.updatedAt && a.status === b.status);
const sameUser = (a: User | undefined, b: User | undefined) =>
  a !== undefined && b !== undefined && a.name === b.name && a.role === b.role && a.teamId === b.teamId && a.active === b.active;

export function createLiveFloor(deps: LiveFloorDeps) {
  const state = {
    users: new Map<string, User>(),
    rows: new Map<string, FloorRow>(),
    live: new Map<string, Call>(),
    briefs: new Map<string, LeadBrief>(),
    /** callId -> the agent whose row it is on. */
    holders: new Map<string, string>(),
    recent: new Map<string, Call>(),
    period: deps.floor.today(),
    at: deps.now(),
    loadedAt: 0,
    loaded: false,
    /** Events that came while the store was being read; applied after it. */
    held: null as (() => void)[] | null,
    resyncWanted: false,
    /** When each agent's counters were last read (ms), oldest first: the rolling refresh takes from the front. */
    refreshed: new Map<string, number>(),
    /** A presence of someone not on the floor (a new user, or one made active): read again, at most every few seconds. */
    strangerSeen: false,
  };
  const dirty = { agents: new Set<string>(), calls: new Set<string>() };
  const pending = { calls: new Set<string>(), briefs: new Set<string>(), totals: new Set<string>() };

  function remember(call: Call) {
    state.recent.delete(call.id);
    state.recent.set(call.id, call);
    if (state.recent.size > RECENT_CALLS) {
      const oldest = state.recent.keys().next().value;
      if (oldest !== undefined) state.recent.delete(oldest);
    }
  }
  const known = (id: string) => state.live.get(id) ?? state.recent.get(id);
  const wantBrief = (leadId: string) => {
    if (!state.briefs.has(leadId)) pending.briefs.add(leadId);
  };

  function hold(callId: string | null, userId: string) {
    if (!callId) return null;
    state.holders.set(callId, userId);
    const call = known(callId);
    if (!call) {
      pending.calls.add(callId);
      return null;
    }
    wantBrief(call.leadId);
    return ofAgent(call, userId);
  }

  function applyPresence(p: Presence) {
    const row = state.rows.get(p.userId);
    if (!row) {
      // Someone the store has not met (a new user): the floor is read again soon.
      state.strangerSeen = true;
      return;
    }
    if (time(p.since) < time(row.presence.since)) return;
    const before = row.presence.callId;
    if (before && before !== p.callId && state.holders.get(before) === p.userId) state.holders.delete(before);
    const currentCall = p.callId === before && row.currentCall ? row.currentCall : hold(p.callId, p.userId);
    state.rows.set(p.userId, { ...row, presence: p, currentCall });
    dirty.agents.add(p.userId);
    pending.totals.add(p.userId);
  }

  function applyCall(call: Call) {
    const seen = known(call.id);
    if (seen && time(call.updatedAt) < time(seen.updatedAt)) return;
    remember(call);
    const agentId = call.agentId;
    const ours = agentId !== null && state.users.has(agentId);
    if (LIVE.has(call.status) && ours) {
      state.live.set(call.id, call);
      dirty.calls.add(call.id);
      wantBrief(call.leadId);
    } else if (state.live.delete(call.id)) dirty.calls.add(call.id);
    const holder = state.holders.get(call.id);
    const row = holder ? state.rows.get(holder) : undefined;
    if (holder && row && row.presence.callId === call.id) {
      state.rows.set(holder, { ...row, currentCall: ofAgent(call, holder) });
      dirty.agents.add(holder);
      wantBrief(call.leadId);
    }
    if (ours) {
      // A call's counters (made, answered, talk, disposition) are the agent's today.
      pending.totals.add(agentId);
      dirty.agents.add(agentId);
    }
  }

  /**
   * Replaces memory with `floor`, marking what differs as changed. Logged-in time runs on for
   * every agent on the floor: a row that differs only in it keeps what clients have, and the
   * rolling refresh (flush) brings it up a few rows at a time, not as one patch of everyone.
   */
  function replace(floor: Floor, withTotals: boolean) {
    const rows = new Map(floor.rows.map((r) => [r.presence.userId, r]));
    const sameDay = state.loaded && floor.today.from.getTime() === state.period.from.getTime();
    const now = Date.now();
    for (const id of new Set([...state.users.keys(), ...floor.users.keys()])) {
      const a = state.rows.get(id);
      const b = rows.get(id);
      if (b && !withTotals) {
        // Read without counters: memory keeps its own; someone new has theirs read at the next flush.
        rows.set(id, { ...b, today: a?.today ?? { ...EMPTY_TOTALS } });
        if (!a) pending.totals.add(id);
      } else if (a && b && sameDay && !sameTotals(a.today, b.today) && sameTotals(a.today, { ...b.today, loggedInSeconds: a.today.loggedInSeconds })) {
        rows.set(id, { ...b, today: a.today });
      } else if (b) {
        state.refreshed.delete(id);
        state.refreshed.set(id, now);
      }
      const kept = rows.get(id);
      if (
        !a ||
        !b ||
        !sameUser(state.users.get(id), floor.users.get(id)) ||
        !samePresence(a.presence, b.presence) ||
        !sameCall(a.currentCall, b.currentCall) ||
        !kept ||
        !sameTotals(a.today, kept.today)
      ) {
        dirty.agents.add(id);
      }
    }
    for (const id of state.refreshed.keys()) if (!rows.has(id)) state.refreshed.delete(id);
    const live = new Map(floor.liveCalls.map((c) => [c.id, c]));
    for (const id of new Set([...state.live.keys(), ...live.keys()])) if (!sameCall(state.live.get(id) ?? null, live.get(id) ?? null)) dirty.calls.add(id);
    state.users = floor.users;
    state.rows = rows;
    state.live = live;
    for (const c of [...live.values(), ...floor.rows.flatMap((r) => (r.currentCall ? [r.currentCall] : []))]) remember(c);
    state.briefs = new Map([...state.briefs, ...floor.briefs]);
    state.holders = new Map(floor.rows.flatMap((r) => (r.presence.callId ? [[r.presence.callId, r.presence.userId] as const] : [])));
    state.period = floor.today;
    state.at = floor.at;
  }

  /** Reads the whole floor; events meanwhile are applied after it. */
  async function load() {
    state.held = [];
    // Counters are read whole the first time and when the day turns; otherwise the rolling
    // refresh keeps them, and a whole read stays light (presence, live calls, people).
    const withTotals = !state.loaded || deps.floor.today().from.getTime() !== state.period.from.getTime();
    try {
      const floor = await deps.floor.load(await deps.users(), { totals: withTotals });
      replace(floor, withTotals);
      state.loadedAt = Date.now();
      state.loaded = true;
      state.resyncWanted = false;
      state.strangerSeen = false;
    } finally {
      const held = state.held ?? [];
      state.held = null;
      for (const apply of held) apply();
    }
  }

  const whenLoaded = (apply: () => void) => {
    if (state.held) state.held.push(apply);
    else if (state.loaded) apply();
  };

  return {
    state: state as Readonly<typeof state>,

    presence: (p: Presence) => whenLoaded(() => applyPresence(p)),
    call: (c: Call) => whenLoaded(() => applyCall(c)),
    /** A user's role, team or activity changed: the next flush reads the floor again. */
    usersChanged() {
      state.resyncWanted = true;
    },
    /** Forgets everything; the next flush loads it all. */
    reset() {
      state.loaded = false;
      state.users = new Map();
      state.rows = new Map();
      state.live = new Map();
      state.holders = new Map();
      dirty.agents.clear();
      dirty.calls.clear();
    },

    /**
     * Reads what the events since the last flush did not carry, and answers which agents and
     * calls changed. The floor is read whole on the first flush, after `resyncMs`, when asked, and
     * when the local day turns.
     */
    async flush(): Promise<FloorChanges> {
      const today = deps.floor.today();
      const age = Date.now() - state.loadedAt;
      const stale =
        !state.loaded ||
        state.resyncWanted ||
        (state.strangerSeen && age >= STRANGER_RESYNC_MS) ||
        age >= deps.resyncMs ||
        today.from.getTime() !== state.period.from.getTime();
      if (stale) await load();
      else {
        const calls = [...pending.calls];
        const leads = [...pending.briefs];
        // The agents events named, and the few whose counters are oldest: logged-in time runs on
        // without events, and each agent's is read again within about `resyncMs`.
        const due = Date.now() - (deps.refreshMs ?? deps.resyncMs);
        let room = Math.max(MIN_ROLLING, Math.ceil(state.rows.size / ROLLING_SHARE));
        for (const [id, at] of state.refreshed) {
          if (at > due || room === 0) break;
          pending.totals.add(id);
          room--;
        }
        const agents = [...pending.totals];
        pending.calls.clear();
        pending.briefs.clear();
        pending.totals.clear();
        const [found, briefs, totals] = await Promise.all([
          deps.floor.calls(calls),
          deps.floor.briefs(leads),
          agents.length > 0 ? deps.totals(agents, today) : new Map<string, AgentTotals>(),
        ]);
        for (const [id, b] of briefs) state.briefs.set(id, { id, ...b });
        for (const c of found) {
          const seen = known(c.id);
          if (seen && time(seen.updatedAt) > time(c.updatedAt)) continue;
          remember(c);
          const holder = state.holders.get(c.id);
          const row = holder ? state.rows.get(holder) : undefined;
          if (!holder || !row || row.presence.callId !== c.id) continue;
          state.rows.set(holder, { ...row, currentCall: ofAgent(c, holder) });
          dirty.agents.add(holder);
          if (!state.briefs.has(c.leadId)) pending.briefs.add(c.leadId);
        }
        const readAt = Date.now();
        for (const id of agents) {
          const row = state.rows.get(id);
          if (!row) continue;
          state.refreshed.delete(id);
          state.refreshed.set(id, readAt);
          const t = totals.get(id) ?? { ...EMPTY_TOTALS };
          if (!sameTotals(row.today, t)) {
            state.rows.set(id, { ...row, today: t });
            dirty.agents.add(id);
          }
        }
        state.period = today;
        state.at = deps.now();
      }
      const out = { agents: new Set(dirty.agents), calls: new Set(dirty.calls) };
      dirty.agents.clear();
      dirty.calls.clear();
      return out;
    },
  };
}

export type LiveFloor = ReturnType<typeof createLiveFloor>;

/** What a view sends: the rows and calls that changed (all of them when full), what left, and the totals now. */
export type FloorPatch = FloorView & {
  /** One more for each patch of this view; a full patch carries the view's current number. */
  seq: number;
  full: boolean;
  removedAgentIds: string[];
  endedCallIds: string[];
};

type Contribution = { state: Presence['state']; today: AgentTotals };

/**
 * One viewer scope's part of the live floor (`watched`: null for everyone; `teamId`: one team),
 * with its counts and sums kept by contributions, so applying a change costs the agents it names.
 */
export function createFloorView(floor: LiveFloor, watched: Watched, teamId: string | null) {
  const members = new Map<string, Contribution>();
  const calls = new Set<string>();
  const counts: FloorCounts = { agents: 0, available: 0, ringing: 0, onCall: 0, wrapUp: 0, onBreak: 0, offline: 0, liveCalls: 0 };
  const today: AgentTotals = { ...EMPTY_TOTALS };
  const view = { seq: 0 };
  const { state } = floor;

  const COUNT: Record<Presence['state'], keyof FloorCounts> = {
    available: 'available',
    ringing: 'ringing',
    on_call: 'onCall',
    wrap_up: 'wrapUp',
    break: 'onBreak',
    offline: 'offline',
  };
  const inScope = (id: string | null): id is string => {
    const user = id === null ? undefined : state.users.get(id);
    return user !== undefined && (watched === null || watched.has(user.id)) && (teamId === null || user.teamId === teamId);
  };
  const shown = (id: string): FloorRow | undefined => {
    const row = state.rows.get(id);
    const user = state.users.get(id);
    if (!row || !user || !inScope(id)) return undefined;
    // Telecallers always; anyone else only while on the floor (a manager taking calls).
    return user.role !== 'telecaller' && row.presence.state === 'offline' ? undefined : row;
  };
  const move = (c: Contribution, sign: 1 | -1) => {
    counts.agents += sign;
    counts[COUNT[c.state]] += sign;
    for (const k of Object.keys(EMPTY_TOTALS) as (keyof AgentTotals)[]) today[k] += sign * c.today[k];
  };

  /** Moves an agent in or out and their contribution; true when the view's row changed. */
  function agent(id: string): 'upsert' | 'removed' | null {
    const before = members.get(id);
    const row = shown(id);
    if (before) move(before, -1);
    if (!row) {
      members.delete(id);
      return before ? 'removed' : null;
    }
    const c = { state: row.presence.state, today: row.today };
    members.set(id, c);
    move(c, 1);
    return 'upsert';
  }
  function call(id: string): 'upsert' | 'ended' | null {
    const c = state.live.get(id);
    if (c && inScope(c.agentId)) {
      calls.add(id);
      return 'upsert';
    }
    return calls.delete(id) ? 'ended' : null;
  }
  const finish = () => {
    counts.liveCalls = calls.size;
  };

  const agentRows = (ids: Iterable<string>) =>
    [...ids].flatMap((id) => {
      const row = state.rows.get(id);
      const user = state.users.get(id);
      return row && user ? [{ ...row, user }] : [];
    });
  const liveCalls = (ids: Iterable<string>) => [...ids].flatMap((id) => state.live.get(id) ?? []);
  const base = () => ({ totals: { ...counts }, today: { ...today }, period: state.period, at: state.at, briefs: state.briefs, users: state.users });

  /** Everyone at first; after that the store's flushes move the view. */
  for (const id of state.rows.keys()) agent(id);
  for (const id of state.live.keys()) call(id);
  finish();

  return {
    key: { watched, teamId },
    /** The view's share of a flush's changes; null when none of it is this view's. */
    apply(changes: FloorChanges): FloorPatch | null {
      const upserts: string[] = [];
      const removed: string[] = [];
      const callsChanged: string[] = [];
      const ended: string[] = [];
      for (const id of changes.agents) {
        const r = agent(id);
        if (r === 'upsert') upserts.push(id);
        else if (r === 'removed') removed.push(id);
      }
      for (const id of changes.calls) {
        const r = call(id);
        if (r === 'upsert') callsChanged.push(id);
        else if (r === 'ended') ended.push(id);
      }
      finish();
      if (upserts.length + removed.length + callsChanged.length + ended.length === 0) return null;
      view.seq++;
      return {
        seq: view.seq,
        full: false,
        agents: agentRows(upserts),
        removedAgentIds: removed,
        liveCalls: liveCalls(callsChanged),
        endedCallIds: ended,
        ...base(),
      };
    },
    /** The whole view now, in the floor's order; the live calls newest first. */
    full(): FloorPatch {
      const live = liveCalls(calls)
        .sort((a, b) => time(b.createdAt) - time(a.createdAt))
        .slice(0, MAX_LIVE_CALLS);
      return {
        seq: view.seq,
        full: true,
        agents: agentRows([...state.rows.keys()].filter((id) => members.has(id))),
        removedAgentIds: [],
        liveCalls: live,
        endedCallIds: [],
        ...base(),
      };
    },
    /** Whether an agent is on this view (for tests and scope checks). */
    has: (id: string) => members.has(id),
  };
}

export type FloorViewLive = ReturnType<typeof createFloorView>;
