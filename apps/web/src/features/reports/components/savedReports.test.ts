import { describe, expect, it } from 'vitest';
import { MAX_SAVED, readSaved, savedKey, withoutSaved, withSaved, writeSaved } from './savedReports';

function memory() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

const now = new Date('2026-12-04T10:00:00Z');

describe('saved reports', () => {
  it('keeps one list per signed-in user', () => {
    const store = memory();
    writeSaved(store, 'u1', withSaved([], { name: 'North, this month', search: 'tab=funnel&period=thisMonth' }, now, 'a'));
    expect(readSaved(store, 'u1').map((s) => s.name)).toEqual(['North, this month']);
    expect(readSaved(store, 'u2')).toEqual([]);
    expect([...store.map.keys()]).toEqual([savedKey('u1')]);
    expect(savedKey('u1')).toContain('u1');
  });

  it('replaces a report of the same name, newest first, and keeps at most the limit', () => {
    let list = withSaved([], { name: 'Weekly', search: 'a' }, now, '1');
    list = withSaved(list, { name: 'Other', search: 'b' }, now, '2');
    list = withSaved(list, { name: ' weekly ', search: 'c' }, now, '3');
    expect(list.map((s) => [s.id, s.name, s.search])).toEqual([
      ['3', 'weekly', 'c'],
      ['2', 'Other', 'b'],
    ]);
    for (let i = 0; i < 30; i++) list = withSaved(list, { name: `n${i}`, search: '' }, now, `x${i}`);
    expect(list).toHaveLength(MAX_SAVED);
    expect(withoutSaved(list, 'x29').some((s) => s.id === 'x29')).toBe(false);
  });

  it('reads a broken or blocked store as no saved reports', () => {
    const store = memory();
    store.setItem(savedKey('u1'), '{not json');
    expect(readSaved(store, 'u1')).toEqual([]);
    store.setItem(savedKey('u1'), JSON.stringify([{ id: 1 }, { id: 'a', name: 'ok', search: '', savedAt: now.toISOString() }]));
    expect(readSaved(store, 'u1').map((s) => s.name)).toEqual(['ok']);
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceeded');
      },
    };
    expect(readSaved(blocked, 'u1')).toEqual([]);
    expect(writeSaved(blocked, 'u1', [])).toBe(false);
    expect(readSaved(null, 'u1')).toEqual([]);
  });
});
