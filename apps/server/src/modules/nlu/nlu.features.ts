/**
 * Text normalisation and hashed features for the local understanding. Training and inference share
 * this file, so a change here changes what the model reads: bump FEATURES_VERSION and retrain.
 *
 * Speech-to-text and typing give the same word many spellings ("fees", "phees", "fis", "फ़ीस",
 * "फीस"), so every token is folded to one form before features are taken: Devanagari loses nukta,
 * nasal marks and vowel length; romanized words lose doubled letters and the usual Hinglish
 * alternations (ph/f, z/j, w/v, ee/i, oo/u). Character n-grams inside each token (never across a
 * change of script) and a consonant skeleton catch the spellings no rule foresaw.
 */

import { TOPICS } from './nlu.lexicon.js';

export const FEATURES_VERSION = 2;

const DEVANAGARI = /[\u0900-\u097f]/;
const DEVANAGARI_LETTER = /[\u0904-\u0939\u093d\u0950\u0958-\u0961\u0972-\u097f]/g;
const LATIN_LETTER = /[a-z]/g;

/** Lowercased, diacritics and nukta gone, nasals unified, digits as 0; punctuation but '?' becomes space. */
export function normalise(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      // Latin accents (café) and the Devanagari nukta (फ़ → फ): neither changes what a lead means.
      .replace(/[\u0300-\u036f\u093c\u200b-\u200d\ufeff]/g, '')
      .normalize('NFC')
      // Chandrabindu and a nasal consonant + virama before a consonant are written as anusvara just as often.
      .replace(/\u0901/g, '\u0902')
      .replace(/[\u0919\u091e\u0923\u0928\u092e]\u094d(?=[\u0915-\u0939])/g, '\u0902')
      // Candra o/e in English loans (कॉल, बॅच) are spelled with plain aa/e as often.
      .replace(/\u0949/g, '\u093e')
      .replace(/\u0945/g, '\u0947')
      .replace(/[\u0966-\u096f]/g, (d) => String(d.charCodeAt(0) - 0x966))
      .replace(/₹/g, ' rs ')
      .replace(/[’'`]/g, '')
      .replace(/\?/g, ' ? ')
      .replace(/[^a-z0-9\u0900-\u097f?]+/g, ' ')
      .replace(/[0-9]+/g, '0')
      .trim()
  );
}

/** Tokens of a normalised text; a change of script splits a token ("feesका" is two). */
export function tokenize(normalised: string): string[] {
  return normalised.match(/[a-z0-9]+|[\u0900-\u097f]+|\?/g) ?? [];
}

/** One spelling per word: what the features and the split's near-duplicate check compare. */
export function fold(token: string): string {
  if (DEVANAGARI.test(token)) {
    // Vowel length and nasalisation are the commonest Hindi spelling slips (नहीं/नही, फीस/फिस).
    return token
      .replace(/\u0902/g, '')
      .replace(/\u0940/g, '\u093f')
      .replace(/\u0942/g, '\u0941')
      .replace(/\u0964|\u0965/g, '');
  }
  return token
    .replace(/ph/g, 'f')
    .replace(/z/g, 'j')
    .replace(/w/g, 'v')
    .replace(/q/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/(.)\1{2,}/g, '$1$1')
    .replace(/ee/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/(.)\1/g, '$1');
}

/** Consonants of a romanized word: bahut, bohot and bhot all read "bht". */
function skeleton(folded: string): string {
  return folded.charAt(0) + folded.slice(1).replace(/[aeiouy]/g, '');
}

const NEGATORS_BEFORE = new Set([
  'not',
  'no',
  'never',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'cant',
  'cannot',
  'wont',
  'nothing',
  'neither',
  'nor',
]);
/** After "but" comes what the lead means ("sounds good, but the fee is too high"): those words get features of their own. */
const CONTRASTS = new Set(['but', 'however', 'though', 'although', 'lekin', 'magar', 'लेकिन', 'मगर', 'किंतु', 'परंतु']);
const NEGATORS_AFTER = new Set(['nahi', 'nahin', 'nai', 'nhi', 'nahiin', 'mat', 'na', 'नहीं', 'नही', 'न', 'मत', 'नहि']);

/** Letters of each script, for the language rules. */
export function scriptCounts(text: string): { devanagari: number; latin: number } {
  const lower = text.toLowerCase();
  return { devanagari: lower.match(DEVANAGARI_LETTER)?.length ?? 0, latin: lower.match(LATIN_LETTER)?.length ?? 0 };
}

const CLAUSE_BREAK = /[.!?।;]+|\b(?:but|however|though|lekin|magar)\b|लेकिन|मगर/giu;

/**
 * The clauses of a longer utterance, when it has more than one: "Okay. Is there a hostel? The
 * college is far from my home." The objection often sits in one clause next to a question or a
 * pleasantry, so inference also reads each clause alone. Fewer than two words is no clause.
 */
export function clausesOf(text: string): string[] {
  const parts = text
    .split(CLAUSE_BREAK)
    .map((p) => p.trim())
    .filter((p) => tokenize(normalise(p)).filter((t) => t !== '?').length >= 2);
  return parts.length >= 2 ? parts : [];
}

/** 32-bit FNV-1a over UTF-16 code units: fast, and the same in every JavaScript engine. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The feature strings of one text. Kept readable for tests and debugging; inference hashes them straight away. */
export function featureStrings(text: string): string[] {
  const raw = tokenize(normalise(text));
  const out: string[] = [];
  const folded = raw.map(fold);
  let prev = '<s>';
  let negatedFor = 0;
  let contrasted = false;
  for (let i = 0; i < raw.length; i++) {
    const tok = raw[i] as string;
    const f = folded[i] as string;
    out.push(`w${f}`, `b${prev} ${f}`);
    prev = f;
    if (tok === '?') continue;
    const devanagari = DEVANAGARI.test(f);
    if (!devanagari && f.length >= 3) out.push(`k${skeleton(f)}`);
    // English negation scopes forward ("not too expensive"); Hindi negation follows its word ("mehenga nahi").
    if (contrasted) out.push(`a${f}`);
    for (const topic of topicsOf(f)) out.push(`t${topic}`);
    if (CONTRASTS.has(tok)) contrasted = true;
    if (negatedFor > 0) {
      out.push(`n${f}`);
      negatedFor--;
    }
    if (NEGATORS_BEFORE.has(tok)) negatedFor = 3;
    if (NEGATORS_AFTER.has(tok)) {
      for (let j = Math.max(0, i - 2); j < i; j++) if (folded[j] !== '?') out.push(`m${folded[j]}`);
    }
    const padded = `^${f}$`;
    const minN = devanagari ? 2 : 3;
    const maxN = devanagari ? 4 : 5;
    for (let n = minN; n <= maxN; n++) {
      for (let s = 0; s + n <= padded.length; s++) out.push(`c${padded.slice(s, s + n)}`);
    }
  }
  if (raw.length > 0) out.push(`b${prev} </s>`);
  return out;
}

/** Hashed features of one text: bucket indices (repeats allowed) and the value every occurrence carries. */
export function hashedFeatures(text: string, bits: number): { indices: Uint32Array; value: number } {
  const strings = featureStrings(text);
  const mask = (1 << bits) - 1;
  const indices = new Uint32Array(strings.length);
  for (let i = 0; i < strings.length; i++) indices[i] = hash32(strings[i] as string) & mask;
  // Unit length whatever the utterance's length, so long and short lines train at one pace.
  return { indices, value: strings.length > 0 ? 1 / Math.sqrt(strings.length) : 0 };
}

/** The key two rows share when they are near duplicates: their folded words as a set, fillers left out. */
export function nearDuplicateKey(text: string): string {
  const words = new Set(
    tokenize(normalise(text))
      .map(fold)
      .filter((w) => w !== '?' && !FILLERS.has(w)),
  );
  return [...words].sort().join(' ');
}

const FILLERS = new Set(
  [
    'haan',
    'han',
    'ha',
    'ji',
    'accha',
    'acha',
    'achha',
    'ok',
    'okay',
    'sir',
    'madam',
    'mam',
    'maam',
    'um',
    'uh',
    'umm',
    'hmm',
    'well',
    'so',
    'actually',
    'basically',
    'yaar',
    'bhaiya',
    'didi',
    'dekhiye',
    'dekho',
    'matlab',
    'वो',
    'जी',
    'हाँ',
    'हां',
    'अच्छा',
    'देखिए',
    'सर',
    'मैडम',
  ].map((w) => fold(tokenize(normalise(w))[0] ?? w)),
);

/** Folded stem → topics, from the lexicon, through the same normalisation as the text. */
const STEMS = new Map<string, string[]>();
for (const [topic, words] of Object.entries(TOPICS)) {
  for (const w of words) {
    const tokens = tokenize(normalise(w));
    if (tokens.length !== 1) continue;
    const stem = fold(tokens[0] as string);
    STEMS.set(stem, [...new Set([...(STEMS.get(stem) ?? []), topic])]);
  }
}
const PREFIX_FROM = 5;

/** The lexicon topics a folded token points at: whole-word stems, and longer stems it begins with. */
export function topicsOf(folded: string): string[] {
  const whole = STEMS.get(folded) ?? [];
  if (folded.length <= PREFIX_FROM) return whole;
  const out = new Set(whole);
  for (let n = PREFIX_FROM; n < folded.length; n++) for (const t of STEMS.get(folded.slice(0, n)) ?? []) out.add(t);
  return [...out];
}
