/**
 * How many lines a campaign dials now, as a pure function of what the pacer sees: the mode, the
 * agents free and busy, the lines already ringing and the answered leads waiting, the measured
 * answer rate, ring and talk times, and the abandon rate so far today and over 30 days.
 *
 * predictive dials the most lines whose expected abandons, relative to their expected answers,
 * stay under a target below the cap; the target tightens as the measured rate nears the cap, and
 * near it the campaign falls back to progressive (one line per free agent) until the rate is
 * safely under again. power dials `ratio` lines per free agent under the same guard.
 */
import type { DialMode } from '@telehub/shared';
import { type BusyAgent, type Durations, freeWithin } from './dialer.forecast.js';

export type AbandonTally = { answered: number; abandoned: number };

export type PacingInput = {
  mode: DialMode;
  ratio: number;
  maxAbandonRate: number;
  /** Agents in the campaign, available, with no call. */
  free: number;
  busy: BusyAgent[];
  /** Lead-first lines dialled and not answered yet. */
  ringing: number;
  /** Answered leads waiting for an agent. */
  waiting: number;
  answerRate: { estimate: number; upper: number };
  /** Seconds from dial to a person answering, for answered calls (an early quantile). */
  ringToAnswer: number;
  /** How long an answered lead may wait for an agent, seconds: agents free by then take it. */
  answerWaitSeconds?: number;
  talk: Durations;
  wrapUpSeconds: number;
  today: AbandonTally;
  rolling30: AbandonTally;
};

export type PacingDecision = {
  /** New lines to dial now. */
  lines: number;
  /** The mode actually paced: predictive and power fall back to progressive near the cap. */
  mode: DialMode;
  backedOff: boolean;
  /** The expected share of answers abandoned that the decision allowed. */
  target: number;
};

/** Below this many answers today, today's rate is too noisy to back off on alone. */
const MIN_ANSWERS = 20;
/** The most lines per agent in the campaign, whatever the forecast says. */
const MAX_LINES_PER_AGENT = 6;

const rate = (t: AbandonTally) => (t.answered > 0 ? t.abandoned / t.answered : 0);

/**
 * The abandon rate the pacer steers by: today's once it has enough answers, else the 30-day one,
 * but never below either where it already exceeds the cap (then there is no room at all).
 */
export function measuredRate(today: AbandonTally, rolling30: AbandonTally, cap: number): number {
  const t = rate(today);
  const r = rate(rolling30);
  if (t > cap || r > cap) return Math.max(t, r);
  return today.answered >= MIN_ANSWERS ? Math.max(t, r) : r;
}

/**
 * The share of expected answers a decision may expect to abandon: most of the cap's room while
 * the measured rate is well under it, little as it nears it, none (back off) close to it.
 * Also: abandons still affordable today, so one bad minute cannot push the day over.
 */
export function abandonTarget(today: AbandonTally, rolling30: AbandonTally, cap: number): { target: number; backOff: boolean } {
  if (cap <= 0) return { target: 0, backOff: true };
  const m = measuredRate(today, rolling30, cap);
  if (m >= 0.9 * cap) return { target: 0, backOff: true };
  // Room left today: abandons that would still leave today's rate under 85% of the cap.
  if (today.answered >= MIN_ANSWERS && today.abandoned + 1 > 0.85 * cap * (today.answered + 1)) return { target: 0, backOff: true };
  if (m > 0.5 * cap) return { target: 0.45 * cap, backOff: false };
  return { target: 0.8 * cap, backOff: false };
}

/** The distribution of a sum of independent Bernoulli trials (probabilities ps), shifted by `base`. */
function poissonBinomial(ps: number[]): number[] {
  let dist = [1];
  for (const p of ps) {
    const next = new Array<number>(dist.length + 1).fill(0);
    for (let k = 0; k < dist.length; k++) {
      const v = dist[k] ?? 0;
      next[k] = (next[k] ?? 0) + v * (1 - p);
      next[k + 1] = (next[k + 1] ?? 0) + v * p;
    }
    dist = next;
  }
  return dist;
}

function binomial(n: number, p: number): number[] {
  return poissonBinomial(new Array<number>(n).fill(p));
}

/**
 * Expected abandons when `lines` lines are out (each answered with probability p), `waiting`
 * leads already wait, and `free` agents plus the busy ones' chances of coming free take them.
 */
export function expectedAbandons(lines: number, p: number, waiting: number, free: number, freeing: number[]): number {
  const answers = binomial(lines, p);
  const supply = poissonBinomial(freeing);
  let e = 0;
  for (let x = 0; x < answers.length; x++) {
    const px = answers[x] ?? 0;
    if (px < 1e-12) continue;
    const demand = x + waiting;
    for (let s = 0; s < supply.length; s++) {
      const over = demand - free - s;
      if (over > 0) e += px * (supply[s] ?? 0) * over;
    }
  }
  return e;
}

export function decide(input: PacingInput): PacingDecision {
  const agents = input.free + input.busy.length;
  const progressive = Math.max(0, input.free - input.ringing - input.waiting);
  if (input.mode === 'preview') return { lines: 0, mode: 'preview', backedOff: false, target: 0 };
  if (input.mode === 'progressive') return { lines: progressive, mode: 'progressive', backedOff: false, target: 0 };

  const { target, backOff } = abandonTarget(input.today, input.rolling30, input.maxAbandonRate);
  if (backOff) return { lines: progressive, mode: 'progressive', backedOff: true, target: 0 };
  const maxLines = Math.max(0, MAX_LINES_PER_AGENT * agents - input.ringing);
  const p = Math.max(0.01, Math.min(1, input.answerRate.upper));
  const pEstimate = Math.max(0.01, Math.min(1, input.answerRate.estimate));

  if (input.mode === 'power') {
    const wanted = Math.max(0, Math.round(input.ratio * input.free) - input.ringing - input.waiting);
    return { lines: Math.min(wanted, maxLines), mode: 'power', backedOff: false, target };
  }

  // predictive: agents free now, and each busy agent's chance to be free by the time a line dialled now is answered.
  // A line dialled now is answered at the earliest after about ringToAnswer; the agent must be free by then plus the wait.
  const horizon = input.ringToAnswer + (input.answerWaitSeconds ?? 2);
  const freeing = input.busy.map((a) => freeWithin(a, horizon, input.talk, input.wrapUpSeconds));
  const expectedSupply = input.free + freeing.reduce((s, q) => s + q, 0) - input.waiting;
  if (expectedSupply <= 0.05) return { lines: 0, mode: 'predictive', backedOff: false, target };
  // Never aim for more answers than agents to take them: at most supply / p lines out in all.
  const ceiling = Math.min(maxLines, Math.max(0, Math.ceil(expectedSupply / pEstimate) - input.ringing));
  let lines = 0;
  for (let n = 1; n <= ceiling; n++) {
    const out = input.ringing + n;
    const abandons = expectedAbandons(out, p, input.waiting, input.free, freeing);
    const answers = out * p;
    if (abandons > target * answers) break;
    lines = n;
  }
  // With no agent free and nobody likely to be, the guard above already gave 0; with agents free, dial at least progressive.
  return { lines: Math.max(lines, Math.min(progressive, maxLines)), mode: 'predictive', backedOff: false, target };
}
