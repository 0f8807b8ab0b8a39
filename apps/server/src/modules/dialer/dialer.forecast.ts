/**
 * What the predictive pacer forecasts, as pure functions of what was measured: how likely a dial
 * is answered by a person (a sliding window with an upper bound for safety), how long leads ring
 * before they answer, and when each busy agent comes free (talk time so far, the campaign's
 * talk-time distribution, the wrap-up that follows).
 */

/** A sorted sample of durations (seconds) with a fallback shape when it is too small to trust. */
export type Durations = { sorted: number[]; fallbackMean: number };

/** The smallest sample the empirical distribution is used for; below it a log-normal with the fallback mean stands in. */
const MIN_SAMPLE = 30;

export function durations(values: number[], fallbackMean: number): Durations {
  return { sorted: values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b), fallbackMean };
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26, error under 1.5e-7). */
function phi(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x / Math.SQRT2));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** Log-normal with this mean and a coefficient of variation of 0.6, as talk times in admissions calls spread. */
function lognormalCdf(x: number, mean: number): number {
  if (x <= 0) return 0;
  const sigma2 = Math.log(1 + 0.36);
  const mu = Math.log(mean) - sigma2 / 2;
  return phi((Math.log(x) - mu) / Math.sqrt(sigma2));
}

/** P(T <= x). */
export function cdf(d: Durations, x: number): number {
  const n = d.sorted.length;
  if (n < MIN_SAMPLE) return lognormalCdf(x, d.fallbackMean);
  // Upper bound of the values <= x, by binary search.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((d.sorted[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / n;
}

export function mean(d: Durations): number {
  if (d.sorted.length < MIN_SAMPLE) return d.fallbackMean;
  return d.sorted.reduce((s, v) => s + v, 0) / d.sorted.length;
}

/** P(T <= elapsed + within | T > elapsed): the chance something that has lasted `elapsed` ends within `within`. */
export function endsWithin(d: Durations, elapsed: number, within: number): number {
  if (within <= 0) return 0;
  const survived = 1 - cdf(d, elapsed);
  // Past nearly every sample: the call is long; treat its end as evenly likely over the mean length.
  if (survived < 0.02) return Math.min(1, within / Math.max(1, mean(d)));
  return Math.max(0, Math.min(1, (cdf(d, elapsed + within) - cdf(d, elapsed)) / survived));
}

export type BusyAgent = { state: 'on_call' | 'wrap_up' | 'ringing'; elapsedSeconds: number };

/**
 * The chance each busy agent is free within `horizon` seconds: an agent on a call needs the call
 * to end and the wrap-up after it; an agent in wrap-up needs only the rest of it. An agent whose
 * phone rings for a reserved call is not coming free.
 */
export function freeWithin(agent: BusyAgent, horizon: number, talk: Durations, wrapUpSeconds: number): number {
  if (agent.state === 'ringing') return 0;
  if (agent.state === 'wrap_up') {
    const left = wrapUpSeconds - agent.elapsedSeconds;
    if (left <= horizon) return 1;
    // Agents often save before the timer: a soft edge over the last 10 seconds.
    return Math.max(0, 1 - (left - horizon) / 10);
  }
  return endsWithin(talk, agent.elapsedSeconds, horizon - wrapUpSeconds);
}

/** Dials that ended, for the answer-rate window: whether a person answered. */
export type Resolved = { human: boolean };

/**
 * The answer rate over the most recent `window` resolved dials, blended with a prior worth
 * `priorWeight` dials so a fresh campaign starts sane; `upper` is a one-sided 90% Wilson bound,
 * which the pacer uses to judge the abandon risk, so a rate that has just risen cannot surprise it.
 */
export function answerRate(recent: Resolved[], prior: number, window = 60, priorWeight = 10): { estimate: number; upper: number; sample: number } {
  const sample = recent.slice(-window);
  const answered = sample.filter((r) => r.human).length;
  const n = sample.length + priorWeight;
  const p = (answered + prior * priorWeight) / n;
  const z = 1.2816;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const upper = Math.min(1, (centre + spread) / (1 + (z * z) / n));
  return { estimate: p, upper: Math.max(p, upper), sample: sample.length };
}
