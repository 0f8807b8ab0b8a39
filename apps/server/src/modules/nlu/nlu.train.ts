/**
 * Training: multinomial logistic regression per head over the hashed features, AdaGrad with L2,
 * class-balanced, in a seeded order, so the same corpus always gives the same model file.
 *
 * Calibration needs rows the model did not fit, so training runs twice: first on the training
 * split less a development share (whole paraphrase groups), to pick each head's temperature and
 * the objection threshold on that share; then on the whole training split, keeping those values.
 * The held-out test split is never read here.
 */
import { createHash } from 'node:crypto';
import { OBJECTION_LABELS, SENTIMENTS, SPEECH_LANGUAGES } from '@telehub/shared';
import { seededRandom as rng } from '../../platform/random.js';
import type { CorpusRow } from './nlu.corpus.js';
import { FEATURES_VERSION, hash32, hashedFeatures } from './nlu.features.js';
import {
  decideObjections,
  decodeModel,
  encodeVarints,
  HEAD_NAMES,
  HEADS,
  type HeadFile,
  type HeadName,
  logitsOf,
  MODEL_FORMAT,
  type Model,
  type ModelFile,
  objectionDistributions,
  softmax,
} from './nlu.model.js';

export type TrainOptions = {
  hashBits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** A bucket must occur in this many training rows to keep a weight (smaller file, less noise). */
  minCount: number;
  seed: number;
  /** One group in `devShare` goes to the development share used for calibration. */
  devShare: number;
  /** Class weights are (rows / (classes * class rows)) ** balance: 0 leaves the corpus's mix, 1 balances fully. */
  balance: number;
};

export const TRAIN_DEFAULTS: TrainOptions = { hashBits: 18, epochs: 12, learningRate: 0.4, l2: 1e-5, minCount: 3, seed: 1207, devShare: 5, balance: 0.5 };

type Example = { rows: Int32Array; value: number; y: Record<HeadName, number> };

function targets(r: CorpusRow): Record<HeadName, number> {
  return { objection: OBJECTION_LABELS.indexOf(r.objection), sentiment: SENTIMENTS.indexOf(r.sentiment), language: SPEECH_LANGUAGES.indexOf(r.lang) };
}

type Fitted = { buckets: number[]; weights: Record<HeadName, Float64Array>; bias: Record<HeadName, Float64Array> };

type Hashed = { indices: Uint32Array; value: number };

