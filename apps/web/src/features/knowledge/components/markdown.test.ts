import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown';

describe('article Markdown', () => {
  it('reads headings, lists, quotes, code, tables and rules', () => {
    const blocks = parseMarkdown(
      '# Fees\n\nThe course is **₹6,000**.\nPaid yearly.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n```\n# not a heading\n```\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n---',
    );
    expect(blocks.map((b) => b.t)).toEqual(['h', 'p', 'ul', 'ol', 'quote', 'code', 'table', 'hr']);
    expect(blocks[1]).toEqual({
      t: 'p',
      c: [
        { t: 'text', v: 'The course is ' },
        { t: 'strong', c: [{ t: 'text', v: '₹6,000' }] },
        { t: 'text', v: '. Paid yearly.' },
      ],
    });
    expect(blocks[5]).toEqual({ t: 'code', v: '# not a heading' });
    expect(blocks[6]).toMatchObject({
      t: 'table',
      head: [[{ t: 'text', v: 'a' }], [{ t: 'text', v: 'b' }]],
      rows: [[[{ t: 'text', v: '1' }], [{ t: 'text', v: '2' }]]],
    });
  });

  it('keeps links only to web and mail addresses', () => {
    expect(parseInline('[site](https://example.org) and [x](javascript:alert(1))')).toEqual([
      { t: 'link', href: 'https://example.org', c: [{ t: 'text', v: 'site' }] },
      { t: 'text', v: ' and ' },
      { t: 'text', v: 'x' },
      { t: 'text', v: ')' },
    ]);
  });

  it('reads italic and code inside Hindi text', () => {
    expect(parseInline('*छात्रवृत्ति* देखें, `NIOS`')).toEqual([
      { t: 'em', c: [{ t: 'text', v: 'छात्रवृत्ति' }] },
      { t: 'text', v: ' देखें, ' },
      { t: 'code', v: 'NIOS' },
    ]);
  });
});
