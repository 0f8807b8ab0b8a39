/**
 * Words to search keys that the scripts and spellings agree on. A Devanagari word is first
 * transliterated (knowledge.translit.ts); then every word is folded twice:
 * - `key`: the spelling with what typists disagree on forgotten: ph/f, w/v, z/j, sh/s, q/k,
 *   aspiration (kh/k, bh/b), doubled letters, long vowels (ee/i, aa/a, oo/u), ai/e, au/o, a final
 *   a, a silent e, the vowel of an unstressed final syllable (hostel/hostal); plurals are left to
 *   the query, which also looks for the word with and without its final s;
 * - `skeleton`: the consonants of the key in order after its first letter, which is what still
 *   agrees when the vowels do not (kampus/kempas: kmps).
 */
import { hasDevanagari, toLatin } from './knowledge.translit.js';

export type Folded = { key: string; skeleton: string | null };

const MARKS = /\p{M}/gu;

function foldLatin(word: string): string {
  let w = word.normalize('NFD').replace(MARKS, '').toLowerCase();
  w = w
    // English spellings first, while their letters still mean what they do in English.
    .replace(/ck/g, 'k')
    .replace(/tch/g, 'ch')
    .replace(/(.)ge$/, '$1j')
    // A silent final e, and the long i it makes (time/टाइम, online/ऑनलाइन).
    .replace(/([^aeiou])e$/, (m, c: string, offset: number) => (offset >= 2 ? c : m))
    .replace(/([^aeiou])i([^aeiou])$/, (m, a: string, b: string) => (word.toLowerCase().endsWith('e') && m.length === 3 ? `${a}ai${b}` : m))
    .replace(/chh?/g, 'C')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/sh/g, 's')
    .replace(/([kgjtdbr])h/g, '$1')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/z/g, 'j')
    .replace(/ee|ii|ea|ie/g, 'i')
    .replace(/oo|uu|ou/g, 'u')
    .replace(/ai|ei|ae/g, 'e')
    .replace(/au|aw/g, 'o')
    .replace(/(.)\1+/g, '$1');
  // Hindi's final a comes and goes in typing (kharcha/kharch, kitna/kitn).
  if (w.length > 3 && w.endsWith('a')) w = w.slice(0, -1);
  // The vowel of an unstressed final syllable is a murmur each writer spells differently.
  if ((w.match(/[aeiou]+/g)?.length ?? 0) >= 2) w = w.replace(/[aeiou]([lrnm])$/, 'a$1');
  return w.replace(/C/g, 'c').replace(/(.)\1+/g, '$1');
}

const VOWEL_CLASS: Record<string, string> = { a: 'a', e: 'i', i: 'i', o: 'u', u: 'u' };

function skeletonOf(key: string): string | null {
  if (/^\d/.test(key)) return null;
  const first = VOWEL_CLASS[key[0] as string] ?? (key[0] as string);
  const rest = key
    .slice(1)
    .replace(/[aeiouy]/g, '')
    .replace(/[mn](?=[^aeiou])/g, 'n')
    .replace(/(.)\1+/g, '$1');
  const s = first + rest;
  // Two letters say too little to match on.
  return s.length >= 3 ? s : null;
}

const cache = new Map<string, Folded>();
const CACHE_MAX = 200_000;

/** The search keys of one word (letters of one script, lower or upper case). */
export function foldWord(word: string): Folded {
  const hit = cache.get(word);
  if (hit) return hit;
  const latin = hasDevanagari(word) ? toLatin(word) : word;
  const key = /^\d+$/.test(latin) ? latin : foldLatin(latin);
  const folded = { key, skeleton: skeletonOf(key) };
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, folded);
  return folded;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The words of a text with where each starts, for snippets. */
export function* words(text: string): Generator<{ word: string; at: number }> {
  for (const m of text.matchAll(WORD)) yield { word: m[0], at: m.index };
}

/**
 * Words too common to say what a text is about, in English and in Hindi as typed in either
 * script (folded, so है, hai and he are one entry).
 */
const STOP_WORDS = `
  a an the is are was were be been to of and or in on at for with by it its this that these those what which how do does did
  i you we they he she my your our their can will would should me us about from as if there please any so not no yes have has
  had but also than then into up out all
  ka ki ke ko hai hain ho hota hoti hote kya mein me se par pe aur bhi to toh ye yeh vo voh wo woh ek na nahi nahin ji aap ap
  hum ham main mai mera meri mere apna apni apne tha thi the raha rahi rahe kar kuch sab liye lie jo ya agar
  bahut bohot bahot zyada jyada thoda kafi very much too more bas
  when where why who whom whose kitna kitni kitne kab kaise kaisa kaisi kyun kyon kaun kahan kidhar baare bare
  haan han boliye batao bataiye okay ok theek thik accha acha achha
  कितना कितनी कितने कब कैसे कैसा कैसी क्यों कौन कहाँ कहां बारे हाँ हां बोलिए बताइए ठीक अच्छा
  तो का की के को है हैं क्या में से पर और भी यह वह एक न नहीं जी आप हम मैं लिए जो या अगर था थी थे कर कुछ सब बहुत ज़्यादा ज्यादा थोड़ा काफ़ी
`
  .trim()
  .split(/\s+/);
const STOP_KEYS = new Set(STOP_WORDS.map((w) => foldWord(w).key));

export const isStopKey = (key: string) => STOP_KEYS.has(key) || (key.length < 2 && !/^\d$/.test(key));

/** The folded words of a text that carry meaning, in order (repeats kept, for term counts). */
export function analyze(text: string): Folded[] {
  const out: Folded[] = [];
  for (const { word } of words(text)) {
    const f = foldWord(word);
    if (!isStopKey(f.key)) out.push(f);
  }
  return out;
}

/** Markdown to the plain text a snippet shows. */
export function plainText(md: string): string {
  return md
    .replace(/^\s*```.*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The letter trigrams of a key, padded at both ends: what look-alike words share. */
export const trigrams = (key: string): string[] => {
  const padded = ` ${key} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
};
