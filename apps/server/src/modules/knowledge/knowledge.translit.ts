/**
 * Rule-based transliteration between Devanagari and the Latin spelling Hindi speakers type
 * ("Hinglish"): फीस -> phees, छात्रवृत्ति -> chhatravritti, हॉस्टल -> hostal, and back. Exact
 * spelling cannot be recovered in either direction (Latin has no long vowels or retroflex
 * consonants, Devanagari writes English words by ear), so search never compares transliterations
 * directly: both sides go through knowledge.fold.ts, which forgets what the scripts disagree on.
 */

/** Lookup tables written as `letter=latin` pairs, one row per group of sounds. */
const table = (rows: string): Record<string, string> =>
  Object.fromEntries(
    rows
      .trim()
      .split(/\s+/)
      .map((p) => p.split('=') as [string, string]),
  );

const CONSONANTS = table(`
  क=k ख=kh ग=g घ=gh ङ=n
  च=ch छ=chh ज=j झ=jh ञ=n
  ट=t ठ=th ड=d ढ=dh ण=n
  त=t थ=th द=d ध=dh न=n ऩ=n
  प=p फ=ph ब=b भ=bh म=m
  य=y र=r ऱ=r ल=l ळ=l ऴ=l व=v
  श=sh ष=sh स=s ह=h
`);
/** A consonant followed by the nukta sign (Unicode normalisation splits the precomposed letters into these). */
const NUKTA_FORMS = table('क=q ख=kh ग=g ज=z ड=d ढ=dh फ=f');

/** Long vowels as people type them: ā and ī are mostly written a and ee ("kharcha", "phees"). */
const VOWELS = table('अ=a आ=a इ=i ई=ee उ=u ऊ=oo ऋ=ri ॠ=ri ऌ=li ए=e ऐ=ai ऍ=e ऎ=e ओ=o औ=au ऑ=o ऒ=o');
const MATRAS = table('ा=a ि=i ी=ee ु=u ू=oo ृ=ri ॄ=ri ॅ=e ॆ=e े=e ै=ai ॉ=o ॊ=o ो=o ौ=au');
const VIRAMA = '्';
const NUKTA = '़';
const ANUSVARA = 'ं';
const CHANDRABINDU = 'ँ';
const VISARGA = 'ः';
const DEVANAGARI = /[\u0900-\u097F]/;

export const hasDevanagari = (s: string) => DEVANAGARI.test(s);

/** One written syllable: a consonant (with its vowel, none after a virama) or a vowel letter. */
type Unit = { letter: string; sound: string; vowel: string | null; inherent: boolean; nasal: string; consonant: boolean };

function units(word: string): (Unit | string)[] {
  const out: (Unit | string)[] = [];
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const last = out[out.length - 1];
    const unit = typeof last === 'object' ? last : undefined;
    if (CONSONANTS[ch] !== undefined) {
      out.push({ letter: ch, sound: CONSONANTS[ch] as string, vowel: 'a', inherent: true, nasal: '', consonant: true });
    } else if (VOWELS[ch] !== undefined) {
      out.push({ letter: ch, sound: '', vowel: VOWELS[ch] as string, inherent: false, nasal: '', consonant: false });
    } else if (unit && ch === NUKTA && unit.consonant) {
      unit.sound = NUKTA_FORMS[unit.letter] ?? unit.sound;
    } else if (unit && MATRAS[ch] !== undefined && unit.consonant) {
      unit.vowel = MATRAS[ch] as string;
      unit.inherent = false;
    } else if (unit && ch === VIRAMA && unit.consonant) {
      unit.vowel = null;
      unit.inherent = false;
    } else if (unit && (ch === ANUSVARA || ch === CHANDRABINDU)) {
      unit.nasal = 'n';
    } else if (unit && ch === VISARGA) {
      unit.nasal = 'h';
    } else if (ch >= '०' && ch <= '९') {
      out.push(String(ch.charCodeAt(0) - 0x966));
    } else if (ch === '\u200c' || ch === '\u200d' || ch === 'ऽ') {
      // Joiners and the avagraha change how a word looks, not how it sounds.
    } else {
      out.push(ch);
    }
  }
  return out;
}

const carriesVowel = (u: Unit | string | undefined): boolean => typeof u === 'object' && u.vowel !== null;

/**
 * Hindi drops the inherent a at the end of a word (हॉस्टल: hostal, not hostala) and between a
 * vowel and a consonant that carries one (कितना: kitna, not kitana), except after a conjunct
 * ending in r, y or v (पत्र: patra) and where a nasal sign keeps it sounding.
 */
