/**
 * Builds the corpus from the three language packs and splits it, deterministically: the same
 * sources and seed give byte-identical files on every machine.
 *
 * The held-out test must measure paraphrases the model never saw, so (1) every expansion of a
 * template, and a hand-written line with its noisy copy, form one group and groups go to one
 * side; (2) a test row whose folded words equal a training row's, or overlap one by 80% or more,
 * is dropped; (3) the simulator's demo lines and their near copies are kept out of both sides,
 * so the demo test is a fair one. The labelling guide's boundary examples (edges.ts) always
 * train: they define the labels rather than test them.
 */
import type { ObjectionLabel, SentimentLabel, SpeechLanguage } from '@telehub/shared';
import { fold, hash32, nearDuplicateKey, normalise, tokenize } from '../../../apps/server/src/modules/nlu/nlu.features.js';
import { CONVERSATIONS } from '../../../apps/server/src/providers/telephony/simulator/conversations.js';
import { EN } from './en.js';
import { type CorpusRow, expand, type LanguagePack, rngFor } from './grammar.js';
import { HI } from './hi.js';
import { HINGLISH } from './hinglish.js';

export const SEED = 1207;
/** Share of each stratum's rows sent to the held-out test. */
const TEST_SHARE = 0.22;
/** Share of template expansions that go through the language's noise. */
const NOISY_SHARE = 0.4;
const NEAR_DUPLICATE_OVERLAP = 0.8;
const DEMO_OVERLAP = 0.75;

export const PACKS: LanguagePack[] = [EN, HI, HINGLISH];

export type CorpusStats = {
  generated: number;
  duplicatesMerged: number;
  demoLookalikesDropped: number;
  testNearDuplicatesDropped: number;
  groups: { train: number; test: number };
};

type Draft = Omit<CorpusRow, 'id'> & { trainOnly: boolean };

function wordSet(text: string): Set<string> {
  return new Set(
    tokenize(normalise(text))
      .map(fold)
      .filter((w) => w !== '?'),
  );
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

function drafts(pack: LanguagePack): Draft[] {
  const out: Draft[] = [];
  const add = (group: string, label: ObjectionLabel, sentiment: SentimentLabel, text: string, trainOnly = false) =>
    out.push({ lang: pack.lang, objection: label, sentiment, group, text, trainOnly });
  for (const block of pack.blocks) {
    for (const template of block.templates ?? []) {
      const group = `${pack.lang}.${block.label}.t${hash32(template).toString(36)}`;
      const rng = rngFor(SEED, group);
      for (const sentence of expand(template, pack.slots, block.per ?? 10, rng)) {
        add(group, block.label, block.sentiment, rng() < NOISY_SHARE ? pack.noise(sentence, rng) : sentence, block.trainOnly);
      }
    }
    for (const line of block.lines ?? []) {
      const group = `${pack.lang}.${block.label}.l${hash32(line).toString(36)}`;
      const rng = rngFor(SEED, group);
      add(group, block.label, block.sentiment, line, block.trainOnly);
      add(group, block.label, block.sentiment, pack.noise(line, rng), block.trainOnly);
    }
  }
  return out;
}

export function buildCorpus(): { train: CorpusRow[]; test: CorpusRow[]; stats: CorpusStats } {
  const all = PACKS.flatMap(drafts);
  const demo = CONVERSATIONS.flatMap((c) => c.lines.map((l) => wordSet(l.text)));

  // One row per folded text; the same text under two labels is a corpus bug, not noise to keep.
  const byText = new Map<string, Draft>();
  const conflicts: string[] = [];
  let demoLookalikesDropped = 0;
  for (const d of all) {
    const words = wordSet(d.text);
    if (demo.some((line) => overlap(words, line) >= DEMO_OVERLAP)) {
      demoLookalikesDropped++;
      continue;
    }
    const key = `${d.lang}|${tokenize(normalise(d.text)).map(fold).join(' ')}`;
    const seen = byText.get(key);
    if (!seen) byText.set(key, d);
    else if (seen.objection !== d.objection || seen.sentiment !== d.sentiment) {
      conflicts.push(`"${d.text}" is ${d.objection}/${d.sentiment} in ${d.group} but ${seen.objection}/${seen.sentiment} in ${seen.group}`);
    }
  }
  if (conflicts.length > 0) throw new Error(`the corpus labels one text two ways:\n${conflicts.join('\n')}`);
  const unique = [...byText.values()];

  // Stratified by language, label and sentiment; whole groups only, in a seeded order.
  const strata = new Map<string, Map<string, Draft[]>>();
  for (const d of unique) {
    if (d.trainOnly) continue;
    const stratum = `${d.lang}|${d.objection}|${d.sentiment}`;
    const groups = strata.get(stratum) ?? new Map<string, Draft[]>();
    groups.set(d.group, [...(groups.get(d.group) ?? []), d]);
    strata.set(stratum, groups);
  }
  const testGroups = new Set<string>();
  for (const [stratum, groups] of [...strata.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const names = [...groups.keys()].sort();
    const rng = rngFor(SEED, `split:${stratum}`);
    for (let i = names.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [names[i], names[j]] = [names[j] as string, names[i] as string];
    }
    const total = [...groups.values()].reduce((n, rows) => n + rows.length, 0);
    let taken = 0;
    for (const name of names) {
      if (taken >= total * TEST_SHARE) break;
      testGroups.add(name);
      taken += groups.get(name)?.length ?? 0;
    }
  }

  const withIds = (rows: Draft[]): CorpusRow[] => {
    const counter = new Map<string, number>();
    return rows.map(({ trainOnly: _, ...r }) => {
      const n = counter.get(r.group) ?? 0;
      counter.set(r.group, n + 1);
      return { id: `${r.group}.${n}`, ...r };
    });
  };
  const train = withIds(unique.filter((d) => !testGroups.has(d.group)));
  const candidates = withIds(unique.filter((d) => testGroups.has(d.group)));

  const trainKeys = new Set(train.map((r) => `${r.lang}|${nearDuplicateKey(r.text)}`));
  const trainWords = new Map<SpeechLanguage, Set<string>[]>();
  for (const r of train) trainWords.set(r.lang, [...(trainWords.get(r.lang) ?? []), wordSet(r.text)]);
  const test = candidates.filter((r) => {
    if (trainKeys.has(`${r.lang}|${nearDuplicateKey(r.text)}`)) return false;
    const words = wordSet(r.text);
    return !(trainWords.get(r.lang) ?? []).some((t) => overlap(words, t) >= NEAR_DUPLICATE_OVERLAP);
  });

  const byId = (a: CorpusRow, b: CorpusRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    train: train.sort(byId),
    test: test.sort(byId),
    stats: {
      generated: all.length,
      duplicatesMerged: all.length - demoLookalikesDropped - unique.length,
      demoLookalikesDropped,
      testNearDuplicatesDropped: candidates.length - test.length,
      groups: { train: new Set(train.map((r) => r.group)).size, test: new Set(test.map((r) => r.group)).size },
    },
  };
}
