/**
 * What the pacer measures for a campaign, read from its recent calls and kept a few seconds: the
 * answer rate window, time to answer, talk and wrap-up times, and the abandon tallies of today and
 * the rolling 30 days.
 */
import type { Clock } from '../../platform/context.js';
import { startOfLocalDay } from '../../platform/time.js';
import type { CampaignCalls } from '../calls/index.js';
import { answerRate, type Durations, durations } from './dialer.forecast.js';
import type { AbandonTally } from './dialer.pacing.js';

export type Measures = {
  answerRate: { estimate: number; upper: number; sample: number };
  /** Seconds from dial to a person answering: the early quarter (an answer that comes early needs an agent early). */
  ringToAnswer: number;
  /** Dial to answer of answered dials, sorted (the latest 200). */
  rings: number[];
  /** Dial to end of dials no person answered, sorted (the latest 200). */
  unanswered: number[];
  talk: Durations;
  wrapUpSeconds: number;
  /** Wrap-up times, sorted (the latest 200). */
  wraps: number[];
  today: AbandonTally;
  rolling30: AbandonTally;
  at: number;
};

/** Measures are read again after this long. */
const FRESH_MS = 3_000;
/** Until a campaign has its own, a dial is taken to be answered this often. */
const PRIOR_ANSWER_RATE = 0.25;

export function createMeasures(deps: { clock: Clock; calls: Pick<CampaignCalls, 'recent' | 'abandonTally'> }) {
  const cache = new Map<string, Measures>();
  return {
    /** Forgets a campaign's measures (its calls changed in a way the pacer must see now). */
    invalidate: (campaignId: string) => cache.delete(campaignId),
    async of(c: { id: string; timezone: string; wrapUpSeconds: number }): Promise<Measures> {
      const now = deps.clock.now();
      const hit = cache.get(c.id);
      if (hit && now.getTime() - hit.at < FRESH_MS) return hit;
      const recent = await deps.calls.recent(c.id, new Date(now.getTime() - 24 * 3_600_000));
      // Resolved dials, newest last: a person answered, or not (machines are not people).
      const resolved = recent.map((r) => ({ human: r.answeredAt !== null && r.answeredBy !== 'machine' }));
      const rings = recent.flatMap((r) => (r.answeredAt ? [(r.answeredAt.getTime() - r.createdAt.getTime()) / 1000] : []));
      // A machine stops the ringing when it picks up; a line nobody picks up, when it ends.
      const unanswered = recent.flatMap((r) => {
        const stopped = r.answeredBy === 'machine' ? r.answeredAt : r.answeredAt === null ? r.endedAt : null;
        return stopped ? [(stopped.getTime() - r.createdAt.getTime()) / 1000] : [];
      });
      const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const talks = recent.flatMap((r) => (r.bridged && r.talkSeconds !== null && r.talkSeconds > 0 ? [r.talkSeconds] : []));
      const wraps = recent.flatMap((r) => (r.wrapSeconds !== null && r.wrapSeconds >= 0 ? [r.wrapSeconds] : []));
      const quantile = (xs: number[], q: number, fallback: number) =>
        xs.length < 5 ? fallback : ([...xs].sort((a, b) => a - b)[Math.floor(q * xs.length)] ?? fallback);
      const median = (xs: number[], fallback: number) => (xs.length < 5 ? fallback : ([...xs].sort((a, b) => a - b)[xs.length >> 1] ?? fallback));
      const wrapFallback = c.wrapUpSeconds > 0 ? c.wrapUpSeconds : 30;
      const m: Measures = {
        answerRate: answerRate(resolved, PRIOR_ANSWER_RATE),
        // Until measured, assume leads answer fast: counting on agents who are not free yet is what abandons calls.
        ringToAnswer: quantile(rings.slice(-100), 0.25, 3),
        rings: sorted(rings.slice(-200)),
        unanswered: sorted(unanswered.slice(-200)),
        talk: durations(talks.slice(-200), 180),
        wrapUpSeconds: Math.min(median(wraps.slice(-100), wrapFallback), c.wrapUpSeconds > 0 ? c.wrapUpSeconds : Number.POSITIVE_INFINITY),
        wraps: sorted(wraps.slice(-200)),
        today: await deps.calls.abandonTally(c.id, startOfLocalDay(now, c.timezone)),
        rolling30: await deps.calls.abandonTally(c.id, new Date(now.getTime() - 30 * 86_400_000)),
        at: now.getTime(),
      };
      cache.set(c.id, m);
      return m;
    },
  };
}

export type MeasuresService = ReturnType<typeof createMeasures>;
