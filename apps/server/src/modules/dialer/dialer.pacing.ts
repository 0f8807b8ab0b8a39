/**
 * How many lines a campaign dials now, as a pure function of what the pacer sees: the mode, the
 * agents free and busy, the lines already ringing and the answered leads waiting, the measured
 * answer rate, ring and talk times, and the abandon rate so far today and over 30 days.
 *
 * predictive dials the most lines whose expected abandons, relative to their expected answers,
 * stay under a target below the cap (the expectations drawn over when each line is answered and
 * each agent comes free, dialer.outlook); the target shrinks evenly as the measured rate nears the
 * cap, to lines no scenario abandons, and at the cap's edge the campaign falls back to progressive
 * (one line per free agent) until the rate is under again. power dials `ratio` lines per free agent,
 * held back to progressive near the cap.
 */
import type { DialMode } from '@telehub/shared';
import { type BusyAgent, type Durations, freeWithin } from './dialer.forecast.js';
import { outlook } from './dialer.outlook.js';

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
  /** Seconds from dial to a person answering, for answered calls (an early quantile): all answers are taken to come then until `rings` holds a sample. */
  ringToAnswer: number;
  /** Dial to answer of the campaign's answered dials, seconds, sorted. */
  rings?: number[];
  /** Dial to end of its dials no person answered, seconds, sorted. */
  unanswered?: number[];
  /** How long each line out has rung, seconds (else all `ringing` lines are taken as just dialled). */
  ringingAges?: number[];
  /** How long an answered lead may wait for an agent, seconds: agents free by then take it. */
  answerWaitSeconds?: number;
  talk: Durations;
  wrapUpSeconds: number;
  /** Wrap-up times measured, seconds, sorted. */
  wraps?: number[];
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

/** The aim as shares of the cap: full while the measured rate is at most FULL_UNTIL, falling evenly to nothing at NONE_AT. */
const AIM = 0.8;
const FULL_UNTIL = 0.8;
const NONE_AT = 0.95;
/** Measured at this share of the cap, the campaign dials progressive until it is under again. */
const PROGRESSIVE_AT = 0.97;
/** One more abandon must leave today's rate under this share of the cap. */
const ROOM = 0.9;

/**
 * Predictive: the share of expected answers a decision may expect to abandon, steered by the
 * measured rate so that the day settles just under the cap instead of swinging between dialling
 * hard and progressive: 80% of the cap while the measured rate is under 80% of it, then less and
 * less, nothing at 95%. With nothing to spend (`backOff`) it dials only lines no forecast scenario
 * abandons; at 97% measured it dials progressive (`progressive`) until the rate is under again.
 * Also: abandons still affordable today (one more must leave today under 90% of the cap), so one
 * bad minute cannot push the day over, counted from the day's first answer, when the forecast has
 * least to go on: a day spends nothing until its answers can afford one abandon (37 at a 3% cap).
 */
export function abandonTarget(today: AbandonTally, rolling30: AbandonTally, cap: number): { target: number; backOff: boolean; progressive: boolean } {
  if (cap <= 0) return { target: 0, backOff: true, progressive: true };
  const m = measuredRate(today, rolling30, cap);
  if (m >= PROGRESSIVE_AT * cap) return { target: 0, backOff: true, progressive: true };
  if (today.abandoned + 1 > ROOM * cap * (today.answered + 1)) return { target: 0, backOff: true, progressive: false };
  const share = AIM * Math.min(1, Math.max(0, (NONE_AT * cap - m) / ((NONE_AT - FULL_UNTIL) * cap)));
  if (share <= 0) return { target: 0, backOff: true, progressive: false };
  return { target: share * cap, backOff: false, progressive: false };
}

/**
 * Power: its ratio is the manager's own choice, held back to progressive at 90% of the cap measured
 * or, once today has answers enough to judge by, when one more abandon would take today past 85%.
 */
export function powerHeldBack(today: AbandonTally, rolling30: AbandonTally, cap: number): boolean {
  if (cap <= 0) return true;
  if (measuredRate(today, rolling30, cap) >= 0.9 * cap) return true;
  return today.answered >= MIN_ANSWERS && today.abandoned + 1 > 0.85 * cap * (today.answered + 1);
}

export function decide(input: PacingInput): PacingDecision {
  const agents = input.free + input.busy.length;
  const progressive = Math.max(0, input.free - input.ringing - input.waiting);
  if (input.mode === 'preview') return { lines: 0, mode: 'preview', backedOff: false, target: 0 };
  if (input.mode === 'progressive') return { lines: progressive, mode: 'progressive', backedOff: false, target: 0 };

  const maxLines = Math.max(0, MAX_LINES_PER_AGENT * agents - input.ringing);
  if (input.mode === 'power') {
    if (powerHeldBack(input.today, input.rolling30, input.maxAbandonRate)) return { lines: progressive, mode: 'progressive', backedOff: true, target: 0 };
    const wanted = Math.max(0, Math.round(input.ratio * input.free) - input.ringing - input.waiting);
    return { lines: Math.min(wanted, maxLines), mode: 'power', backedOff: false, target: 0 };
  }

  const { target, backOff, progressive: fallBack } = abandonTarget(input.today, input.rolling30, input.maxAbandonRate);
  if (fallBack) return { lines: progressive, mode: 'progressive', backedOff: true, target: 0 };
  const p = Math.max(0.01, Math.min(1, input.answerRate.upper));
  const pEstimate = Math.max(0.01, Math.min(1, input.answerRate.estimate));

  // predictive: when each line out and each new one would be answered, against when each busy agent comes free (dialer.outlook).
  const wait = input.answerWaitSeconds ?? 2;
  const rings = input.rings ?? [];
  const ringingAges = input.ringingAges ?? new Array<number>(input.ringing).fill(0);
  // The supply a line dialled now can meet: agents free by the time late answers come (nine in ten answers come sooner).
  const late = (rings.length >= 30 ? (rings[Math.floor(0.9 * rings.length)] ?? input.ringToAnswer) : input.ringToAnswer) + wait;
  const expectedSupply = input.free + input.busy.reduce((s, a) => s + freeWithin(a, late, input.talk, input.wrapUpSeconds), 0) - input.waiting;
  if (expectedSupply <= 0.05) return { lines: 0, mode: 'predictive', backedOff: backOff, target };
  // Never aim for more answers than agents to take them: at most supply / p lines out in all.
  const ceiling = Math.min(maxLines, Math.max(0, Math.ceil(expectedSupply / pEstimate) - input.ringing));
  const ahead = outlook({
    free: input.free,
    busy: input.busy,
    ringingAges,
    waiting: input.waiting,
    p,
    rings,
    earlyRing: input.ringToAnswer,
    unanswered: input.unanswered ?? [],
    talk: input.talk,
    wraps: input.wraps ?? [],
    wrapUpSeconds: input.wrapUpSeconds,
    waitSeconds: wait,
  });
  let lines = 0;
  for (let n = 1; n <= ceiling; n++) {
    const { abandons, answers } = ahead.add();
    if (abandons > target * answers) break;
    lines = n;
  }
  // With no agent free and nobody likely to be, the guard above already gave 0; with agents free, dial at least progressive.
  return { lines: Math.max(lines, Math.min(progressive, maxLines)), mode: 'predictive', backedOff: backOff, target };
}