function deleteSchwas(list: (Unit | string)[]) {
  for (let i = list.length - 1; i > 0; i--) {
    const u = list[i];
    if (typeof u !== 'object' || !u.consonant || !u.inherent || u.nasal) continue;
    const prev = list[i - 1];
    const isLast = i === list.length - 1 || typeof list[i + 1] !== 'object';
    if (isLast) {
      const afterConjunct = typeof prev === 'object' && prev.consonant && prev.vowel === null;
      if (!(afterConjunct && ['r', 'y', 'v'].includes(u.sound))) u.vowel = '';
      continue;
    }
    if (carriesVowel(prev) && carriesVowel(list[i + 1]) && (list[i + 1] as Unit).vowel !== '') u.vowel = '';
  }
}

const LABIALS = new Set(['p', 'ph', 'b', 'bh', 'm']);

function devanagariWordToLatin(word: string): string {
  const list = units(word.normalize('NFC'));
  deleteSchwas(list);
  let out = '';
  list.forEach((u, i) => {
    if (typeof u === 'string') {
      out += u;
      return;
    }
    const last = i === list.length - 1 || typeof list[i + 1] !== 'object';
    // A final ī is typed i (naukri, hindi); inside a word, ee (phees).
    out += u.sound + (last && u.vowel === 'ee' && !u.nasal ? 'i' : (u.vowel ?? ''));
    if (u.nasal === 'h') out += 'h';
    else if (u.nasal) {
      const next = list[i + 1];
      out += typeof next === 'object' && LABIALS.has(next.sound) ? 'm' : 'n';
    }
  });
  return out;
}

/** Devanagari to the Latin spelling people type; other characters pass unchanged. */
export function toLatin(text: string): string {
  return text.replace(/[\u0900-\u097F\u200c\u200d]+/g, (word) => devanagariWordToLatin(word));
}

// Latin to Devanagari ----------------------------------------------------------------------

/** Longest spellings first, so chh is read before ch and c. */
const LATIN_CONSONANTS = Object.entries(
  table(`
  chh=छ ksh=क्ष kh=ख gh=घ ch=च jh=झ th=थ dh=ध ph=फ bh=भ sh=श
  k=क g=ग j=ज t=त d=द n=न p=प f=फ b=ब m=म y=य r=र l=ल v=व w=व s=स h=ह z=ज़ q=क़ x=क्स c=क
`),
);
/** Independent vowel letter, and the sign after a consonant. */
const LATIN_VOWELS: [string, string, string][] = 'aa=आ=ा ai=ऐ=ै au=औ=ौ ee=ई=ी ea=ई=ी ii=ई=ी oo=ऊ=ू uu=ऊ=ू ou=औ=ौ a=अ= i=इ=ि u=उ=ु e=ए=े o=ओ=ो'
  .split(' ')
  .map((p) => p.split('=') as [string, string, string]);
/** Word-final short vowels are long in Hindi spelling: kitna -> कितना, naukri -> नौकरी. */
const FINAL_LONG: Record<string, [string, string]> = { a: ['आ', 'ा'], i: ['ई', 'ी'], u: ['ऊ', 'ू'] };

type Piece = { kind: 'c'; latin: string; dev: string } | { kind: 'v'; latin: string; letter: string; sign: string };

function pieces(word: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < word.length) {
    const v = LATIN_VOWELS.find(([l]) => word.startsWith(l, i));
    if (v) {
      out.push({ kind: 'v', latin: v[0], letter: v[1], sign: v[2] });
      i += v[0].length;
      continue;
    }
    const c = LATIN_CONSONANTS.find(([l]) => word.startsWith(l, i));
    if (c) {
      out.push({ kind: 'c', latin: c[0], dev: c[1] });
      i += c[0].length;
      continue;
    }
    out.push({ kind: 'c', latin: word[i] as string, dev: word[i] as string });
    i++;
  }
  return out;
}

/**
 * Spellings Hindi writers use for English words, recognised by letter patterns Hinglish does not
 * produce (a final -el, a silent final e, c outside ch, ck, tch, q, x, -tion, a final double
 * letter): their t and d are retroflex, a short o closed by a consonant is ऑ, and the vowel of a
 * final -el, -er or -or is the inherent one (hostel: हॉस्टल, doctor: डॉक्टर).
 */
const looksEnglish = (w: string) => w.length >= 4 && (/c(?!h)|ck|tch|q|x|tion$|(?:ss|ll|ff)$|[^aeiou]e$/.test(w) || (w.length >= 5 && /[^aeiou]el$/.test(w)));

const STOPS = new Set(['k', 'kh', 'g', 'gh', 'c', 'ch', 'chh', 'j', 'jh', 't', 'th', 'd', 'dh', 'p', 'ph', 'b', 'bh', 'f', 's', 'sh', 'z', 'q']);
const SONORANTS = new Set(['n', 'm', 'l', 'r', 'y', 'v', 'w', 'h']);

