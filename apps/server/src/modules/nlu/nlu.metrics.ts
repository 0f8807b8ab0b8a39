/** How well an understanding does on labelled rows: what the training report prints and the accuracy test asserts. */
import { OBJECTION_LABELS, type ObjectionLabel, SPEECH_LANGUAGES, type SpeechLanguage } from '@telehub/shared';
import type { CorpusRow } from './nlu.corpus.js';
import type { Understand } from './nlu.model.js';
import { macroF1 } from './nlu.train.js';

export type ClassScores = { precision: number; recall: number; f1: number; support: number };

export type Evaluation = {
  rows: number;
  objection: {
    accuracy: number;
    macroF1: number;
    perClass: Record<ObjectionLabel, ClassScores>;
    perLanguage: Record<SpeechLanguage, { rows: number; accuracy: number; macroF1: number }>;
  };
  sentiment: { accuracy: number; perLanguage: Record<SpeechLanguage, number> };
  language: { accuracy: number; perLanguage: Record<SpeechLanguage, number> };
  /** The most frequent wrong answers, with examples to read. */
  hotSpots: { truth: ObjectionLabel; predicted: ObjectionLabel; count: number; examples: string[] }[];
};

const r4 = (x: number) => Math.round(x * 10000) / 10000;

function classScores(truth: readonly string[], predicted: readonly string[], label: string): ClassScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  truth.forEach((t, i) => {
    const p = predicted[i];
    if (t === label && p === label) tp++;
    else if (p === label) fp++;
    else if (t === label) fn++;
  });
  return {
    precision: r4(tp + fp === 0 ? 0 : tp / (tp + fp)),
    recall: r4(tp + fn === 0 ? 0 : tp / (tp + fn)),
    f1: r4(tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)),
    support: tp + fn,
  };
}

const share = (hits: number, n: number) => r4(n === 0 ? 0 : hits / n);

export function evaluate(understand: Understand, detectLanguage: (text: string) => SpeechLanguage, rows: readonly CorpusRow[]): Evaluation {
  const answers = rows.map((r) => ({ row: r, u: understand(r.text), lang: detectLanguage(r.text) }));
  const truth = answers.map((a) => a.row.objection);
  const predicted = answers.map((a) => a.u.top.label);

  const perClass = {} as Record<ObjectionLabel, ClassScores>;
  for (const label of OBJECTION_LABELS) perClass[label] = classScores(truth, predicted, label);

  const perLanguage = {} as Evaluation['objection']['perLanguage'];
  const sentimentPerLanguage = {} as Record<SpeechLanguage, number>;
  const languagePerLanguage = {} as Record<SpeechLanguage, number>;
  for (const lang of SPEECH_LANGUAGES) {
    const subset = answers.filter((a) => a.row.lang === lang);
    const t = subset.map((a) => a.row.objection);
    const p = subset.map((a) => a.u.top.label);
    perLanguage[lang] = { rows: subset.length, accuracy: share(t.filter((x, i) => x === p[i]).length, t.length), macroF1: r4(macroF1(t, p)) };
    sentimentPerLanguage[lang] = share(subset.filter((a) => a.u.sentiment.label === a.row.sentiment).length, subset.length);
    languagePerLanguage[lang] = share(subset.filter((a) => a.lang === a.row.lang).length, subset.length);
  }

  const confusions = new Map<string, { truth: ObjectionLabel; predicted: ObjectionLabel; count: number; examples: string[] }>();
  for (const a of answers) {
    if (a.u.top.label === a.row.objection) continue;
    const key = `${a.row.objection}>${a.u.top.label}`;
    const c = confusions.get(key) ?? { truth: a.row.objection, predicted: a.u.top.label, count: 0, examples: [] };
    c.count++;
    if (c.examples.length < 3) c.examples.push(a.row.text);
    confusions.set(key, c);
  }

  return {
    rows: rows.length,
    objection: {
      accuracy: share(truth.filter((t, i) => t === predicted[i]).length, truth.length),
      macroF1: r4(macroF1(truth, predicted)),
      perClass,
      perLanguage,
    },
    sentiment: { accuracy: share(answers.filter((a) => a.u.sentiment.label === a.row.sentiment).length, answers.length), perLanguage: sentimentPerLanguage },
    language: { accuracy: share(answers.filter((a) => a.lang === a.row.lang).length, answers.length), perLanguage: languagePerLanguage },
    hotSpots: [...confusions.values()]
      .sort((a, b) => b.count - a.count || a.truth.localeCompare(b.truth) || a.predicted.localeCompare(b.predicted))
      .slice(0, 8),
  };
}
