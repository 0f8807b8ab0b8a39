/**
 * Reads an uploaded file of articles: Markdown (one article per `# heading` section, with
 * optional `lang:` and `tags:` lines under the heading) or CSV (columns title, body, language,
 * tags). Every article is checked on its own; a bad one is reported with the line it starts on
 * and the others go ahead.
 */
import type { Readable } from 'node:stream';
import { CreateKnowledgeArticleBody, type KnowledgeImportFormat, type KnowledgeLanguage } from '@telehub/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import { KnowledgeErrors } from './knowledge.errors.js';

export type ImportedArticle = { line: number; value: CreateKnowledgeArticleBody };
export type ImportProblem = { line: number; reason: string };
export type ParsedImport = { format: KnowledgeImportFormat; total: number; articles: ImportedArticle[]; errors: ImportProblem[] };

/** At most this many articles in one file: larger sets go in several files. */
export const IMPORT_MAX_ARTICLES = 2000;
export const IMPORT_MAX_BYTES = 5 * 1_048_576;

export function importFormatOf(filename: string, mimetype?: string): KnowledgeImportFormat | undefined {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown') || mimetype === 'text/markdown') return 'markdown';
  if (lower.endsWith('.csv') || mimetype === 'text/csv') return 'csv';
  return undefined;
}

export type ImportUpload = { filename: string; format: KnowledgeImportFormat; bytes: Buffer };

