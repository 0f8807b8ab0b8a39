/** The index's building blocks: growable posting lists in typed arrays, and picking the best k results. */

/** The articles a term occurs in (slot numbers) and how often, weighted by where. */
export class Postings {
  docs = new Int32Array(4);
  tfs = new Float32Array(4);
  n = 0;
  /** Entries whose article is still in the index. */
  live = 0;
  add(doc: number, tf: number) {
    if (this.n === this.docs.length) {
      const docs = new Int32Array(this.n * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Float32Array(this.n * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.docs[this.n] = doc;
    this.tfs[this.n] = tf;
    this.n++;
    this.live++;
  }
}

/** The `k` items of `items` with the highest scores, best first, through a min-heap of size k. */
export function topK(items: ArrayLike<number> & Iterable<number>, score: (i: number) => number, k: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number) => score(heap[a] as number) < score(heap[b] as number);
  const swap = (a: number, b: number) => {
    const t = heap[a] as number;
    heap[a] = heap[b] as number;
    heap[b] = t;
  };
  const down = (from: number) => {
    for (let i = from; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (k > 0 && score(item) > score(heap[0] as number)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort((a, b) => score(b) - score(a));
}
