/** The command center's other views: teams, alerts, the leaderboard, the KPI trend and today by hour. */
import type { Alert } from '@telehub/shared';
import { z } from 'zod';
import { type GraphQLContext, type GraphQLServices, requireStaff, viewerOf } from '../context.js';
import { parseInput } from '../errors.js';
import { toEnum } from '../presenters.js';
import { uuidOrNull } from './team.js';

const UNITS = { TODAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

export function floorResolvers(s: GraphQLServices) {
  return {
    Query: {
      teams: (_root: unknown, _args: unknown, ctx: GraphQLContext) => s.users.listTeams(viewerOf(ctx).actor),

      async alerts(_root: unknown, args: { status?: string | null; teamId?: string | null }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        requireStaff(actor);
        const teamId = await s.analytics.watchedTeam(actor, uuidOrNull(args.teamId));
        return s.alerts.list(actor, { status: args.status === 'ALL' ? 'all' : 'open', ...(teamId ? { teamId } : {}) });
      },

      leaderboard: (_root: unknown, args: { period?: keyof typeof UNITS | null; teamId?: string | null; limit?: number | null }, ctx: GraphQLContext) =>
        s.analytics.leaderboard(viewerOf(ctx).actor, {
          period: UNITS[args.period ?? 'TODAY'],
          teamId: uuidOrNull(args.teamId),
          limit: parseInput(z.number().int().min(1).max(100), args.limit ?? 10, 'limit'),
        }),

      teamTrend: (_root: unknown, args: { days?: number | null; teamId?: string | null }, ctx: GraphQLContext) =>
        s.analytics.teamTrend(viewerOf(ctx).actor, {
          days: parseInput(z.number().int().min(1).max(31), args.days ?? 7, 'days'),
          teamId: uuidOrNull(args.teamId),
        }),

      teamHours: (_root: unknown, args: { teamId?: string | null }, ctx: GraphQLContext) =>
        s.analytics.teamHours(viewerOf(ctx).actor, { teamId: uuidOrNull(args.teamId) }),
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
