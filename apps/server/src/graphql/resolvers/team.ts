/** Performance and the team view (the floor), and the User, Team and AgentStatus types. */
import type { Call, Presence, User } from '@telehub/shared';
import type { AgentTotals, Period, TeamRow } from '../../modules/calls/index.js';
import type { Actor } from '../../platform/context.js';
import { type GraphQLContext, type GraphQLServices, requireStaff, viewerOf } from '../context.js';
import type { LeadBrief } from '../loaders.js';
import {
  type CallParent,
  callParent,
  leadFromBrief,
  type PerformanceOut,
  periodFrom,
  seesUserDetails,
  sumTotals,
  toEnum,
  toPerformance,
} from '../presenters.js';
import { watchedTeam } from './floor.js';

/** Everything the team view shows, read once and then cut to each viewer's scope. */
export type Floor = {
  users: Map<string, User>;
  rows: TeamRow[];
  liveCalls: Call[];
  today: Period;
  briefs: Map<string, LeadBrief>;
  at: Date;
};

/** The floor of these users (the active ones): a constant number of statements however many. */
export async function loadFloor(s: GraphQLServices, users: User[]): Promise<Floor> {
  const active = users.filter((u) => u.active);
  const { rows, liveCalls, today } = await s.callStats.teamRows(active.map((u) => u.id));
  const calls = [...liveCalls, ...rows.flatMap((r) => (r.currentCall ? [r.currentCall] : []))];
  const found = await s.leads.calls.briefs(calls.map((c) => c.leadId));
  return {
    users: new Map(active.map((u) => [u.id, u])),
    rows,
    liveCalls,
    today,
    briefs: new Map([...found].map(([id, b]) => [id, { id, ...b }])),
    at: s.clock.now(),
  };
}

export type AgentStatusParent = { user: User; presence: Presence; currentCall: CallParent | null; today: PerformanceOut; totals: AgentTotals };
export type TeamStatusParent = {
  agents: AgentStatusParent[];
  liveCalls: CallParent[];
  totals: Record<'agents' | 'available' | 'ringing' | 'onCall' | 'wrapUp' | 'onBreak' | 'offline' | 'liveCalls', number>;
  today: PerformanceOut;
  updatedAt: Date;
};

/** The team view of `floor` for the users in `scope` (null: everyone on it), of one team when `teamId` is given. */
export function teamStatusOf(floor: Floor, scope: Set<string> | null, teamId: string | null = null): TeamStatusParent {
  const inScope = (id: string | null): id is string => {
    const user = id === null ? undefined : floor.users.get(id);
    return user !== undefined && (scope === null || scope.has(user.id)) && (teamId === null || user.teamId === teamId);
  };
  // The floor already holds each call's lead and agent: hand them down instead of loading them per viewer.
  const embed = (c: Call): CallParent => {
    const brief = floor.briefs.get(c.leadId);
    const agent = c.agentId ? floor.users.get(c.agentId) : undefined;
    return callParent(c, { ...(brief ? { leadRef: leadFromBrief(brief) } : {}), ...(agent ? { agent } : {}) });
  };
  const agents = floor.rows.flatMap((r): AgentStatusParent[] => {
    const user = floor.users.get(r.presence.userId);
    if (!user || !inScope(user.id)) return [];
    // Telecallers always; anyone else only while on the floor (a manager taking calls).
    if (user.role !== 'telecaller' && r.presence.state === 'offline') return [];
    return [
      { user, presence: r.presence, currentCall: r.currentCall ? embed(r.currentCall) : null, today: toPerformance(floor.today, r.today), totals: r.today },
    ];
  });
  const liveCalls = floor.liveCalls.filter((c) => inScope(c.agentId)).map(embed);
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
    today: toPerformance(floor.today, sumTotals(agents.map((a) => a.totals))),
    updatedAt: floor.at,
  };
}

/** The users a staff member watches: everyone for admins, for managers as GET /api/v1/users answers. */
export async function teamScope(s: GraphQLServices, actor: Actor): Promise<Set<string> | null> {
  if (actor.role === 'admin') return null;
  return new Set((await s.users.list(actor)).map((u) => u.id));
}

export function teamResolvers(s: GraphQLServices) {
  return {
    Query: {
      async myPerformance(_root: unknown, args: { period?: { from?: Date | null; to?: Date | null } | null }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        const period = periodFrom(args.period, s.clock.now(), s.callStats.timeZone);
        const totals = await s.callStats.performance([actor.id], period);
        return toPerformance(period, totals.get(actor.id) ?? sumTotals([]));
      },

      myPresence: (_root: unknown, _args: unknown, ctx: GraphQLContext) => s.presence.get(viewerOf(ctx).actor.id),

      async teamStatus(_root: unknown, args: { teamId?: string | null }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        requireStaff(actor);
        const teamId = await watchedTeam(s, actor, args.teamId);
        // users.list applies the same scope as teamScope(): all for admins, a manager's teams.
        return teamStatusOf(await loadFloor(s, await s.users.list(actor)), null, teamId);
      },
    },

    User: {
      email: (u: User, _a: unknown, ctx: GraphQLContext) => (seesUserDetails(viewerOf(ctx).actor, u) ? u.email : null),
      role: (u: User) => toEnum(u.role),
      async team(u: User, _a: unknown, ctx: GraphQLContext) {
        const { actor, loaders } = viewerOf(ctx);
        return u.teamId && seesUserDetails(actor, u) ? ((await loaders.teams.load(u.teamId)) ?? null) : null;
      },
    },

    AgentStatus: {
      state: (a: AgentStatusParent) => toEnum(a.presence.state),
      // Presence answers the epoch for an agent who never had a state.
      since: (a: AgentStatusParent) => (Date.parse(a.presence.since) > 0 ? a.presence.since : null),
      reason: (a: AgentStatusParent) => a.presence.reason,
    },

    Presence: {
      state: (p: Presence) => toEnum(p.state),
      since: (p: Presence) => (Date.parse(p.since) > 0 ? p.since : null),
    },
  };
}
