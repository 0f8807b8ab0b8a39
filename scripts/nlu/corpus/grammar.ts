/**
 * The little grammar the corpus is written in. A template is one way of saying something, with
 * `[a|b|c]` for alternatives (an empty one makes a word optional) and `{slot}` for a list shared
 * by the language. Every expansion of one template belongs to one paraphrase group, and groups,
 * never single rows, are what the split sends to training or to the held-out test.
 */
import type { ObjectionLabel, SentimentLabel, SpeechLanguage } from '@telehub/shared';
import { hash32 } from '../../../apps/server/src/modules/nlu/nlu.features.js';

export type { CorpusRow } from '../../../apps/server/src/modules/nlu/nlu.corpus.js';

/** A run of the corpus with one label and one sentiment: templates expand, lines are used as written. */
export type Block = {
  label: ObjectionLabel;
  sentiment: SentimentLabel;
  templates?: string[];
  lines?: string[];
  /** Expansions drawn per template (default 10). */
  per?: number;
  /** The labelling guide's own boundary examples: always trained on, never held out. */
  trainOnly?: boolean;
};

export type Rng = () => number;

export type LanguagePack = {
  lang: SpeechLanguage;
  slots: Record<string, string[]>;
  blocks: Block[];
  /** Turns a clean sentence into one as typed or transcribed: spelling variants, slips, lost punctuation. */
  noise: (text: string, rng: Rng) => string;
};

/** mulberry32: small, fast and the same everywhere. */
export function rngFrom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator seeded by a name, so editing one template leaves every other template's draws alone. */
export function rngFor(seed: number, name: string): Rng {
  return rngFrom(hash32(`${seed}:${name}`));
}

export function pick<T>(items: readonly T[], rng: Rng): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const FILLER_MARK = '§';
const ALTERNATIVES = /\[([^[\]]*)\]/;
const SLOT = /\{([a-z_]+)\}/;

/** One random sentence of a template. */
export function expandOnce(template: string, slots: Record<string, string[]>, rng: Rng): string {
  let text = template;
  for (let guard = 0; guard < 200; guard++) {
    const slot = SLOT.exec(text);
    if (slot) {
      const name = slot[1] as string;
      const values = slots[name];
      if (!values) throw new Error(`unknown slot {${name}} in "${template}"`);
      const value = pick(values, rng);
      // After an opening filler ("Well, ") the sentence goes on in lower case; `tidy` reads the mark.
      const mark = name === 'f' && value !== '' ? FILLER_MARK : '';
      text = text.slice(0, slot.index) + value + mark + text.slice(slot.index + slot[0].length);
      continue;
    }
    const alt = ALTERNATIVES.exec(text);
    if (alt) {
      text = text.slice(0, alt.index) + pick((alt[1] as string).split('|'), rng) + text.slice(alt.index + alt[0].length);
      continue;
    }
    return tidy(text);
  }
  throw new Error(`template does not terminate: "${template}"`);
}

/** Up to `count` distinct sentences of a template. */
export function expand(template: string, slots: Record<string, string[]>, count: number, rng: Rng): string[] {
  const seen = new Set<string>();
  for (let tries = 0; tries < count * 8 && seen.size < count; tries++) seen.add(expandOnce(template, slots, rng));
  return [...seen];
}

function tidy(text: string): string {
  const t = text
    .replace(/§\s*([A-Z])(?=[a-z])/g, (_, c: string) => c.toLowerCase())
    .replace(/§/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.?!।])/g, '$1')
    .replace(/([,.?!।])(?=[^\s,.?!।])/g, '$1 ')
    .replace(/^[\s,]+/, '')
    .replace(/,([.?!।])/g, '$1')
    .trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** Replaces whole words by one of their spellings, each with probability `p`. */
export function respell(text: string, variants: Record<string, string[]>, p: number, rng: Rng): string {
  return text.replace(/[\p{L}\p{M}']+/gu, (word) => {
    const options = variants[word.toLowerCase()];
    if (!options || rng() >= p) return word;
    return pick(options, rng);
  });
}

/** One keyboard or transcription slip in one longer word: a letter dropped, doubled or swapped. */
export function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/i.test(w));
  if (candidates.length === 0) return text;
  const [word, at] = pick(candidates, rng);
  const i = 1 + Math.floor(rng() * (word.length - 2));
  const kind = rng();
  const slipped =
    kind < 0.4
      ? word.slice(0, i) + word.slice(i + 1)
      : kind < 0.7
        ? word.slice(0, i) + (word[i] ?? '') + word.slice(i)
        : word.slice(0, i - 1) + (word[i] ?? '') + (word[i - 1] ?? '') + word.slice(i + 1);
  words[at] = slipped;
  return words.join(' ');
}

/** What a transcript without punctuation or capitals looks like. */
export function flatten(text: string): string {
  return text
    .toLowerCase()
    .replace(/[,.!?।]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
