import type { ReactNode } from 'react';
import { cn } from '../../../lib/cn';
import { type Block, type Inline, parseMarkdown } from './markdown';

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => mark(n, `${n.t}-${i}`));
}

function mark(n: Inline, key: string): ReactNode {
  switch (n.t) {
    case 'text':
      return n.v;
    case 'strong':
      return <strong key={key}>{inline(n.c)}</strong>;
    case 'em':
      return <em key={key}>{inline(n.c)}</em>;
    case 'code':
      return (
        <code key={key} className="rounded bg-gray-100 px-1 py-0.5 text-[0.85em]">
          {n.v}
        </code>
      );
    case 'link':
      return (
        <a key={key} href={n.href} target="_blank" rel="noreferrer noopener" className="text-indigo-700 underline">
          {inline(n.c)}
        </a>
      );
  }
}

const LEVELS = ['h2', 'h3', 'h4', 'h5', 'h6', 'h6'] as const;
const HEADINGS = [
  'text-lg font-semibold',
  'text-base font-semibold',
  'text-sm font-semibold',
  'text-sm font-semibold',
  'text-sm font-medium',
  'text-sm font-medium',
];

function block(b: Block, i: number): ReactNode {
  switch (b.t) {
    case 'h': {
      // One level below the page's own heading.
      const Heading = LEVELS[b.level - 1] ?? 'h6';
      return (
        <Heading key={i} className={cn('text-gray-900', HEADINGS[b.level - 1])}>
          {inline(b.c)}
        </Heading>
      );
    }
    case 'p':
      return <p key={i}>{inline(b.c)}</p>;
    case 'ul':
    case 'ol': {
      const List = b.t;
      return (
        <List key={i} className={cn('space-y-1 pl-5', b.t === 'ul' ? 'list-disc' : 'list-decimal')}>
          {b.items.map((item, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place
            <li key={k}>{inline(item)}</li>
          ))}
        </List>
      );
    }
    case 'quote':
      return (
        <blockquote key={i} className="border-l-4 border-gray-200 pl-3 text-gray-700">
          {inline(b.c)}
        </blockquote>
      );
    case 'code':
      return (
        <pre key={i} className="overflow-x-auto rounded bg-gray-50 p-3 text-xs ring-1 ring-gray-200">
          <code>{b.v}</code>
        </pre>
      );
    case 'table':
      return (
        <div key={i} className="overflow-x-auto">
          <table className="min-w-full border-collapse text-sm">
            <thead>
              <tr>
                {b.head.map((c, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns have no identity but their place
                  <th key={k} className="border-b border-gray-300 px-2 py-1 text-left font-semibold">
                    {inline(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                <tr key={r}>
                  {row.map((c, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity but their place
                    <td key={k} className="border-b border-gray-100 px-2 py-1">
                      {inline(c)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'hr':
      return <hr key={i} className="border-gray-200" />;
  }
}

/** An article's Markdown, shown as it will read. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  return <div className={cn('space-y-3 text-sm leading-relaxed text-gray-800 [overflow-wrap:anywhere]', className)}>{parseMarkdown(source).map(block)}</div>;
}
