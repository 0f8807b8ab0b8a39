/**
 * What a telecaller's numbers mean: totals over a period (calls, connects, talk, conversions,
 * handle time, logged-in time) and the rates derived from them. The single home of these rules,
 * for the command center, the workspace and, later, reports.
 */

import type { Clock } from '../../platform/context.js';
import { CommonErrors } from '../../platform/errors.js';
import { startOfLocalDay } from '../../platform/time.js';
import type { PresenceService } from '../agents/index.js';
import type { CallFigures, CallTotals, Period } from '../calls/index.js';

export type { Period } from '../calls/index.js';

/** Raw counts for one agent over a period; rates come from toPerformance. */
export type AgentTotals = CallTotals & {
  /** Time in any presence state but offline. */
  loggedInSeconds: number;
};

export const EMPTY_TOTALS: AgentTotals = { calls: 0, connects: 0, talkSeconds: 0, conversions: 0, handledCalls: 0, handleSeconds: 0, loggedInSeconds: 0 };

/** Totals with their rates, as every view shows them. Rates are null when there is nothing to divide by. */
export type Performance = {
  from: Date;
  to: Date;
  calls: number;
  connects: number;
  connectRate: number | null;
  talkSeconds: number;
  averageHandleSeconds: number | null;
  conversions: number;
  conversionRate: number | null;
  loggedInSeconds: number;
  callsPerHour: number | null;
  talkMinutesPerHour: number | null;
};

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 4) : null);

export function toPerformance(period: Period, t: AgentTotals): Performance {
  return {
    from: period.from,
    to: period.to,
    calls: t.calls,
    connects: t.connects,
    connectRate: ratio(t.connects, t.calls),
    talkSeconds: t.talkSeconds,
    averageHandleSeconds: t.handledCalls > 0 ? round(t.handleSeconds / t.handledCalls, 1) : null,
    conversions: t.conversions,
    conversionRate: ratio(t.conversions, t.connects),
    loggedInSeconds: t.loggedInSeconds,
    callsPerHour: t.loggedInSeconds > 0 ? round(t.calls / (t.loggedInSeconds / 3600), 2) : null,
    talkMinutesPerHour: t.loggedInSeconds > 0 ? round(t.talkSeconds / 60 / (t.loggedInSeconds / 3600), 1) : null,
  };
}

/** Several agents' totals as one. */
export function sumTotals(all: AgentTotals[]): AgentTotals {
  const out = { ...EMPTY_TOTALS };
  for (const t of all) for (const k of Object.keys(out) as (keyof AgentTotals)[]) out[k] += t[k];
  return out;
}

const MAX_PERIOD_MS = 366 * 86_400_000;

/** A period asked for by a client; defaults to today so far in `timeZone`; at most 366 days, never in the future. */
export function periodFrom(input: { from?: Date | null; to?: Date | null } | null | undefined, now: Date, timeZone: string): Period {
  const to = input?.to && input.to < now ? input.to : now;
  const from = input?.from ?? startOfLocalDay(to, timeZone);
  if (from >= to) throw CommonErrors.VALIDATION_FAILED('period: from must be before to, and not in the future');
  if (to.getTime() - from.getTime() > MAX_PERIOD_MS) throw CommonErrors.VALIDATION_FAILED('period: at most 366 days');
  return { from, to };
}

export function createPerformance(deps: {
  clock: Clock;
  figures: Pick<CallFigures, 'totalsByPeriod'>;
  presence: Pick<PresenceService, 'secondsByStateInPeriods'>;
}) {
  /**
   * Each agent's totals in each period, in two statements however many agents and periods
   * (the trend charts ask for a day per period). `out[i]` belongs to `periods[i]`.
   */
  async function byPeriod(agentIds: string[], periods: Period[]): Promise<Map<string, AgentTotals>[]> {
    const out = periods.map(() => new Map(agentIds.map((id) => [id, { ...EMPTY_TOTALS }])));
    if (agentIds.length === 0 || periods.length === 0) return out;
    // Presence rows still open count up to now; a `to` in the future would count time not yet spent.
    const now = deps.clock.now();
    const presencePeriods = periods.map((p) => ({ from: p.from, to: new Date(Math.min(p.to.getTime(), now.getTime())) }));
    const [calls, states] = await Promise.all([
      deps.figures.totalsByPeriod(agentIds, periods),
      deps.presence.secondsByStateInPeriods(agentIds, presencePeriods),
    ]);
    calls.forEach((byAgent, i) => {
      for (const [agentId, c] of byAgent) {
        const t = out[i]?.get(agentId);
        if (t) Object.assign(t, c);
      }
    });
    for (const st of states) {
      const t = out[st.bucket]?.get(st.userId);
      if (t && st.state !== 'offline') t.loggedInSeconds += Number(st.seconds);
    }
    return out;
  }

  return {
    byPeriod,
    async of(agentIds: string[], period: Period): Promise<Map<string, AgentTotals>> {
      const [only] = await byPeriod(agentIds, [period]);
      return only ?? new Map();
    },
  };
}

export type PerformanceService = ReturnType<typeof createPerformance>;
