/**
 * `npm run train:nlu`: writes the corpus (data/nlu/train.jsonl, test.jsonl) from the templates in
 * scripts/nlu/corpus, trains the local understanding, writes apps/server/models/nlu.json, then
 * scores it on the held-out split: a JSON report and a table on stdout, data/nlu/REPORT.md on disk.
 * Deterministic: the same sources give byte-identical corpus and model files.
 */
import { writeFileSync } from 'node:fs';
import { OBJECTION_LABELS, SPEECH_LANGUAGES } from '@telehub/shared';
import { CORPUS_DIR, CORPUS_FILES, corpusHash, toJsonl } from '../../apps/server/src/modules/nlu/nlu.corpus.js';
import { type Evaluation, evaluate } from '../../apps/server/src/modules/nlu/nlu.metrics.js';
import { createUnderstanding, decodeModel, MODEL_PATH } from '../../apps/server/src/modules/nlu/nlu.model.js';
import { serializeModel, trainModel } from '../../apps/server/src/modules/nlu/nlu.train.js';
import { buildCorpus, type CorpusStats } from './corpus/build.js';

const started = performance.now();
const { train, test, stats } = buildCorpus();
const trainText = toJsonl(train);
const testText = toJsonl(test);
writeFileSync(`${CORPUS_DIR}${CORPUS_FILES.train}`, trainText);
writeFileSync(`${CORPUS_DIR}${CORPUS_FILES.test}`, testText);
const corpusSeconds = (performance.now() - started) / 1000;

const trainStart = performance.now();
const file = trainModel(train, corpusHash(trainText, testText));
const trainSeconds = (performance.now() - trainStart) / 1000;
const serialized = serializeModel(file);
writeFileSync(MODEL_PATH, serialized);

const { understand, detectLanguage } = createUnderstanding(decodeModel(file));
const result = evaluate(understand, detectLanguage, test);

// Single-thread throughput over the test sentences, after a warm-up.
for (const r of test.slice(0, 200)) understand(r.text);
let done = 0;
const benchStart = performance.now();
while (performance.now() - benchStart < 1500) {
  for (const r of test) understand(r.text);
  done += test.length;
}
const perSecond = Math.round(done / ((performance.now() - benchStart) / 1000));

const count = (rows: typeof train) => Object.fromEntries(SPEECH_LANGUAGES.map((l) => [l, rows.filter((r) => r.lang === l).length]));
const report = {
  version: file.version,
  corpusHash: file.corpusHash,
  sizes: {
    train: train.length,
    test: test.length,
    trainByLanguage: count(train),
    testByLanguage: count(test),
    features: file.trainedOn.features,
    modelBytes: Buffer.byteLength(serialized),
  },
  corpus: stats,
  calibration: {
    objectionThreshold: file.heads.objection.threshold,
    temperatures: { objection: file.heads.objection.temperature, sentiment: file.heads.sentiment.temperature },
  },
  test: result,
  seconds: { corpus: Number(corpusSeconds.toFixed(2)), training: Number(trainSeconds.toFixed(2)) },
  throughputPerSecond: perSecond,
};
console.log(JSON.stringify(report, null, 2));
const markdown = reportMarkdown(report, result, stats);
console.log(`\n${markdown}`);
// Machine-dependent figures stay out of REPORT.md, so retraining an unchanged corpus changes no file.
console.log(`Throughput: ${perSecond.toLocaleString('en')} utterances/s on one thread; training took ${report.seconds.training} s.`);
writeFileSync(`${CORPUS_DIR}REPORT.md`, markdown);

function reportMarkdown(r: typeof report, e: Evaluation, s: CorpusStats): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}`;
  const lines = [
    '# Local understanding: held-out report',
    '',
    `Model \`${r.version}\` (${(r.sizes.modelBytes / 1024).toFixed(0)} KiB, ${r.sizes.features} weighted features), corpus \`${r.corpusHash.slice(0, 12)}\`.`,
    `Written by \`npm run train:nlu\`; the test split was never seen in training or calibration.`,
    '',
    `Rows: train ${r.sizes.train} (${SPEECH_LANGUAGES.map((l) => `${l} ${r.sizes.trainByLanguage[l]}`).join(', ')}), test ${r.sizes.test} (${SPEECH_LANGUAGES.map((l) => `${l} ${r.sizes.testByLanguage[l]}`).join(', ')}).`,
    `Paraphrase groups: train ${s.groups.train}, test ${s.groups.test}; ${s.duplicatesMerged} duplicate texts merged, ${s.testNearDuplicatesDropped} test near-duplicates of training rows dropped, ${s.demoLookalikesDropped} look-alikes of the demo lines dropped.`,
    '',
    '| language | rows | objection macro-F1 | objection accuracy | sentiment accuracy | language accuracy |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...SPEECH_LANGUAGES.map(
      (l) =>
        `| ${l} | ${e.objection.perLanguage[l].rows} | ${pct(e.objection.perLanguage[l].macroF1)} | ${pct(e.objection.perLanguage[l].accuracy)} | ${pct(e.sentiment.perLanguage[l])} | ${pct(e.language.perLanguage[l])} |`,
    ),
    `| **all** | ${e.rows} | **${pct(e.objection.macroF1)}** | ${pct(e.objection.accuracy)} | **${pct(e.sentiment.accuracy)}** | ${pct(e.language.accuracy)} |`,
    '',
    '| objection | precision | recall | F1 | support |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...OBJECTION_LABELS.map((l) => {
      const c = e.objection.perClass[l];
      return `| ${l} | ${pct(c.precision)} | ${pct(c.recall)} | ${pct(c.f1)} | ${c.support} |`;
    }),
    '',
    'Confusion hot spots (truth → predicted):',
    '',
    ...e.hotSpots.map((h) => `- ${h.truth} → ${h.predicted}: ${h.count} (e.g. ${h.examples.map((x) => `“${x}”`).join(', ')})`),
    '',
    `Objection threshold ${r.calibration.objectionThreshold}, temperatures objection ${r.calibration.temperatures.objection}, sentiment ${r.calibration.temperatures.sentiment} (calibrated on a development share of the training split).`,
    '',
  ];
  return lines.join('\n');
}
