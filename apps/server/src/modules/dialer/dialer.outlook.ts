/**
 * The next seconds of a predictive campaign, drawn as a fixed set of scenarios: when each line out
 * is answered by a person (if at all), when each busy agent comes free, and so how many answered
 * leads would find no agent within the wait. Time matters here: a lead who answers after 18 s can
 * be taken by an agent whose wrap-up ends in 15 s, one who answers after 6 s cannot, and a line
 * that has rung for 15 s answers within seconds or not at all.
 *
 * Leads are served in the order they answer by the agents free by then (plus the wait); as each
 * lead can take any agent free by its deadline and the deadlines are ordered, the leads nobody
 * takes number max over j of (j − agents free by the j-th deadline), which is what a scenario counts.
 * The scenarios come from a fixed seed, so the same state gives the same decision, and adding a
 * line adds the same draws to every scenario (the decision compares like with like).
 */
import { seededRandom } from '../../platform/random.js';
import { type BusyAgent, cdf, type Durations, mean } from './dialer.forecast.js';

export type OutlookInput = {
  /** Agents in the campaign, available, with no call. */
  free: number;
  busy: BusyAgent[];
  /** How long each lead-first line out now has rung, seconds. */
  ringingAges: number[];
  /** Answered leads waiting for an agent now. */
  waiting: number;
  /** The chance a fresh line is answered by a person. */
  p: number;
  /** Dial to answer of answered dials, seconds, sorted; below MIN_SAMPLE every answer is taken to come after `earlyRing`. */
  rings: number[];
  earlyRing: number;
  /** Dial to end of dials no person answered, seconds, sorted (how long a line that will not be answered rings). */
  unanswered: number[];
  talk: Durations;
  /** Wrap-up times measured, seconds, sorted; below MIN_SAMPLE every wrap-up is taken to last `wrapUpSeconds`. */
  wraps: number[];
  wrapUpSeconds: number;
  /** How long an answered lead waits for an agent before it is abandoned, seconds. */
  waitSeconds: number;
};

/** Below this many answered dials the ring-time sample is not trusted. */
const MIN_SAMPLE = 30;
const SCENARIOS = 200;
const SEED = 0x7e1e;

function survival(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return 1 - lo / sorted.length;
}

/** Given the line has rung `age` s without an outcome: the chance a person answers it, and a draw of how long until they do. */
export function lineOutlook(input: Pick<OutlookInput, 'p' | 'rings' | 'earlyRing' | 'unanswered'>, age: number) {
  const { p, rings } = input;
  if (rings.length < MIN_SAMPLE) {
    return { p, after: () => Math.max(0, input.earlyRing - age) };
  }
  const sr = survival(rings, age);
  if (sr <= 0) return { p: 0, after: () => 0 };
  // How likely a line still ringing at this age is one that will be answered: those not answered stop ringing on their own clock.
  const su = input.unanswered.length >= MIN_SAMPLE ? survival(input.unanswered, age) : sr;
  const posterior = (p * sr) / (p * sr + (1 - p) * su);
  const from = 1 - sr;
  return {
    p: posterior,
    after: (u: number) => Math.max(0, (rings[Math.min(rings.length - 1, Math.floor((from + u * sr) * rings.length))] ?? age) - age),
  };
}

/** A draw of a wrap-up's length from the measured ones, given it has lasted `elapsed` s (the campaign's wrap-up time until there are enough). */
function wrapDraw(wraps: number[], wrapUp: number, elapsed: number, u: number): number {
  if (wraps.length < MIN_SAMPLE) return Math.max(wrapUp, elapsed);
  const left = survival(wraps, elapsed);
  // Longer than every measured wrap-up: about to end.
  if (left <= 0) return elapsed;
  const from = 1 - left;
  return wraps[Math.min(wraps.length - 1, Math.floor((from + u * left) * wraps.length))] ?? elapsed;
}

