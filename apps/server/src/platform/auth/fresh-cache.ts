/**
 * A per-node cache of facts a session depends on (a user's role and session version, whether a
 * session is still open), read in batches and kept for a short time only. Whoever changes a fact
 * forgets it here and tells the other nodes (event bus) to forget it too; the short lifetime is
 * what bounds a stale answer when that message is lost.
 *
 * An entry is stored as the promise of its read, made when the read starts: forgetting a key
 * while its read is in flight drops that read, so an answer begun before a change is never kept
 * after it.
 */

export type FreshCache<V> = {
  /** The values of `keys` (undefined: none), read again if older than the lifetime or `fresh`. */
  get(keys: readonly string[], opts?: { fresh?: boolean }): Promise<Map<string, V | undefined>>;
  /** Drops `keys`, or everything. */
  forget(keys?: readonly string[]): void;
};

export type FreshCacheOptions<V> = {
  /** Reads the values of the keys at once; a key missing from the map has no value. */
  load(keys: string[]): Promise<Map<string, V>>;
  ttlMs: number;
  /** Past this many entries, expired ones are dropped. */
  maxEntries?: number;
  /** Monotonic milliseconds; real time, whatever clock the app is given. */
  now?: () => number;
};

type Entry<V> = { at: number; value: Promise<V | undefined> };

export function createFreshCache<V>(opts: FreshCacheOptions<V>): FreshCache<V> {
  const entries = new Map<string, Entry<V>>();
  const now = opts.now ?? (() => performance.now());
  const maxEntries = opts.maxEntries ?? 20_000;

  function prune(at: number) {
    if (entries.size <= maxEntries) return;
    for (const [k, e] of entries) if (at - e.at >= opts.ttlMs) entries.delete(k);
  }

  return {
    async get(keys, { fresh = false } = {}) {
      const at = now();
      const wanted = [...new Set(keys)];
      const reads = new Map<string, Promise<V | undefined>>();
      const missing: string[] = [];
      for (const k of wanted) {
        const e = entries.get(k);
        if (!fresh && e && at - e.at < opts.ttlMs) reads.set(k, e.value);
        else missing.push(k);
      }
      if (missing.length > 0) {
        const batch = opts.load(missing);
        for (const k of missing) {
          const entry: Entry<V> = { at, value: batch.then((m) => m.get(k)) };
          entries.set(k, entry);
          reads.set(k, entry.value);
          // A failed read is not kept: the next caller tries again.
          entry.value.catch(() => {
            if (entries.get(k) === entry) entries.delete(k);
          });
        }
        prune(at);
      }
      // A key forgotten meanwhile still gets the read this caller started before the change.
      const out = new Map<string, V | undefined>();
      for (const [k, p] of reads) out.set(k, await p);
      return out;
    },
    forget(keys) {
      if (!keys) entries.clear();
      else for (const k of keys) entries.delete(k);
    },
  };
}
