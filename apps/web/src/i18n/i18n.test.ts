import { describe, expect, it } from 'vitest';
import { en } from './en';
import { hi } from './hi';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const english = flatten(en);
  const hindi = flatten(hi);

  it('have exactly the same keys', () => {
    expect([...hindi.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('have no empty strings', () => {
    for (const [locale, messages] of [
      ['en', english],
      ['hi', hindi],
    ] as const) {
      const empty = [...messages].filter(([, v]) => v.trim() === '').map(([k]) => `${locale}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same interpolation placeholders', () => {
    const mismatched = [...english].filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(hindi.get(k) ?? '')));
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });

  it('translate the Hindi interface into Devanagari', () => {
    // Brand names, CSV/IP and arrows may stay Latin; a sentence left in English may not.
    const untranslated = [...hindi].filter(([k, v]) => v === english.get(k) && /[a-z]{4,}/i.test(v.replace(/\{\{\w+\}\}|TeleHub|English/g, '')));
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });
});