/** Whether two consonants meet as a written conjunct (virama) rather than across a dropped vowel. */
function conjunct(list: Piece[], i: number, english: boolean): boolean {
  const first = list[i];
  const second = list[i + 1];
  if (first?.kind !== 'c' || second?.kind !== 'c') return false;
  if (first.latin === second.latin || i === 0) return true;
  if (english) return !SONORANTS.has(first.latin) || first.latin === 'r';
  if (['s', 'sh'].includes(first.latin)) return true;
  // A reph (खर्चा), except in infinitives written without one: करना, मरना.
  if (first.latin === 'r') return !(second.latin === 'n' && list.length === i + 3 && list[i + 2]?.kind === 'v');
  if (['y', 'v', 'w'].includes(second.latin)) return true;
  return second.latin === 'r' && ['t', 'd', 'p'].includes(first.latin);
}

function englishSpelling(word: string) {
  return word
    .replace(/tch/g, 'ch')
    .replace(/ge$/, 'j')
    .replace(/ou/g, 'o')
    .replace(/([^aeiou])[eo]([lrn])$/, '$1a$2')
    .replace(/i([^aeiou])e$/, 'aai$1')
    .replace(/([^aeiou])e$/, '$1');
}

const vowelGroups = (w: string) => w.match(/[aeiou]+/g)?.length ?? 0;

function latinWordToDevanagari(raw: string): string {
  const lower = raw.toLowerCase();
  const english = looksEnglish(lower);
  const word = english ? englishSpelling(lower) : lower;
  // Which o's are closed (ऑ in English): decided before doubled letters are made single.
  const closedO = new Set<number>();
  const list = pieces(word);
  if (english) {
    list.forEach((p, i) => {
      if (p.kind === 'v' && p.latin === 'o' && list[i + 1]?.kind === 'c' && (list[i + 2] === undefined || list[i + 2]?.kind === 'c')) closedO.add(i);
    });
  }
  const many = vowelGroups(word) > 1;
  let out = '';
  for (let i = 0; i < list.length; i++) {
    const p = list[i] as Piece;
    const next = list[i + 1];
    const prev = list[i - 1];
    if (p.kind === 'v') {
      const afterConsonant = prev?.kind === 'c';
      let [letter, sign] = [p.letter, p.sign];
      const last = i === list.length - 1;
      const cluster = afterConsonant && i >= 2 && conjunct(list, i - 2, english);
      // Short after a conjunct ending in r, y or v (मित्र, छात्र) and after a double consonant (वृत्ति).
      const shortA = p.latin === 'a' && cluster && many && ['r', 'y', 'v'].includes(prev?.latin ?? '') && list[i - 2]?.latin !== 'r';
      const shortI = p.latin === 'i' && cluster && list[i - 2]?.latin === prev?.latin;
      if (last && !english && FINAL_LONG[p.latin] && !shortA && !shortI) {
        [letter, sign] = FINAL_LONG[p.latin] as [string, string];
      }
      if (english && p.latin === 'a' && next?.kind === 'c' && i + 2 < list.length) [letter, sign] = ['ऐ', 'ै'];
      if (closedO.has(i)) [letter, sign] = ['ऑ', 'ॉ'];
      out += afterConsonant ? sign : letter;
      continue;
    }
    // A doubled English letter is one sound: college, class.
    if (english && next?.kind === 'c' && next.latin === p.latin) continue;
    // ri between a consonant and a double consonant is the vowel ऋ: vritti -> वृत्ति.
    if (next?.kind === 'c' && next.latin === 'r' && list[i + 2]?.latin === 'i' && list[i + 3]?.kind === 'c' && list[i + 4]?.kind === 'c') {
      out += `${p.dev}ृ`;
      i += 2;
      continue;
    }
    let dev = p.dev;
    if (english && p.latin === 't') dev = 'ट';
    if (english && p.latin === 'd') dev = 'ड';
    if (english && p.latin === 'c' && next?.kind === 'v' && /^[eiy]/.test(next.latin)) dev = 'स';
    // A nasal before a stop is written with the dot above (हिंदी, संपर्क, कैंपस).
    if ((p.latin === 'n' || p.latin === 'm') && next?.kind === 'c' && STOPS.has(next.latin) && prev?.kind === 'v') {
      out += 'ं';
      continue;
    }
    out += dev;
    if (conjunct(list, i, english)) out += VIRAMA;
  }
  return out;
}

/** Latin (Hinglish or English) to Devanagari by rule; digits and punctuation pass unchanged. */
export function toDevanagari(text: string): string {
  return text.replace(/[a-z]+/gi, (word) => latinWordToDevanagari(word));
}