/** Fits all three heads on the rows; weights are feature-major (row * k + class). */
function fit(rows: readonly CorpusRow[], hashed: readonly Hashed[], o: TrainOptions): Fitted {
  // Count each bucket once per row, then keep the common ones, in bucket order.
  const counts = new Map<number, number>();
  for (const h of hashed) for (const b of new Set(h.indices)) counts.set(b, (counts.get(b) ?? 0) + 1);
  const buckets = [...counts.entries()]
    .filter(([, n]) => n >= o.minCount)
    .map(([b]) => b)
    .sort((a, b) => a - b);
  const rowOf = new Map(buckets.map((b, i) => [b, i]));
  const examples: Example[] = hashed.map((h, i) => ({
    rows: Int32Array.from([...h.indices].map((b) => rowOf.get(b) ?? -1).filter((r) => r >= 0)),
    value: h.value,
    y: targets(rows[i] as CorpusRow),
  }));

  const weights = {} as Record<HeadName, Float64Array>;
  const bias = {} as Record<HeadName, Float64Array>;
  const acc = {} as Record<HeadName, Float64Array>;
  const biasAcc = {} as Record<HeadName, Float64Array>;
  const classWeight = {} as Record<HeadName, Float64Array>;
  for (const name of HEAD_NAMES) {
    const k = HEADS[name].length;
    weights[name] = new Float64Array(buckets.length * k);
    acc[name] = new Float64Array(buckets.length * k);
    bias[name] = new Float64Array(k);
    biasAcc[name] = new Float64Array(k);
    // Balanced classes, softened: rare objections count, without swamping `none`.
    const seen = new Float64Array(k);
    for (const e of examples) seen[e.y[name]] = (seen[e.y[name]] as number) + 1;
    classWeight[name] = seen.map((n) => (n > 0 ? (examples.length / (k * n)) ** o.balance : 0));
  }

  const order = examples.map((_, i) => i);
  const next = rng(o.seed);
  const eps = 1e-8;
  const z = new Float64Array(16);
  const g = new Float64Array(16);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const idx of order) {
      const e = examples[idx] as Example;
      const n = e.rows.length;
      for (const name of HEAD_NAMES) {
        const k = HEADS[name].length;
        const w = weights[name];
        const a = acc[name];
        const b = bias[name];
        const ba = biasAcc[name];
        const y = e.y[name];
        for (let c = 0; c < k; c++) z[c] = b[c] as number;
        for (let i = 0; i < n; i++) {
          const base = (e.rows[i] as number) * k;
          for (let c = 0; c < k; c++) z[c] = (z[c] as number) + e.value * (w[base + c] as number);
        }
        let max = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < k; c++) max = Math.max(max, z[c] as number);
        let sum = 0;
        for (let c = 0; c < k; c++) {
          z[c] = Math.exp((z[c] as number) - max);
          sum += z[c] as number;
        }
        const cw = classWeight[name][y] as number;
        for (let c = 0; c < k; c++) {
          const gc = ((z[c] as number) / sum - (c === y ? 1 : 0)) * cw;
          g[c] = gc;
          ba[c] = (ba[c] as number) + gc * gc;
          b[c] = (b[c] as number) - (o.learningRate * gc) / (Math.sqrt(ba[c] as number) + eps);
        }
        for (let i = 0; i < n; i++) {
          const base = (e.rows[i] as number) * k;
          for (let c = 0; c < k; c++) {
            const at = base + c;
            const gw = (g[c] as number) * e.value + o.l2 * (w[at] as number);
            a[at] = (a[at] as number) + gw * gw;
            w[at] = (w[at] as number) - (o.learningRate * gw) / (Math.sqrt(a[at] as number) + eps);
          }
        }
      }
    }
  }
  return { buckets, weights, bias };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function pack(
  f: Fitted,
  calibration: Record<HeadName, { temperature: number; threshold: number | null }>,
  o: TrainOptions,
  corpusHash: string,
  rows: number,
): ModelFile {
  const heads = {} as Record<HeadName, HeadFile>;
  for (const name of HEAD_NAMES) {
    const w = f.weights[name];
    let max = 0;
    for (const v of w) max = Math.max(max, Math.abs(v));
    const scale = max > 0 ? max / 32767 : 1;
    const bytes = Buffer.alloc(w.length * 2);
    for (let i = 0; i < w.length; i++) bytes.writeInt16LE(Math.round((w[i] as number) / scale), i * 2);
    heads[name] = {
      labels: [...HEADS[name]],
      bias: [...f.bias[name]].map((b) => round(b, 6)),
      scale: Number(scale.toPrecision(9)),
      weights: bytes.toString('base64'),
      temperature: calibration[name].temperature,
      threshold: calibration[name].threshold,
    };
  }
  const vocabulary = encodeVarints(f.buckets);
  const version = `nlu-${createHash('sha256').update(vocabulary).update(JSON.stringify(heads)).digest('hex').slice(0, 12)}`;
  return {
    format: MODEL_FORMAT,
    version,
    featuresVersion: FEATURES_VERSION,
    hashBits: o.hashBits,
    corpusHash,
    trainedOn: { rows, features: f.buckets.length },
    vocabulary,
    heads,
  };
}

const TEMPERATURES = Array.from({ length: 55 }, (_, i) => round(0.3 + i * 0.05, 2));
const THRESHOLDS = Array.from({ length: 66 }, (_, i) => round(0.15 + i * 0.01, 2));

