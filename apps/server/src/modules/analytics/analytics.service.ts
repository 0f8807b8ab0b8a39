/**
 * Analytics: the figures people act on, computed from the calls, presence and callbacks the other
 * modules keep. Today: each agent's performance, the floor, the leaderboard, the team trend, the
 * workspace's counters, and what the floor's alerts watch. Later: post-call analysis, QA,
 * coaching and daily rollups.
 */
import type { TodayCounters, User } from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import { CommonErrors } from '../../platform/errors.js';
import { fromWallClock, startOfLocalDay, startOfLocalDayBefore, startOfLocalPeriod, wallClock } from '../../platform/time.js';
import type { CallbacksService, PresenceService } from '../agents/index.js';
import type { CallFigures, Period } from '../calls/index.js';
import type { LeadsService } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import { createFloor, type FloorView, viewOfFloor } from './analytics.floor.js';
import { type AgentTotals, createPerformance, type Performance, periodFrom, sumTotals, toPerformance } from './analytics.performance.js';
import { analyticsPolicy } from './analytics.policy.js';

export type AnalyticsDeps = {
  clock: Clock;
  /** The organisation's time zone: days, weeks and months are counted in it. */
  timeZone: string;
  figures: CallFigures;
  presence: Pick<PresenceService, 'list' | 'secondsByStateInPeriods' | 'inStateSince'>;
  callbacks: Pick<CallbacksService, 'overdue'>;
  users: Pick<UsersService, 'list' | 'listTeams'>;
  leads: Pick<LeadsService, 'calls'>;
};

export type LeaderboardPeriod = 'day' | 'week' | 'month';
export type LeaderboardEntry = { rank: number; user: User; performance: Performance };

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

export function createAnalyticsService(deps: AnalyticsDeps) {
  const { clock, timeZone } = deps;
  const performance = createPerformance(deps);
  const floor = createFloor({ ...deps, performance });

  /** The team a staff member asked to narrow to, after checking they watch it; null for all. */
  async function watchedTeam(actor: Actor, teamId: string | null | undefined): Promise<string | null> {
    if (teamId === null || teamId === undefined) return null;
    if (actor.role === 'admin') return teamId;
    const teams = await deps.users.listTeams(actor);
    if (!teams.some((t) => t.id === teamId)) throw CommonErrors.FORBIDDEN('teamId: not a team you watch');
    return teamId;
  }

  /** Active users the actor watches, of one team when asked. */
  async function members(actor: Actor, teamId: string | null): Promise<User[]> {
    return (await deps.users.list(actor)).filter((u) => u.active && (teamId === null || u.teamId === teamId));
  }

  /** The team's summed numbers in each period, for the staff member who watches it. */
  async function teamByPeriod(actor: Actor, teamId: string | null | undefined, periods: Period[]): Promise<Performance[]> {
    analyticsPolicy.requireFloor(actor);
    const agents = await members(actor, await watchedTeam(actor, teamId));
    const perPeriod = await performance.byPeriod(
      agents.map((u) => u.id),
      periods,
    );
    return periods.map((p, i) => toPerformance(p, sumTotals([...(perPeriod[i]?.values() ?? [])])));
  }

  return {
    timeZone,
    performance,
    floor,
    watchedTeam,

    /** The actor's own numbers over a period (today so far by default). */
    async myPerformance(actor: Actor, input?: { from?: Date | null; to?: Date | null } | null): Promise<Performance> {
      const period = periodFrom(input, clock.now(), timeZone);
      const totals = await performance.of([actor.id], period);
      return toPerformance(period, totals.get(actor.id) ?? sumTotals([]));
    },

    /** The workspace's counters: the actor's calls, connects, talk time and dispositions today. */
    async todayCounters(actor: Actor): Promise<TodayCounters> {
      const { totals, byDisposition } = await deps.figures.countersSince(actor.id, startOfLocalDay(clock.now(), timeZone));
      return {
        calls: totals.calls,
        connects: totals.connects,
        talkSeconds: totals.talk,
        dispositions: Object.fromEntries(byDisposition.flatMap((d) => (d.code ? [[d.code, d.n]] : []))),
      };
    },

    /** The floor as the actor may watch it (staff), of one team they watch when asked. */
    async teamStatus(actor: Actor, teamId?: string | null): Promise<FloorView> {
      analyticsPolicy.requireFloor(actor);
      const team = await watchedTeam(actor, teamId);
      // users.list applies the actor's scope: all for admins, a manager's teams.
      return viewOfFloor(await floor.load(await deps.users.list(actor)), null, team);
    },

    /** Telecallers ranked over the calendar period so far (Asia/Kolkata): the day, the week from Monday, the month. */
    async leaderboard(actor: Actor, q: { period: LeaderboardPeriod; teamId?: string | null; limit: number }): Promise<LeaderboardEntry[]> {
      analyticsPolicy.requireFloor(actor);
      const team = await watchedTeam(actor, q.teamId);
      const now = clock.now();
      const period: Period = { from: startOfLocalPeriod(now, timeZone, q.period), to: now };
      const agents = (await members(actor, team)).filter((u) => u.role === 'telecaller');
      const totals = await performance.of(
        agents.map((u) => u.id),
        period,
      );
      return agents
        .map((user) => ({ user, t: totals.get(user.id) ?? sumTotals([]) }))
        .sort(byResult)
        .slice(0, q.limit)
        .map((e, i) => ({ rank: i + 1, user: e.user, performance: toPerformance(period, e.t) }));
    },

    /** The team's numbers per local day, oldest first, the last one today so far. */
    async teamTrend(actor: Actor, q: { days: number; teamId?: string | null }): Promise<Performance[]> {
      const now = clock.now();
      const periods: Period[] = Array.from({ length: q.days }, (_, k) => {
        const ago = q.days - 1 - k;
        return { from: startOfLocalDayBefore(now, timeZone, ago), to: ago === 0 ? now : startOfLocalDayBefore(now, timeZone, ago - 1) };
      });
      return teamByPeriod(actor, q.teamId, periods);
    },

    /** The team's numbers per local hour today, from midnight, the last one the hour now runs in (so far). */
    async teamHours(actor: Actor, q: { teamId?: string | null }): Promise<Performance[]> {
      const now = clock.now();
      const w = wallClock(now.getTime(), timeZone);
      const at = (hour: number) => fromWallClock([w.year, w.month, w.day, hour], timeZone);
      const periods: Period[] = Array.from({ length: w.hour + 1 }, (_, h) => ({ from: at(h), to: h === w.hour ? now : at(h + 1) }));
      return teamByPeriod(actor, q.teamId, periods);
    },

    /** What the floor's alerts watch, each one bounded statement cheap enough to run every second. */
    signals: {
      longCalls: (answeredBefore: Date) => deps.figures.longCalls(answeredBefore),
      inStateSince: (state: 'available' | 'break', before: Date) => deps.presence.inStateSince(state, before),
      overdueCallbacks: (dueBefore: Date) => deps.callbacks.overdue(dueBefore),
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
