/** The search index on its own: ranking across scripts, filters, snippets, and staying right through many changes. */
import { describe, expect, it } from 'vitest';
import { plainText } from './knowledge.fold.js';
import { createKnowledgeIndex, type IndexedArticle } from './knowledge.index.js';

let seq = 0;
const article = (over: Partial<IndexedArticle> & Pick<IndexedArticle, 'title' | 'body'>): IndexedArticle => ({
  id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  language: 'en',
  tags: [],
  campaignId: null,
  active: true,
  updatedAt: seq,
  ...over,
});

function corpus() {
  const ix = createKnowledgeIndex();
  const a = {
    hostelEn: article({ title: 'Hostel fees and living costs', body: 'The girls hostel costs Rs 2,500 a month with meals.' }),
    hostelHi: article({ title: 'हॉस्टल की फीस', body: 'लड़कियों के हॉस्टल का खर्च ₹2,500 महीना है, खाना शामिल है।', language: 'hi' }),
    scholarshipHi: article({ title: 'छात्रवृत्ति', body: 'दो लाख से कम आय वाले परिवारों को पूरी छात्रवृत्ति मिलती है।', language: 'hi' }),
    timings: article({ title: 'Batch timings', body: 'Morning batch 8 to 11, evening batch 5 to 8.' }),
    campaignOnly: article({ title: 'Drive dates', body: 'The hostel opens for this drive in April.', campaignId: 'c1' }),
    inactive: article({ title: 'Old hostel rules', body: 'Hostel gates closed at 7 pm.', active: false }),
  };
  for (const x of Object.values(a)) ix.upsert(x);
  return { ix, a };
}

describe('knowledge index', () => {
  it('finds the Hindi and the English article for a Hinglish question', () => {
    const { ix, a } = corpus();
    const ids = ix.search('hostel ka kharcha kitna hai', {}, 10).map((h) => h.id);
    expect(ids.slice(0, 2).sort()).toEqual([a.hostelEn.id, a.hostelHi.id].sort());
  });

  it('matches Devanagari queries to Latin spellings and back', () => {
    const { ix, a } = corpus();
    expect(ix.search('chhatravritti', {}, 1)[0]?.id).toBe(a.scholarshipHi.id);
    expect(ix.search('छात्रवृत्ति', {}, 1)[0]?.id).toBe(a.scholarshipHi.id);
    expect(ix.search('हॉस्टल', { lang: 'en' }, 1)[0]?.id).toBe(a.hostelEn.id);
    expect(ix.search('phees', { lang: 'hi' }, 1)[0]?.id).toBe(a.hostelHi.id);
  });

  it('finds words typed a little wrong', () => {
    const { ix, a } = corpus();
    expect(ix.search('timngs', {}, 1)[0]?.id).toBe(a.timings.id);
  });

  it('applies the language, campaign and active filters', () => {
    const { ix, a } = corpus();
    const ids = (filter: Parameters<typeof ix.search>[1]) => ix.search('hostel', filter, 10).map((h) => h.id);
    expect(ids({})).not.toContain(a.inactive.id);
    expect(ids({ includeInactive: true })).toContain(a.inactive.id);
    expect(ids({ lang: 'hi' })).toEqual([a.hostelHi.id]);
    expect(ids({ campaignId: null })).not.toContain(a.campaignOnly.id);
    expect(ids({ campaignId: 'c1' })).toContain(a.campaignOnly.id);
    expect(ids({ campaignId: 'c2' })).not.toContain(a.campaignOnly.id);
    expect(ids({ campaignExact: 'c1' })).toEqual([a.campaignOnly.id]);
  });

  it('cuts a snippet around the first matching word, as plain text', () => {
    const ix = createKnowledgeIndex();
    const long = `${'Intro sentence about the programme. '.repeat(8)}**Scholarships** cover the [hostel](https://example.org) too. ${'More text. '.repeat(20)}`;
    ix.upsert(article({ title: 'Long one', body: long }));
    const [hit] = ix.search('scholarship', {}, 1);
    expect(hit?.snippet).toMatch(/^…/);
    expect(hit?.snippet).toContain('Scholarships cover the hostel too.');
    expect(hit?.snippet).not.toContain('**');
    expect(plainText('# Title\n\n- item *one*\n> quote')).toBe('Title item one quote');
  });

  it('stays right through thousands of edits and removals (dead entries compacted away)', () => {
    const ix = createKnowledgeIndex();
    const ids = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`);
    const words = ['hostel', 'fees', 'batch', 'online', 'scholarship', 'placement', 'refund', 'safety'];
    for (let round = 0; round < 40; round++) {
      for (const [i, id] of ids.entries()) {
        const w = words[(i + round) % words.length] as string;
        ix.upsert({ ...article({ title: `Article ${i}`, body: `About ${w} ${'filler words '.repeat(10)}` }), id });
      }
    }
    for (const id of ids.slice(0, 50)) ix.remove(id);
    expect(ix.size).toBe(150);
    // In the last round article i was about words[(i + 39) % 8].
    const expected = ids.filter((_, i) => i >= 50 && words[(i + 39) % words.length] === 'refund').sort();
    expect(
      ix
        .search('refund', {}, 200)
        .map((h) => h.id)
        .sort(),
    ).toEqual(expected);
    expect(ix.search('article 10', {}, 200).map((h) => h.id)).not.toContain(ids[10]);
  });
});
