/**
 * The in-memory search index of one node: BM25 over folded words (knowledge.fold.ts), with the
 * consonant skeleton, cross-language partners (knowledge.lexicon.ts) and trigram-similar words
 * of the vocabulary as weaker alternatives of each query word. Pure data structure: the service
 * fills it from the database and keeps it current.
 *
 * Postings are typed arrays; a changed or removed article leaves its old postings behind as dead
 * entries (skipped while scoring) until they outnumber the live ones and the lists are compacted.
 */
import type { KnowledgeHit, KnowledgeLanguage } from '@telehub/shared';
import { analyze, type Folded, foldWord, isStopKey, plainText, trigrams, words } from './knowledge.fold.js';
import { partnersOf } from './knowledge.lexicon.js';
import { Postings, topK } from './knowledge.postings.js';

export type IndexedArticle = {
  id: string;
  title: string;
  body: string;
  language: KnowledgeLanguage;
  tags: string[];
  campaignId: string | null;
  active: boolean;
  /** Milliseconds: tells whether the index holds the version the database has. */
  updatedAt: number;
};

export type IndexFilter = {
  lang?: KnowledgeLanguage;
  /** undefined: any; null: articles for every campaign only; an id: those and the campaign's own. */
  campaignId?: string | null;
  /** An id: that campaign's own articles only; 'none': those for every campaign only. */
  campaignExact?: string;
  tag?: string;
  includeInactive?: boolean;
};

const K1 = 1.2;
const B = 0.75;
const WEIGHT = { title: 3, tag: 2, body: 1 } as const;
/** How much an alternative of a query word counts, against the word itself. */
const ALT = { variant: 0.9, skeleton: 0.6, partner: 0.7, fuzzy: 0.75 } as const;
const FUZZY_MIN = 0.55;
const SNIPPET = 180;

/** `lists[i]` holds `terms[i]`; the first `keyCount` are keys, the rest skeletons. */
type Slot = { article: IndexedArticle; len: number; lists: Postings[]; terms: string[]; keyCount: number; plain: string };
type Alt = { kind: 'key' | 'skeleton'; term: string; weight: number };

export type KnowledgeIndex = ReturnType<typeof createKnowledgeIndex>;

