/**
 * The shipped model on the held-out split: the targets live assist was built to, as thresholds.
 * The split's rows come from paraphrase groups training never saw, so a drop here is real.
 */
import { SPEECH_LANGUAGES } from '@telehub/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadUnderstanding } from './index.js';
import { type CorpusRow, readCorpus } from './nlu.corpus.js';
import { fold, normalise, tokenize } from './nlu.features.js';
import { type Evaluation, evaluate } from './nlu.metrics.js';
import { readModelFile } from './nlu.model.js';

const TARGETS = { objectionMacroF1: 0.9, objectionMacroF1PerLanguage: 0.85, sentimentAccuracy: 0.85, languageAccuracy: 0.97 };

let corpus: { train: CorpusRow[]; test: CorpusRow[]; hash: string };
let result: Evaluation;

beforeAll(() => {
  corpus = readCorpus();
  const { understand, detectLanguage } = loadUnderstanding();
  result = evaluate(understand, detectLanguage, corpus.test);
});

describe('the shipped model on the held-out split', () => {
  it('was trained on exactly the corpus in data/nlu (retrain with npm run train:nlu after changing it)', () => {
    expect(readModelFile().corpusHash).toBe(corpus.hash);
  });

  it('is scored on a real split: every language, every label, and no test text in training', () => {
    for (const lang of SPEECH_LANGUAGES) expect(corpus.test.filter((r) => r.lang === lang).length).toBeGreaterThanOrEqual(300);
    for (const c of Object.values(result.objection.perClass)) expect(c.support).toBeGreaterThanOrEqual(100);
    const key = (r: CorpusRow) => `${r.lang}|${tokenize(normalise(r.text)).map(fold).join(' ')}`;
    const trained = new Set(corpus.train.map(key));
    expect(corpus.test.filter((r) => trained.has(key(r)))).toEqual([]);
    const trainGroups = new Set(corpus.train.map((r) => r.group));
    expect(corpus.test.filter((r) => trainGroups.has(r.group))).toEqual([]);
  });

  it(`finds objections with macro-F1 of at least ${TARGETS.objectionMacroF1} overall`, () => {
    expect(result.objection.macroF1).toBeGreaterThanOrEqual(TARGETS.objectionMacroF1);
  });

  it.each(SPEECH_LANGUAGES)(`finds objections with macro-F1 of at least ${TARGETS.objectionMacroF1PerLanguage} in %s`, (lang) => {
    expect(result.objection.perLanguage[lang].macroF1).toBeGreaterThanOrEqual(TARGETS.objectionMacroF1PerLanguage);
  });

  it(`reads sentiment right at least ${TARGETS.sentimentAccuracy * 100}% of the time`, () => {
    expect(result.sentiment.accuracy).toBeGreaterThanOrEqual(TARGETS.sentimentAccuracy);
  });

  it('tells the three languages apart', () => {
    expect(result.language.accuracy).toBeGreaterThanOrEqual(TARGETS.languageAccuracy);
  });
});