/** The temperature with the least log loss on rows the model did not fit. */
function bestTemperature(logits: Float64Array[], truth: number[]): number {
  let best = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (const t of TEMPERATURES) {
    let loss = 0;
    logits.forEach((z, i) => {
      loss -= Math.log(Math.max((softmax(z, t)[truth[i] as number] as number) ?? 0, 1e-12));
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}

/** Macro-F1 over the labels that occur in the truth or the predictions. */
export function macroF1(truth: readonly string[], predicted: readonly string[]): number {
  const labels = [...new Set([...truth, ...predicted])];
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      const p = predicted[i];
      if (t === label && p === label) tp++;
      else if (p === label) fp++;
      else if (t === label) fn++;
    });
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return labels.length === 0 ? 0 : sum / labels.length;
}

function calibrate(model: Model, dev: readonly CorpusRow[]): Record<HeadName, { temperature: number; threshold: number | null }> {
  const features = dev.map((r) => hashedFeatures(r.text, model.bits));
  const out = {} as Record<HeadName, { temperature: number; threshold: number | null }>;
  for (const name of HEAD_NAMES) {
    const logits = features.map((f) => logitsOf(model, name, f.indices, f.value));
    const truth = dev.map((r) => targets(r)[name]);
    out[name] = { temperature: bestTemperature(logits, truth), threshold: null };
  }
  // The threshold that gives the best macro-F1 on the development share; the higher one on a tie, to raise fewer false cards.
  const calibrated = { ...model, heads: { ...model.heads, objection: { ...model.heads.objection, temperature: out.objection.temperature } } };
  const probs = dev.map((r, i) => objectionDistributions(calibrated, r.text, features[i] as { indices: Uint32Array; value: number }));
  const truth = dev.map((r) => r.objection);
  let best = 0.5;
  let bestScore = -1;
  for (const t of THRESHOLDS) {
    const predicted = probs.map((p) => decideObjections(p.whole, p.clauses, t)[0]?.type ?? 'none');
    const score = macroF1(truth, predicted);
    if (score >= bestScore) {
      bestScore = score;
      best = t;
    }
  }
  out.objection.threshold = best;
  return out;
}

/** The development share: whole paraphrase groups, picked by a hash of the group name. */
export function isDevelopment(row: CorpusRow, o: TrainOptions = TRAIN_DEFAULTS): boolean {
  return hash32(`dev:${o.seed}:${row.group}`) % o.devShare === 0;
}

export function trainModel(train: readonly CorpusRow[], corpusHash: string, options: Partial<TrainOptions> = {}): ModelFile {
  const o = { ...TRAIN_DEFAULTS, ...options };
  const hashed = train.map((r) => hashedFeatures(r.text, o.hashBits));
  const dev = train.map((r) => isDevelopment(r, o));
  const fitRows = train.filter((_, i) => !dev[i]);
  const held = fit(
    fitRows,
    hashed.filter((_, i) => !dev[i]),
    o,
  );
  const uncalibrated = {
    objection: { temperature: 1, threshold: 0.5 },
    sentiment: { temperature: 1, threshold: null },
    language: { temperature: 1, threshold: null },
  };
  const calibration = calibrate(
    decodeModel(pack(held, uncalibrated, o, corpusHash, fitRows.length)),
    train.filter((_, i) => dev[i]),
  );
  return pack(fit(train, hashed, o), calibration, o, corpusHash, train.length);
}

/** The file as written to disk: stable key order, one trailing newline. */
export function serializeModel(file: ModelFile): string {
  // Short arrays of numbers or labels on one line, as the repository's formatter writes JSON.
  const text = JSON.stringify(file, null, 2).replace(
    /\[\n([^[\]{}]*?)\n\s*\]/g,
    (_, inner: string) =>
      `[${inner
        .split(',')
        .map((s) => s.trim())
        .join(', ')}]`,
  );
  return `${text}\n`;
}
