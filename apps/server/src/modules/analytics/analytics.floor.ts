/**
 * The floor: every agent's state, the call that holds them and today's numbers, and the live
 * calls; read once per tick for everyone, then cut to each viewer's scope and team. The command
 * center's board and its live calls come from here.
 */
import type { Call, Presence, User } from '@telehub/shared';
import type { Watched } from '../../platform/auth/roles.js';
import type { Clock } from '../../platform/context.js';
import { startOfLocalDay } from '../../platform/time.js';
import type { PresenceService } from '../agents/index.js';
import type { CallFigures, Period } from '../calls/index.js';
import type { LeadsService } from '../leads/index.js';
import { type AgentTotals, EMPTY_TOTALS, type PerformanceService, sumTotals } from './analytics.performance.js';

export type LeadBrief = { id: string; name: string; phone: string; ownerId: string | null };

/** An agent on the floor: their state, the call that holds them (ringing, on it, wrap-up) and today so far. */
export type FloorRow = { presence: Presence; currentCall: Call | null; today: AgentTotals };

/** Everything the floor shows, read once and then cut to each viewer's scope. */
export type Floor = {
  users: Map<string, User>;
  rows: FloorRow[];
  liveCalls: Call[];
  today: Period;
  /** The leads of the calls above, by id (name and phone, which boards show). */
  briefs: Map<string, LeadBrief>;
  at: Date;
};

export type FloorCounts = Record<'agents' | 'available' | 'ringing' | 'onCall' | 'wrapUp' | 'onBreak' | 'offline' | 'liveCalls', number>;

/** The floor as one viewer sees it. */
export type FloorView = {
  agents: (FloorRow & { user: User })[];
  liveCalls: Call[];
  totals: FloorCounts;
  /** The agents' totals today, summed. */
  today: AgentTotals;
  period: Period;
  at: Date;
  /** The floor's leads and users, for whoever presents the view. */
  briefs: Map<string, LeadBrief>;
  users: Map<string, User>;
};

export function createFloor(deps: {
  clock: Clock;
  timeZone: string;
  figures: Pick<CallFigures, 'liveCalls' | 'callsByIds'>;
  presence: Pick<PresenceService, 'list'>;
  performance: PerformanceService;
  leads: Pick<LeadsService, 'calls'>;
}) {
  const today = (): Period => {
    const now = deps.clock.now();
    return { from: startOfLocalDay(now, deps.timeZone), to: now };
  };

  return {
    today,
    /** Calls by id, for a floor kept live (analytics.live.ts). */
    calls: (ids: string[]) => deps.figures.callsByIds(ids),
    /** Leads' names and phones by id, for a floor kept live. */
    briefs: (leadIds: string[]) => deps.leads.calls.briefs(leadIds),

    /**
     * The floor of these users (the active ones): a constant number of statements however many.
     * Without `totals` today's counters are left out (all zero), for a caller that keeps them itself.
     */
    async load(users: User[], opts: { totals?: boolean } = {}): Promise<Floor> {
      const active = users.filter((u) => u.active);
      const ids = active.map((u) => u.id);
      const period = today();
      const [presences, totals, live] = await Promise.all([
        deps.presence.list(ids),
        opts.totals === false ? new Map<string, AgentTotals>() : deps.performance.of(ids, period),
        deps.figures.liveCalls(ids),
      ]);
      const byId = new Map(live.map((c) => [c.id, c]));
      const missing = presences.flatMap((p) => (p.callId && !byId.has(p.callId) ? [p.callId] : []));
      for (const c of await deps.figures.callsByIds(missing)) byId.set(c.id, c);
      // An inbound call ringing for an agent has no agent yet; on their row it is theirs (it rings for them).
      const ofAgent = (call: Call | undefined, agentId: string) => (call ? (call.agentId ? call : { ...call, agentId }) : null);
      const rows = presences.map((p) => ({
        presence: p,
        currentCall: p.callId ? ofAgent(byId.get(p.callId), p.userId) : null,
        today: totals.get(p.userId) ?? { ...EMPTY_TOTALS },
      }));
      const calls = [...live, ...rows.flatMap((r) => (r.currentCall ? [r.currentCall] : []))];
      const found = await deps.leads.calls.briefs(calls.map((c) => c.leadId));
      return {
        users: new Map(active.map((u) => [u.id, u])),
        rows,
        liveCalls: live,
        today: period,
        briefs: new Map([...found].map(([id, b]) => [id, { id, ...b }])),
        at: deps.clock.now(),
      };
    },
  };
}

/**
 * The floor for the users in `watched` (null: everyone), of one team when `teamId` is given:
 * telecallers always, anyone else only while on the floor (a manager taking calls).
 */
export function viewOfFloor(floor: Floor, watched: Watched, teamId: string | null = null): FloorView {
  const inScope = (id: string | null): id is string => {
    const user = id === null ? undefined : floor.users.get(id);
    return user !== undefined && (watched === null || watched.has(user.id)) && (teamId === null || user.teamId === teamId);
  };
  const agents = floor.rows.flatMap((r) => {
    const user = floor.users.get(r.presence.userId);
    if (!user || !inScope(user.id)) return [];
    if (user.role !== 'telecaller' && r.presence.state === 'offline') return [];
    return [{ ...r, user }];
  });
  const liveCalls = floor.liveCalls.filter((c) => inScope(c.agentId));
  const count = (state: Presence['state']) => agents.filter((a) => a.presence.state === state).length;
  return {
    agents,
    liveCalls,
    totals: {
      agents: agents.length,
      available: count('available'),
      ringing: count('ringing'),
      onCall: count('on_call'),
      wrapUp: count('wrap_up'),
      onBreak: count('break'),
      offline: count('offline'),
      liveCalls: liveCalls.length,
    },
    today: sumTotals(agents.map((a) => a.today)),
    period: floor.today,
    at: floor.at,
    briefs: floor.briefs,
    users: floor.users,
  };
}

export type FloorService = ReturnType<typeof createFloor>;
