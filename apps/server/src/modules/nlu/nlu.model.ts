/**
 * Inference: the shipped model file, decoded once, then pure synchronous arithmetic per utterance.
 *
 * Three softmax heads read the same hashed features: objection (with a calibrated threshold),
 * sentiment, and language. Devanagari versus Latin script decides Hindi by rule; the language head
 * only tells English from romanized Hinglish.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  OBJECTION_LABELS,
  type ObjectionLabel,
  type ObjectionType,
  SENTIMENTS,
  type SentimentLabel,
  SPEECH_LANGUAGES,
  type SpeechLanguage,
  type Understanding,
} from '@telehub/shared';
import { clausesOf, FEATURES_VERSION, hashedFeatures, scriptCounts } from './nlu.features.js';

export const MODEL_FORMAT = 'telehub-nlu/1';

/** apps/server/models/nlu.json: the same depth under src/ and dist/, so it resolves from tsx and from the build. */
export const MODEL_PATH = fileURLToPath(new URL('../../../models/nlu.json', import.meta.url));

export const HEADS = { objection: OBJECTION_LABELS, sentiment: SENTIMENTS, language: SPEECH_LANGUAGES } as const;
export type HeadName = keyof typeof HEADS;
export const HEAD_NAMES = Object.keys(HEADS) as HeadName[];

/** One head as stored: int16 weights (feature-major) with one scale, float biases, calibration. */
export type HeadFile = { labels: string[]; bias: number[]; scale: number; weights: string; temperature: number; threshold: number | null };

export type ModelFile = {
  format: typeof MODEL_FORMAT;
  version: string;
  featuresVersion: number;
  hashBits: number;
  corpusHash: string;
  trainedOn: { rows: number; features: number };
  /** Sorted hash buckets that carry weights, as base64 varint deltas. */
  vocabulary: string;
  heads: Record<HeadName, HeadFile>;
};

type Head = { labels: readonly string[]; k: number; bias: Float64Array; weights: Float32Array; temperature: number; threshold: number };

export type Model = { version: string; corpusHash: string; bits: number; rowOf: Int32Array; heads: Record<HeadName, Head> };

export type Understand = (text: string, lang?: SpeechLanguage) => Understanding & { top: { label: ObjectionLabel; confidence: number } };