/** Reads an uploaded file whole, refusing one of another kind at once and one past IMPORT_MAX_BYTES as the bytes pass it. */
export async function readImportUpload(f: { filename: string; mimetype?: string; file: Readable }): Promise<ImportUpload> {
  const format = importFormatOf(f.filename, f.mimetype);
  if (!format) {
    f.file.resume();
    throw KnowledgeErrors.KNOWLEDGE_IMPORT_FORMAT(`file: "${f.filename}" is not a Markdown (.md) or CSV (.csv) file`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of f.file) {
    size += (chunk as Buffer).length;
    if (size > IMPORT_MAX_BYTES) {
      f.file.resume();
      throw KnowledgeErrors.KNOWLEDGE_IMPORT_TOO_LARGE(`file: larger than the ${IMPORT_MAX_BYTES / 1_048_576} MB a knowledge import may be`);
    }
    chunks.push(chunk as Buffer);
  }
  return { filename: f.filename, format, bytes: Buffer.concat(chunks) };
}

const LANGUAGE_NAMES: Record<string, KnowledgeLanguage> = {
  en: 'en',
  eng: 'en',
  english: 'en',
  अंग्रेज़ी: 'en',
  अंग्रेजी: 'en',
  hi: 'hi',
  hin: 'hi',
  hindi: 'hi',
  हिंदी: 'hi',
  हिन्दी: 'hi',
};

/** The language a text is written in, by which script most of its letters are in. */
export function detectLanguage(text: string): KnowledgeLanguage {
  const devanagari = text.match(/[\u0900-\u097F]/g)?.length ?? 0;
  const latin = text.match(/[a-z]/gi)?.length ?? 0;
  return devanagari > latin ? 'hi' : 'en';
}

const splitTags = (s: string) => [
  ...new Set(
    s
      .split(/[,;|]/)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

type Draft = { line: number; title: string; body: string; language: string | null; languageLine: number; tags: string[] };

/** Checks one article against the same rules as the API, with the campaign the upload names. */
function check(d: Draft, campaignId: string | null, out: ParsedImport) {
  let language: KnowledgeLanguage;
  if (d.language === null || d.language.trim() === '') language = detectLanguage(`${d.title} ${d.body}`);
  else {
    const known = LANGUAGE_NAMES[d.language.trim().toLowerCase()];
    if (!known) {
      out.errors.push({ line: d.languageLine, reason: `language: "${d.language.trim()}" is not en or hi` });
      return;
    }
    language = known;
  }
  const parsed = CreateKnowledgeArticleBody.safeParse({ title: d.title, body: d.body, language, tags: d.tags, campaignId, active: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    out.errors.push({ line: d.line, reason: `${issue?.path.join('.') || 'article'}: ${issue?.message ?? 'is not valid'}` });
    return;
  }
  out.articles.push({ line: d.line, value: parsed.data });
}

function parseMarkdown(text: string, campaignId: string | null): ParsedImport {
  const out: ParsedImport = { format: 'markdown', total: 0, articles: [], errors: [] };
  const lines = text.split(/\r?\n/);
  let current: (Draft & { bodyLines: string[]; head: boolean }) | null = null;
  let fence = false;
  let stray = false;
  const finish = () => {
    if (!current) return;
    out.total++;
    check({ ...current, body: current.bodyLines.join('\n').trim() }, campaignId, out);
  };
  lines.forEach((line, i) => {
    const n = i + 1;
    // `# Title` (a bare `#` is a heading with no title, reported as such); `#tag` is not a heading.
    const heading = !fence && /^#(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(line);
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (heading) {
      finish();
      current = { line: n, title: heading[1] ?? '', body: '', language: null, languageLine: n, tags: [], bodyLines: [], head: true };
      return;
    }
    if (!current) {
      if (line.trim() !== '' && !stray) {
        stray = true;
        out.errors.push({ line: n, reason: 'text before the first "# " heading belongs to no article; start each article with a "# Title" line' });
      }
      return;
    }
    // Right under the heading: blank lines, `---` fences and `lang:` / `tags:` lines are settings.
    if (current.head) {
      if (line.trim() === '' || /^---\s*$/.test(line)) return;
      const meta = /^(lang|language|tags|tag)\s*:\s*(.*)$/i.exec(line.trim());
      if (meta) {
        const [, key = '', value = ''] = meta;
        if (key.toLowerCase().startsWith('lang')) {
          current.language = value;
          current.languageLine = n;
        } else current.tags = splitTags(value);
        return;
      }
      current.head = false;
    }
    current.bodyLines.push(line);
  });
  finish();
  return out;
}

type CsvRecord = { record: string[]; info: { lines: number }; raw: string };

function parseCsvArticles(text: string, campaignId: string | null): ParsedImport {
  const out: ParsedImport = { format: 'csv', total: 0, articles: [], errors: [] };
  // The line each record ends on, in file order, skipped ones included: a record starts on the
  // first non-blank line after the one before it ends.
  let lastEnd = 0;
  const starts = new Map<CsvRecord, number>();
  const startOf = (raw: string) => lastEnd + 1 + (/^[\r\n]*/.exec(raw)?.[0].match(/\n/g)?.length ?? 0);
  const records = parseCsv(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
    skip_records_with_error: true,
    // With `info` and `raw`, csv-parse hands over {record, info, raw}; its types know only the cells.
    on_record: (cells, ctx) => {
      const r = cells as unknown as CsvRecord;
      starts.set(r, startOf(r.raw));
      lastEnd = ctx.lines;
      return cells;
    },
    on_skip: (err: { message: string; lines?: number } | undefined, raw?: string) => {
      out.total++;
      out.errors.push({ line: startOf(raw ?? ''), reason: `not readable as CSV: ${err?.message ?? 'malformed row'}` });
      lastEnd = err?.lines ?? lastEnd + 1;
    },
  }) as unknown as CsvRecord[];
  const [header, ...rows] = records;
  if (!header) return out;
  const names = header.record.map((h) => h.trim().toLowerCase());
  const col = (...options: string[]) => names.findIndex((h) => options.includes(h));
  const title = col('title');
  const body = col('body', 'content', 'text');
  const language = col('language', 'lang');
  const tags = col('tags', 'tag');
  if (title < 0 || body < 0)
    throw KnowledgeErrors.KNOWLEDGE_IMPORT_COLUMNS(`file: the first row must name the columns; title and body are required (found: ${names.join(', ')})`);
  for (const r of rows) {
    const line = starts.get(r) ?? r.info.lines;
    out.total++;
    const cell = (i: number) => (i >= 0 ? (r.record[i] ?? '') : '');
    check(
      { line, title: cell(title), body: cell(body), language: language >= 0 ? cell(language) : null, languageLine: line, tags: splitTags(cell(tags)) },
      campaignId,
      out,
    );
  }
  return out;
}

/** Decodes the upload as UTF-8 (strictly: mojibake is refused, not stored) and reads its articles. */
export function parseImport(bytes: Buffer, format: KnowledgeImportFormat, campaignId: string | null): ParsedImport {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw KnowledgeErrors.KNOWLEDGE_IMPORT_NOT_TEXT('file: the file is not UTF-8 text; save it as UTF-8 and upload it again');
  }
  const parsed = format === 'markdown' ? parseMarkdown(text.replace(/^\uFEFF/, ''), campaignId) : parseCsvArticles(text, campaignId);
  if (parsed.total > IMPORT_MAX_ARTICLES) {
    throw KnowledgeErrors.KNOWLEDGE_IMPORT_TOO_MANY(`file: ${parsed.total} articles; at most ${IMPORT_MAX_ARTICLES} in one file, so split it`);
  }
  return parsed;
}