/** A draw of the seconds until a busy agent is free: the rest of the call, then the wrap-up. */
function freeAfter(agent: BusyAgent, input: Pick<OutlookInput, 'talk' | 'wraps' | 'wrapUpSeconds'>, random: () => number): number {
  const { talk } = input;
  if (agent.state === 'ringing') return Number.POSITIVE_INFINITY;
  if (agent.state === 'wrap_up') return wrapDraw(input.wraps, input.wrapUpSeconds, agent.elapsedSeconds, random()) - agent.elapsedSeconds;
  const wrap = wrapDraw(input.wraps, input.wrapUpSeconds, 0, random());
  const e = agent.elapsedSeconds;
  const u = random();
  const n = talk.sorted.length;
  let rest: number;
  if (n >= MIN_SAMPLE) {
    const c = cdf(talk, e);
    // Past nearly every sample: a long call, its end taken as evenly likely over the mean length.
    if (1 - c < 0.02) rest = u * 2 * mean(talk);
    else rest = Math.max(0, (talk.sorted[Math.min(n - 1, Math.floor((c + u * (1 - c)) * n))] ?? e) - e);
  } else {
    // The log-normal the forecast assumes before there is a sample, conditioned by rejection.
    const sigma2 = Math.log(1 + 0.36);
    const mu = Math.log(talk.fallbackMean) - sigma2 / 2;
    rest = u * 2 * talk.fallbackMean;
    for (let i = 0; i < 20; i++) {
      const z = Math.sqrt(-2 * Math.log(Math.max(1e-12, random()))) * Math.cos(2 * Math.PI * random());
      const t = Math.exp(mu + Math.sqrt(sigma2) * z);
      if (t > e) {
        rest = t - e;
        break;
      }
    }
  }
  return rest + wrap;
}

export type Outlook = {
  /** Expected abandons and answers with the lines out now and `added` more. */
  current(): { abandons: number; answers: number };
  /** One more line dialled now: the new expectations. */
  add(): { abandons: number; answers: number };
};

export function outlook(input: OutlookInput): Outlook {
  const random = seededRandom(SEED);
  const wait = input.waitSeconds;
  const fresh = lineOutlook(input, 0);
  const lines = input.ringingAges.map((age) => lineOutlook(input, age));
  let answers = lines.reduce((s, l) => s + l.p, 0);
  // Per scenario: the agents' free times, sorted, and the deadlines of the leads who answer, sorted.
  const agentTimes: Float64Array[] = [];
  const deadlines: number[][] = [];
  for (let s = 0; s < SCENARIOS; s++) {
    const times = new Float64Array(input.free + input.busy.length);
    input.busy.forEach((a, i) => {
      times[input.free + i] = freeAfter(a, input, random);
    });
    times.sort();
    agentTimes.push(times);
    // Leads already waiting have used about half their wait.
    const d: number[] = new Array<number>(input.waiting).fill(wait / 2);
    for (const l of lines) {
      const answered = random() < l.p;
      const after = l.after(random());
      if (answered) d.push(after + wait);
    }
    deadlines.push(d.sort((a, b) => a - b));
  }
  const unserved = (s: number): number => {
    const times = agentTimes[s] as Float64Array;
    const d = deadlines[s] as number[];
    let k = 0;
    let worst = 0;
    for (let j = 0; j < d.length; j++) {
      const deadline = d[j] as number;
      while (k < times.length && (times[k] as number) <= deadline) k++;
      worst = Math.max(worst, j + 1 - k);
    }
    return worst;
  };
  const expected = () => {
    let total = 0;
    for (let s = 0; s < SCENARIOS; s++) total += unserved(s);
    return { abandons: total / SCENARIOS, answers };
  };
  return {
    current: expected,
    add() {
      answers += fresh.p;
      for (let s = 0; s < SCENARIOS; s++) {
        const answered = random() < fresh.p;
        const after = fresh.after(random());
        if (!answered) continue;
        const d = deadlines[s] as number[];
        const deadline = after + wait;
        let i = d.length;
        d.push(deadline);
        while (i > 0 && (d[i - 1] as number) > deadline) {
          d[i] = d[i - 1] as number;
          i--;
        }
        d[i] = deadline;
      }
      return expected();
    },
  };
}