export function encodeVarints(values: readonly number[]): string {
  const bytes: number[] = [];
  let prev = 0;
  for (const v of values) {
    let d = v - prev;
    prev = v;
    while (d >= 0x80) {
      bytes.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    bytes.push(d);
  }
  return Buffer.from(bytes).toString('base64');
}

function decodeVarints(b64: string): number[] {
  const bytes = Buffer.from(b64, 'base64');
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  let prev = 0;
  for (const byte of bytes) {
    value |= (byte & 0x7f) << shift;
    if (byte & 0x80) shift += 7;
    else {
      prev += value;
      out.push(prev);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export function decodeModel(file: ModelFile): Model {
  if (file.format !== MODEL_FORMAT) throw new Error(`NLU model format ${file.format} is not ${MODEL_FORMAT}`);
  if (file.featuresVersion !== FEATURES_VERSION)
    throw new Error(`NLU model was trained on features v${file.featuresVersion}, the code computes v${FEATURES_VERSION}: retrain`);
  const buckets = decodeVarints(file.vocabulary);
  const rowOf = new Int32Array(1 << file.hashBits).fill(-1);
  buckets.forEach((b, row) => {
    rowOf[b] = row;
  });
  const heads = {} as Record<HeadName, Head>;
  for (const name of HEAD_NAMES) {
    const h = file.heads[name];
    const expected = HEADS[name] as readonly string[];
    if (h.labels.join() !== expected.join()) throw new Error(`NLU model's ${name} labels ${h.labels.join()} are not ${expected.join()}`);
    const raw = Buffer.from(h.weights, 'base64');
    if (raw.length !== buckets.length * expected.length * 2) throw new Error(`NLU model's ${name} weights do not match its vocabulary`);
    const weights = new Float32Array(raw.length / 2);
    // Little-endian int16 whatever the machine, so one file loads everywhere.
    for (let i = 0; i < weights.length; i++) weights[i] = raw.readInt16LE(i * 2) * h.scale;
    heads[name] = { labels: expected, k: expected.length, bias: Float64Array.from(h.bias), weights, temperature: h.temperature, threshold: h.threshold ?? 0 };
  }
  return { version: file.version, corpusHash: file.corpusHash, bits: file.hashBits, rowOf, heads };
}

export function readModelFile(path = MODEL_PATH): ModelFile {
  return JSON.parse(readFileSync(path, 'utf8')) as ModelFile;
}

/** Raw scores of one head before temperature; training calibrates on these. */
export function logitsOf(model: Model, head: HeadName, indices: Uint32Array, value: number): Float64Array {
  const h = model.heads[head];
  const z = Float64Array.from(h.bias);
  for (const bucket of indices) {
    const row = model.rowOf[bucket] as number;
    if (row < 0) continue;
    const base = row * h.k;
    for (let c = 0; c < h.k; c++) z[c] = (z[c] as number) + value * (h.weights[base + c] as number);
  }
  return z;
}

export function softmax(z: Float64Array, temperature = 1): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) max = Math.max(max, v / temperature);
  const p = new Float64Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    p[i] = Math.exp((z[i] as number) / temperature - max);
    sum += p[i] as number;
  }
  for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) / sum;
  return p;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const NONE_INDEX = OBJECTION_LABELS.indexOf('none');

/** The objections one distribution raises: none when `none` scores highest, else those at or above the threshold, best first. */
function raised(p: Float64Array, threshold: number): { type: ObjectionType; confidence: number }[] {
  if (argmax(p) === NONE_INDEX) return [];
  const found: { type: ObjectionType; confidence: number }[] = [];
  OBJECTION_LABELS.forEach((label, i) => {
    const confidence = p[i] as number;
    if (i !== NONE_INDEX && confidence >= threshold) found.push({ type: label as ObjectionType, confidence });
  });
  return found.sort((a, b) => b.confidence - a.confidence);
}

/**
 * The objection decision, at most two, best first. The whole utterance speaks first, since it
 * weighs its clauses together ("ask my father... call me tomorrow" is a family matter), and its
 * runner-up above the threshold is the second. Only when the whole reads as no objection does a
 * clause read alone count, the latest one that raises any: pleasantries and questions come first,
 * the point comes last ("Sounds good. But the fee is too much for us").
 */
export function decideObjections(whole: Float64Array, clauses: readonly Float64Array[], threshold: number): { type: ObjectionType; confidence: number }[] {
  const fromWhole = raised(whole, threshold);
  if (fromWhole.length > 0) return fromWhole.slice(0, 2);
  for (let i = clauses.length - 1; i >= 0; i--) {
    const fromClause = raised(clauses[i] as Float64Array, threshold);
    if (fromClause.length > 0) return fromClause.slice(0, 1);
  }
  return [];
}

/** The objection head's calibrated distributions for the utterance and for each of its clauses. */
export function objectionDistributions(
  model: Model,
  text: string,
  whole: { indices: Uint32Array; value: number },
): { whole: Float64Array; clauses: Float64Array[] } {
  const t = model.heads.objection.temperature;
  return {
    whole: softmax(logitsOf(model, 'objection', whole.indices, whole.value), t),
    clauses: clausesOf(text).map((c) => {
      const f = hashedFeatures(c, model.bits);
      return softmax(logitsOf(model, 'objection', f.indices, f.value), t);
    }),
  };
}

function argmax(p: Float64Array, from = 0, to = p.length): number {
  let best = from;
  for (let i = from + 1; i < to; i++) if ((p[i] as number) > (p[best] as number)) best = i;
  return best;
}

const EN = SPEECH_LANGUAGES.indexOf('en');
const HINGLISH = SPEECH_LANGUAGES.indexOf('hinglish');

export function createUnderstanding(model: Model): { understand: Understand; detectLanguage(text: string): SpeechLanguage; version: string } {
  const detect = (text: string, indices: Uint32Array, value: number): SpeechLanguage => {
    const { devanagari, latin } = scriptCounts(text);
    if (devanagari === 0 && latin === 0) return 'en';
    if (devanagari >= latin) return 'hi';
    const z = logitsOf(model, 'language', indices, value);
    return (z[HINGLISH] as number) > (z[EN] as number) ? 'hinglish' : 'en';
  };

  const understand: Understand = (text, lang) => {
    const { indices, value } = hashedFeatures(text, model.bits);
    if (indices.length === 0) {
      return { lang: 'en', objections: [], sentiment: { label: 'neutral', score: 0 }, top: { label: 'none', confidence: 1 } };
    }
    const po = objectionDistributions(model, text, { indices, value });
    const objections = decideObjections(po.whole, po.clauses, model.heads.objection.threshold).map((x) => ({ type: x.type, confidence: round3(x.confidence) }));
    const first = objections[0];
    const top = first
      ? { label: first.type as ObjectionLabel, confidence: first.confidence }
      : { label: 'none' as const, confidence: round3(po.whole[NONE_INDEX] as number) };
    const ps = softmax(logitsOf(model, 'sentiment', indices, value), model.heads.sentiment.temperature);
    const label = SENTIMENTS[argmax(ps)] as SentimentLabel;
    const score = round3((ps[SENTIMENTS.indexOf('positive')] as number) - (ps[SENTIMENTS.indexOf('negative')] as number));
    return { lang: lang ?? detect(text, indices, value), objections, sentiment: { label, score }, top };
  };

  const detectLanguage = (text: string): SpeechLanguage => {
    const { indices, value } = hashedFeatures(text, model.bits);
    return detect(text, indices, value);
  };

  return { understand, detectLanguage, version: model.version };
}
