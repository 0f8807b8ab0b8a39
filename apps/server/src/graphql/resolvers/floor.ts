/** The command center's other views: teams, alerts, the leaderboard and the KPI trend. */
import type { Alert, User } from '@telehub/shared';
import { z } from 'zod';
import type { AgentTotals, Period } from '../../modules/calls/index.js';
import type { Actor } from '../../platform/context.js';
import { CommonErrors } from '../../platform/errors.js';
import { startOfLocalDayBefore, startOfLocalPeriod } from '../../platform/time.js';
import { type GraphQLContext, type GraphQLServices, requireStaff, viewerOf } from '../context.js';
import { parseInput } from '../errors.js';
import { sumTotals, toEnum, toPerformance } from '../presenters.js';

/** The team a staff member asked to narrow to, after checking they watch it; null for all. */
export async function watchedTeam(s: GraphQLServices, actor: Actor, teamId: string | null | undefined): Promise<string | null> {
  if (teamId === null || teamId === undefined) return null;
  const id = parseInput(z.uuid(), teamId, 'teamId');
  if (actor.role === 'admin') return id;
  const teams = await s.users.listTeams(actor);
  if (!teams.some((t) => t.id === id)) throw CommonErrors.FORBIDDEN('teamId: not a team you watch');
  return id;
}

/** Active users the actor watches, of one team when asked. */
async function members(s: GraphQLServices, actor: Actor, teamId: string | null): Promise<User[]> {
  return (await s.users.list(actor)).filter((u) => u.active && (teamId === null || u.teamId === teamId));
}

const UNITS = { TODAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

/** Most conversions first, then connects, talk time and calls; ties by name. */
function byResult(a: { user: User; t: AgentTotals }, b: { user: User; t: AgentTotals }): number {
  return (
    b.t.conversions - a.t.conversions ||
    b.t.connects - a.t.connects ||
    b.t.talkSeconds - a.t.talkSeconds ||
    b.t.calls - a.t.calls ||
    a.user.name.localeCompare(b.user.name)
  );
}

export function floorResolvers(s: GraphQLServices) {
  return {
    Query: {
      teams: (_root: unknown, _args: unknown, ctx: GraphQLContext) => s.users.listTeams(viewerOf(ctx).actor),

      async alerts(_root: unknown, args: { status?: string | null; teamId?: string | null }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        requireStaff(actor);
        const teamId = await watchedTeam(s, actor, args.teamId);
        return s.alerts.list(actor, { status: args.status === 'ALL' ? 'all' : 'open', ...(teamId ? { teamId } : {}) });
      },

      async leaderboard(_root: unknown, args: { period?: keyof typeof UNITS | null; teamId?: string | null; limit?: number | null }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        requireStaff(actor);
        const limit = parseInput(z.number().int().min(1).max(100), args.limit ?? 10, 'limit');
        const teamId = await watchedTeam(s, actor, args.teamId);
        const now = s.clock.now();
        const period: Period = { from: startOfLocalPeriod(now, s.callStats.timeZone, UNITS[args.period ?? 'TODAY']), to: now };
        const agents = (await members(s, actor, teamId)).filter((u) => u.role === 'telecaller');
        const totals = await s.callStats.performance(
          agents.map((u) => u.id),
          period,
        );
        return agents
          .map((user) => ({ user, t: totals.get(user.id) ?? sumTotals([]) }))
          .sort(byResult)
          .slice(0, limit)
          .map((e, i) => ({ rank: i + 1, user: e.user, performance: toPerformance(period, e.t) }));
      },

      async teamTrend(_root: unknown, args: { days?: number | null; teamId?: string | null }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        requireStaff(actor);
        const days = parseInput(z.number().int().min(1).max(31), args.days ?? 7, 'days');
        const teamId = await watchedTeam(s, actor, args.teamId);
        const now = s.clock.now();
        const tz = s.callStats.timeZone;
        const periods: Period[] = Array.from({ length: days }, (_, k) => {
          const ago = days - 1 - k;
          return { from: startOfLocalDayBefore(now, tz, ago), to: ago === 0 ? now : startOfLocalDayBefore(now, tz, ago - 1) };
        });
        const agents = await members(s, actor, teamId);
        const perDay = await s.callStats.performanceByPeriod(
          agents.map((u) => u.id),
          periods,
        );
        return periods.map((p, i) => toPerformance(p, sumTotals([...(perDay[i]?.values() ?? [])])));
      },
    },

    Mutation: {
      async acknowledgeAlert(_root: unknown, args: { id: string }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        requireStaff(actor);
        return s.alerts.acknowledge(actor, parseInput(z.uuid(), args.id, 'id'));
      },
    },

    Alert: {
      kind: (a: Alert) => toEnum(a.kind),
      severity: (a: Alert) => toEnum(a.severity),
      agent: (a: Alert, _args: unknown, ctx: GraphQLContext) => (a.agentId ? viewerOf(ctx).loaders.users.load(a.agentId) : null),
      team: (a: Alert, _args: unknown, ctx: GraphQLContext) => (a.teamId ? viewerOf(ctx).loaders.teams.load(a.teamId) : null),
      acknowledgedBy: (a: Alert, _args: unknown, ctx: GraphQLContext) => (a.acknowledgedBy ? viewerOf(ctx).loaders.users.load(a.acknowledgedBy) : null),
    },
  };
}