export function createKnowledgeIndex() {
  let slots: (Slot | undefined)[] = [];
  const byId = new Map<string, number>();
  const keys = new Map<string, Postings>();
  const skeletons = new Map<string, Postings>();
  /** trigram -> vocabulary keys that contain it, for words typed a little differently. */
  const grams = new Map<string, Set<string>>();
  let totalLen = 0;
  let dead = 0;
  let entries = 0;

  function postingsFor(map: Map<string, Postings>, term: string, isKey: boolean): Postings {
    let p = map.get(term);
    if (!p) {
      p = new Postings();
      map.set(term, p);
      if (isKey) for (const g of trigrams(term)) (grams.get(g) ?? grams.set(g, new Set()).get(g))?.add(term);
    }
    return p;
  }

  function dropTerm(map: Map<string, Postings>, term: string, isKey: boolean) {
    map.delete(term);
    if (isKey)
      for (const g of trigrams(term)) {
        const set = grams.get(g);
        set?.delete(term);
        if (set?.size === 0) grams.delete(g);
      }
  }

  function remove(id: string): boolean {
    const idx = byId.get(id);
    if (idx === undefined) return false;
    const slot = slots[idx] as Slot;
    byId.delete(id);
    slots[idx] = undefined;
    totalLen -= slot.len;
    dead += slot.lists.length;
    slot.lists.forEach((p, i) => {
      p.live--;
      const isKey = i < slot.keyCount;
      if (p.live === 0) dropTerm(isKey ? keys : skeletons, slot.terms[i] as string, isKey);
    });
    if (dead > 10_000 && dead > entries - dead) compact();
    return true;
  }

  function upsert(article: IndexedArticle) {
    remove(article.id);
    const tf = new Map<string, number>();
    const sk = new Map<string, number>();
    let len = 0;
    const count = (list: Folded[], weight: number) => {
      for (const f of list) {
        tf.set(f.key, (tf.get(f.key) ?? 0) + weight);
        if (f.skeleton) sk.set(f.skeleton, (sk.get(f.skeleton) ?? 0) + weight);
        len += weight;
      }
    };
    count(analyze(article.title), WEIGHT.title);
    count(analyze(article.tags.join(' ')), WEIGHT.tag);
    const plain = plainText(article.body);
    count(analyze(plain), WEIGHT.body);
    const idx = slots.length;
    const lists: Postings[] = [];
    const terms: string[] = [];
    for (const [map, counts, isKey] of [
      [keys, tf, true],
      [skeletons, sk, false],
    ] as const) {
      for (const [term, n] of counts) {
        const p = postingsFor(map, term, isKey);
        p.add(idx, n);
        lists.push(p);
        terms.push(term);
      }
    }
    entries += lists.length;
    slots.push({ article, len, lists, terms, keyCount: tf.size, plain });
    byId.set(article.id, idx);
    totalLen += len;
  }

  /** Renumbers the live articles and drops dead entries from every list. */
  function compact() {
    const map = new Int32Array(slots.length).fill(-1);
    const next: Slot[] = [];
    slots.forEach((s, i) => {
      if (!s) return;
      map[i] = next.length;
      byId.set(s.article.id, next.length);
      next.push(s);
    });
    for (const p of [...keys.values(), ...skeletons.values()]) {
      let w = 0;
      for (let r = 0; r < p.n; r++) {
        const to = map[p.docs[r] as number] as number;
        if (to < 0) continue;
        p.docs[w] = to;
        p.tfs[w] = p.tfs[r] as number;
        w++;
      }
      p.n = w;
    }
    slots = next;
    entries -= dead;
    dead = 0;
  }

  /** Each meaningful query word with the terms that may stand for it, best first. */
  function queryWords(q: string): Alt[][] {
    const out: Alt[][] = [];
    const stops: Alt[][] = [];
    for (const { word } of words(q)) {
      if (out.length + stops.length >= 32) break;
      const f = foldWord(word);
      const alts = new Map<string, Alt>();
      const put = (kind: Alt['kind'], term: string | null, weight: number) => {
        if (!term) return;
        const k = `${kind}:${term}`;
        if ((alts.get(k)?.weight ?? 0) < weight) alts.set(k, { kind, term, weight });
      };
      put('key', f.key, 1);
      put('skeleton', f.skeleton, ALT.skeleton);
      // Singular and plural: fee finds fees and the other way round.
      if (/^[a-z]+$/i.test(word)) {
        const other = /[^su]s$/i.test(word) && word.length > 3 ? word.slice(0, -1) : `${word}s`;
        put('key', foldWord(other).key, ALT.variant);
      }
      for (const p of partnersOf(f.key)) put('key', p, ALT.partner);
      // A word no article has is likely misspelt: look for words that share most of its trigrams.
      if (f.key.length >= 4 && !keys.has(f.key)) for (const [term, sim] of similarKeys(f.key)) put('key', term, ALT.fuzzy * sim);
      (isStopKey(f.key) ? stops : out).push([...alts.values()]);
    }
    // A query of nothing but common words still means something.
    return out.length > 0 ? out : stops;
  }

  /** Vocabulary keys that share most of their trigrams with `key` (Dice coefficient). */
  function similarKeys(key: string): [string, number][] {
    const mine = trigrams(key);
    const shared = new Map<string, number>();
    for (const g of mine) for (const term of grams.get(g) ?? []) shared.set(term, (shared.get(term) ?? 0) + 1);
    const out: [string, number][] = [];
    for (const [term, n] of shared) {
      if (term === key) continue;
      const sim = (2 * n) / (mine.length + trigrams(term).length);
      if (sim >= FUZZY_MIN) out.push([term, sim]);
    }
    return out.sort((a, b) => b[1] - a[1]).slice(0, 4);
  }

  function allows(s: Slot, f: IndexFilter): boolean {
    const a = s.article;
    if (!a.active && !f.includeInactive) return false;
    if (f.lang && a.language !== f.lang) return false;
    if (f.campaignExact !== undefined && a.campaignId !== (f.campaignExact === 'none' ? null : f.campaignExact)) return false;
    if (f.campaignId !== undefined && a.campaignId !== null && a.campaignId !== f.campaignId) return false;
    if (f.tag !== undefined && !a.tags.includes(f.tag)) return false;
    return true;
  }

  /**
   * Per-article working space of a search, kept between searches (a search runs start to end
   * without yielding, so one set serves them all). A stamp tells whether an entry belongs to the
   * current search or word, so nothing has to be cleared.
   */
  const scratch = {
    total: new Float64Array(0),
    best: new Float64Array(0),
    matched: new Uint8Array(0),
    ok: new Uint8Array(0),
    seen: new Uint32Array(0),
    judged: new Uint32Array(0),
    word: new Uint32Array(0),
    hit: new Int32Array(0),
    touched: new Int32Array(0),
  };
  let searchStamp = 0;
  let wordStamp = 0;
  function room(n: number) {
    if (scratch.total.length >= n) return;
    const size = Math.max(1024, n * 2);
    scratch.total = new Float64Array(size);
    scratch.best = new Float64Array(size);
    scratch.matched = new Uint8Array(size);
    scratch.ok = new Uint8Array(size);
    scratch.seen = new Uint32Array(size);
    scratch.judged = new Uint32Array(size);
    scratch.word = new Uint32Array(size);
    scratch.hit = new Int32Array(size);
    scratch.touched = new Int32Array(size);
  }

  /** Articles matching `q` under `filter`, best first, at most `limit`. */
  function rank(q: string, filter: IndexFilter, limit: number): { idx: number; score: number; coverage: number; alts: Alt[] }[] {
    const query = queryWords(q);
    const live = byId.size;
    if (query.length === 0 || live === 0) return [];
    const lenScale = (K1 * B) / (totalLen / live || 1);
    const lenBase = K1 * (1 - B);
    room(slots.length);
    const { total, best, matched, ok, seen, judged, word, hit, touched } = scratch;
    const stamp = ++searchStamp;
    let touchedN = 0;
    for (const alts of query) {
      const w = ++wordStamp;
      let hitN = 0;
      for (const alt of alts) {
        const p = (alt.kind === 'key' ? keys : skeletons).get(alt.term);
        if (!p || p.live === 0) continue;
        const weight = alt.weight * Math.log(1 + (live - p.live + 0.5) / (p.live + 0.5)) * (K1 + 1);
        const { docs, tfs } = p;
        for (let r = 0; r < p.n; r++) {
          const idx = docs[r] as number;
          const s = slots[idx];
          if (!s) continue;
          if (judged[idx] !== stamp) {
            judged[idx] = stamp;
            ok[idx] = allows(s, filter) ? 1 : 0;
          }
          if (ok[idx] === 0) continue;
          const tf = tfs[r] as number;
          const score = (weight * tf) / (tf + lenBase + lenScale * s.len);
          if (word[idx] !== w) {
            word[idx] = w;
            best[idx] = score;
            hit[hitN++] = idx;
          } else if (score > (best[idx] as number)) best[idx] = score;
        }
      }
      for (let h = 0; h < hitN; h++) {
        const idx = hit[h] as number;
        if (seen[idx] !== stamp) {
          seen[idx] = stamp;
          total[idx] = 0;
          matched[idx] = 0;
          touched[touchedN++] = idx;
        }
        total[idx] = (total[idx] as number) + (best[idx] as number);
        matched[idx] = (matched[idx] as number) + 1;
      }
    }
    // Articles that answer more of the question's words come first among similar scores.
    const scoreOf = (idx: number) => (total[idx] as number) * (0.5 + (0.5 * (matched[idx] as number)) / query.length);
    const flat = query.flat();
    return topK(touched.subarray(0, touchedN), scoreOf, limit).map((idx) => ({
      idx,
      score: scoreOf(idx),
      coverage: (matched[idx] as number) / query.length,
      alts: flat,
    }));
  }

  function snippet(s: Slot, alts: Alt[]): string {
    const keySet = new Set(alts.filter((a) => a.kind === 'key').map((a) => a.term));
    const skelSet = new Set(alts.filter((a) => a.kind === 'skeleton').map((a) => a.term));
    let at = -1;
    for (const w of words(s.plain)) {
      const f = foldWord(w.word);
      if (keySet.has(f.key) || (f.skeleton !== null && skelSet.has(f.skeleton))) {
        at = w.at;
        break;
      }
    }
    const text = s.plain;
    if (text.length <= SNIPPET) return text;
    let start = at <= 60 ? 0 : at - 60;
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    let end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
    return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
  }

  return {
    upsert,
    remove,
    /** The version the index holds of each article: id -> updatedAt. */
    versions(): Map<string, number> {
      return new Map([...byId].map(([id, idx]) => [id, (slots[idx] as Slot).article.updatedAt]));
    },
    get size() {
      return byId.size;
    },
    clear() {
      slots = [];
      byId.clear();
      keys.clear();
      skeletons.clear();
      grams.clear();
      totalLen = 0;
      dead = 0;
      entries = 0;
    },
    search(q: string, filter: IndexFilter, limit: number): KnowledgeHit[] {
      return rank(q, filter, limit).map(({ idx, score, coverage, alts }) => {
        const s = slots[idx] as Slot;
        return {
          id: s.article.id,
          title: s.article.title,
          snippet: snippet(s, alts),
          language: s.article.language,
          score: Math.round(score * 1000) / 1000,
          coverage: Math.round(coverage * 1000) / 1000,
        };
      });
    },
    /** Ids only, best first: the admin list's relevance order. */
    rankIds(q: string, filter: IndexFilter, limit: number): string[] {
      return rank(q, filter, limit).map(({ idx }) => (slots[idx] as Slot).article.id);
    },
  };
}
