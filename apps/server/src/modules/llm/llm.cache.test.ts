import { describe, expect, it } from 'vitest';
import { TtlLru } from './llm.cache.js';

describe('TtlLru', () => {
  it('forgets entries once their time is up', () => {
    let now = 0;
    const cache = new TtlLru<string>(10, 1000, () => now);
    cache.set('a', 'answer');
    now = 999;
    expect(cache.get('a')).toBe('answer');
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new TtlLru<number>(2, 60_000);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });
});
