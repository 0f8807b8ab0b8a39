/**
 * The Markdown articles use, read into a small tree that React renders as elements (never as
 * HTML, so an article cannot inject markup): headings, paragraphs, lists, quotes, code, simple
 * tables, rules; bold, italic, code and links (http, https and mailto only) inside them.
 */
export type Inline = { t: 'text'; v: string } | { t: 'strong' | 'em'; c: Inline[] } | { t: 'code'; v: string } | { t: 'link'; href: string; c: Inline[] };

export type Block =
  | { t: 'h'; level: number; c: Inline[] }
  | { t: 'p'; c: Inline[] }
  | { t: 'ul' | 'ol'; items: Inline[][] }
  | { t: 'quote'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'table'; head: Inline[][]; rows: Inline[][][] }
  | { t: 'hr' };

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** Inline marks, outermost first: code spans, links, bold, italic. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_/;
  let rest = text;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index > 0) out.push({ t: 'text', v: rest.slice(0, m.index) });
    const [all, code, label, href, b1, b2, i1, i2] = m;
    if (code !== undefined) out.push({ t: 'code', v: code });
    else if (label !== undefined && href !== undefined) {
      out.push(SAFE_HREF.test(href) ? { t: 'link', href, c: parseInline(label) } : { t: 'text', v: label });
    } else if ((b1 ?? b2) !== undefined) out.push({ t: 'strong', c: parseInline(b1 ?? b2 ?? '') });
    else out.push({ t: 'em', c: parseInline(i1 ?? i2 ?? '') });
    rest = rest.slice(m.index + all.length);
  }
  if (rest) out.push({ t: 'text', v: rest });
  return out;
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => parseInline(c.trim()));

export function parseMarkdown(md: string): Block[] {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  const at = (k: number) => lines[k] ?? '';
  while (i < lines.length) {
    const line = at(i);
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (/^\s*(```|~~~)/.test(line)) {
      const body: string[] = [];
      for (i++; i < lines.length && !/^\s*(```|~~~)/.test(at(i)); i++) body.push(at(i));
      blocks.push({ t: 'code', v: body.join('\n') });
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      blocks.push({ t: 'h', level: heading[1]?.length ?? 1, c: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ t: 'hr' });
      i++;
      continue;
    }
    if (line.includes('|') && /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(at(i + 1))) {
      const head = cells(line);
      const rows: Inline[][][] = [];
      for (i += 2; i < lines.length && at(i).includes('|') && at(i).trim() !== ''; i++) rows.push(cells(at(i)));
      blocks.push({ t: 'table', head, rows });
      continue;
    }
    const list = /^\s*([-*+]|\d+[.)])\s+/.exec(line);
    if (list) {
      const ordered = /\d/.test(list[1] ?? '');
      const items: Inline[][] = [];
      for (; i < lines.length; i++) {
        const m = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(at(i));
        if (!m || /\d/.test(m[1] ?? '') !== ordered) break;
        items.push(parseInline(m[2] ?? ''));
      }
      blocks.push({ t: ordered ? 'ol' : 'ul', items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body: string[] = [];
      for (; i < lines.length && /^\s*>/.test(at(i)); i++) body.push(at(i).replace(/^\s*>\s?/, ''));
      blocks.push({ t: 'quote', c: parseInline(body.join(' ')) });
      continue;
    }
    const para: string[] = [];
    for (; i < lines.length && at(i).trim() !== '' && !/^(#{1,6}\s|\s*([-*+]|\d+[.)])\s|\s*>|\s*```)/.test(at(i)); i++) para.push(at(i).trim());
    blocks.push({ t: 'p', c: parseInline(para.join(' ')) });
  }
  return blocks;
}
